# shihyo — build, demo and tests. `make demo` then `make test` on a fresh clone.
GO      ?= go
BIN     := bin/shihyo
ECHARTS := dashboards/assets/echarts.min.js
NPM_STAMP := web/node_modules/.installed
FUZZTIME ?= 10s

.PHONY: all build demo test bench bench-scale sample check-r fuzz clean screenshots

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
	./$(BIN) gen --out data/sample --force

test: $(ECHARTS)
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(MAKE) fuzz

# Fuzz the readers of staff-edited text for FUZZTIME each (a duration, or a
# count such as 20000x). The seed corpora are in each package's
# testdata/fuzz/; a failing input is written there too, and fails the run.
# -fuzzminimizetime keeps a short run fuzzing rather than minimising.
fuzz:
	$(call fuzz-one,FuzzReadCSV,./pipeline/input/csvfile/)
	$(call fuzz-one,FuzzParseFilter,./pipeline/input/)
	$(call fuzz-one,FuzzParseWeight,./pipeline/input/cell/)
	$(call fuzz-one,FuzzParse,./pipeline/input/wareki/)
	$(call fuzz-one,FuzzExtract,./pipeline/input/plantext/)
	$(call fuzz-one,FuzzReadPlan,./pipeline/input/plandoc/)
	$(call fuzz-one,FuzzCellText,./pipeline/input/workbook/xlsxtext/)
	$(call fuzz-one,FuzzParseMulti,./pipeline/input/multi/)

# fuzz-one runs target $(1) of package $(2). Go 1.26 may end a run timed by
# -fuzztime with a bare "context deadline exceeded" that is no finding
# (golang/go#75804, fixed in Go 1.27): without a failing input written, that
# run passes with a note; any other failure fails.
define fuzz-one
	@log=$$(mktemp) && echo "fuzz $(1) ($(FUZZTIME))" && \
	if $(GO) test -run '^$$' -fuzz '^$(1)$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 1s $(2) >"$$log" 2>&1; then \
		tail -n 1 "$$log"; rm -f "$$log"; \
	elif grep -q 'context deadline exceeded' "$$log" && ! grep -q 'Failing input written' "$$log"; then \
		echo "fuzz $(1): no failing input; the deadline error is golang/go#75804"; rm -f "$$log"; \
	else \
		cat "$$log"; rm -f "$$log"; exit 1; \
	fi
endef

bench: $(ECHARTS)
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Issue 16's scale benchmark (BENCHMARKS.md): generates the Osaka-scale set
# and the 10x one, then measures each phase in a child process against
# DuckDB's own read_csv of the same files in the same run. It takes many
# minutes and is not part of make test. BENCH_FLAGS, e.g. -sets osaka -runs 1
# or -work DIR -keep to reuse the generated sets.
BENCH_FLAGS ?=
bench-scale: build
	$(GO) run ./bench -shihyo $(BIN) $(BENCH_FLAGS)

# Re-derive the R cross-check values with R's survey package (Rscript and
# r-cran-survey) and compare them with the committed ones that
# TestCrossCheckR checks the pipeline against.
check-r:
	@out=$$(mktemp -d) && trap 'rm -rf "$$out"' EXIT && \
	Rscript pipeline/compute/testdata/crosscheck/crosscheck.R pipeline/compute/testdata/crosscheck "$$out" && \
	{ diff -ru pipeline/compute/testdata/crosscheck/expected "$$out" || \
	  { echo "check-r: R's values differ from pipeline/compute/testdata/crosscheck/expected" >&2; exit 1; }; } && \
	$(GO) test -count=1 -run 'TestCrossCheckR' ./pipeline/compute/

# Retake the README's screenshots (docs/screenshots/*.png) in headless
# chromium from the pages a refresh of data/sample publishes. make test runs
# the same browser test without SHIHYO_SCREENSHOTS and leaves them alone.
screenshots: $(ECHARTS)
	SHIHYO_SCREENSHOTS=1 $(GO) test -count=1 -run '^TestSampleSiteInBrowser$$' ./dashboards/

clean:
	rm -rf bin out .out.tmp-* .out.old-* .out.lock .shihyo.duckdb.tmp-* shihyo.duckdb shihyo.duckdb.wal shihyo.duckdb.lock \
		shihyo.duckdb.schedule.lock shihyo.runs.duckdb shihyo.runs.duckdb.wal \
		.out.new-* .out.status-* shihyo.duckdb.next-*
