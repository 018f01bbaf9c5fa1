# shihyo — build, demo and tests. `make demo` then `make test` on a fresh clone.
GO      ?= go
BIN     := bin/shihyo
ECHARTS := dashboards/assets/echarts.min.js
NPM_STAMP := web/node_modules/.installed

.PHONY: all build demo test bench sample check-r fuzz clean

all: build

# ECharts comes from the npm registry, pinned in web/package-lock.json to the
# version go-echarts targets, and is embedded in the binary.
$(NPM_STAMP): web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund --loglevel=error
	touch $@

$(ECHARTS): $(NPM_STAMP)
	cp web/node_modules/echarts/dist/echarts.min.js $@

build: $(ECHARTS)
	$(GO) build -o $(BIN) .

# Refresh the committed sample data and print the path of the overview page.
demo: build
	./$(BIN) refresh --data data/sample --db shihyo.duckdb --out out

# Regenerate data/sample with the generator (a test checks it is up to date).
sample: build
	./$(BIN) gen --out data/sample

test: $(ECHARTS)
	$(GO) vet ./...
	$(GO) test -count=1 ./...

bench: $(ECHARTS)
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Re-derive the R cross-check values with R's survey package (Rscript and
# r-cran-survey) and compare them with the committed ones that
# TestCrossCheckR checks the pipeline against.
check-r:
	@out=$$(mktemp -d) && trap 'rm -rf "$$out"' EXIT && \
	Rscript pipeline/compute/testdata/crosscheck/crosscheck.R pipeline/compute/testdata/crosscheck "$$out" && \
	{ diff -ru pipeline/compute/testdata/crosscheck/expected "$$out" || \
	  { echo "check-r: R's values differ from pipeline/compute/testdata/crosscheck/expected" >&2; exit 1; }; } && \
	$(GO) test -count=1 -run 'TestCrossCheckR' ./pipeline/compute/

clean:
	rm -rf bin out .out.new-* shihyo.duckdb shihyo.duckdb.wal
