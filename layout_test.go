package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/shihyo/shihyo"

// layers ranks every package of the module, top (the command) first: a
// package may import only packages of a greater rank, so that the imports
// run one way, the way the data flows (README, Layout). Packages of one
// rank never import each other: schedules and pipeline; the dashboards and
// the exports.
var layers = map[string]int{
	"bench": 5,  // make bench-scale: runs the command as child processes
	"":      10, // the command: main.go, cmd_*.go

	"schedules": 20, "pipeline": 20, "gen": 20, "pipeline/plandraft": 20,
	"pipeline/stage": 22, "pipeline/firstrun": 22, "pipeline/defcache": 22,
	"pipeline/lock": 25, "pipeline/history": 25, "pipeline/manifest": 25, "pipeline/sidedb": 25,
	"pipeline/audit": 30, "pipeline/audit/pubtable": 31,
	"internal/sitetest": 28, // a published site read back, for tests only

	"dashboards": 30, "dashboards/serve": 30, "dashboards/status": 30, "pipeline/export": 30,
	"dashboards/breakdown": 32, "dashboards/budget": 32, "dashboards/simple": 32, "dashboards/indicator": 32, "dashboards/targets": 36,
	"dashboards/charts/bars": 33, "dashboards/charts": 34, "dashboards/charts/steps": 35, "dashboards/layout": 35, "dashboards/wave": 34, "pipeline/export/xlsx": 34,
	"dashboards/pageset":   38,
	"pipeline/export/plan": 36, "pipeline/export/sitetables": 36,
	"present/selfeval": 38,

	"present": 40,

	"pipeline/engine":              45,
	"pipeline/compute/frequencies": 48, "pipeline/compute/store": 48,
	"pipeline/compute": 49,
	"pipeline/load":    50, "pipeline/compute/keep": 50,
	"pipeline/compute/decide":  51,
	"pipeline/tally":           52,
	"pipeline/disclose/search": 52, // imports its targets (53)
	"pipeline/tally/microdata": 53, "pipeline/disclose/search/targets": 53,
	"pipeline/disclose/dims":         54,
	"pipeline/disclose/disclosetest": 54, // random linked tables, for tests only
	"pipeline/disclose":              55,
	"pipeline/compute/stats":         55, "pipeline/compute/smallcount": 56,
	"pipeline/disclose/solve": 56, "pipeline/disclose/space": 56,

	"pipeline/input/inputtest":   58, // the defect cases, for tests only
	"pipeline/input":             60,
	"pipeline/input/planactions": 61, "pipeline/input/across": 61,
	"pipeline/input/codes": 62, "pipeline/input/responses": 62, "pipeline/input/field": 62, "pipeline/input/series": 62,
	"pipeline/input/wardnames":         62,
	"pipeline/input/tables":            63,
	"pipeline/input/csvfile":           64,
	"pipeline/input/plandoc":           65, // the whole plan text, for plan extract
	"pipeline/input/model":             66,
	"pipeline/input/plandoc/header":    66, // imports its sibling paragraph (67)
	"pipeline/input/workbook":          66, // imports its parts (67)
	"pipeline/input/plandoc/paragraph": 67, "pipeline/input/plandoc/sentence": 67,
	"pipeline/input/plandoc/budget": 67, "pipeline/input/plandoc/assign": 67,
	"pipeline/input/workbook/parts": 67, "pipeline/input/multi": 67,
	"pipeline/input/cell": 68, "pipeline/input/datafile": 68, "pipeline/input/plantext": 68,
	"pipeline/input/workbook/xlsxtext": 69,
	"pipeline/input/wards":             69, "pipeline/input/wareki": 69,

	"queries": 70, "internal/jst": 70, "internal/csvsafe": 70, "internal/fsatomic": 70, "internal/sitedir": 70,
	"internal/progress": 70, "internal/parallel": 70,
}

// Size limits: lines of a package's non-test files, and of one function
// (tables of data aside).
const (
	maxPackageLines = 1000
	maxFuncLines    = 60
)

var (
	bigPackages = map[string]bool{"gen": true}                                 // the generator: sample data as code
	dataTables  = map[string]bool{"gen/sample_tsurumi.go:tsurumiTopics": true} // a table of the plan's indicators
)

// goPackage is one folder of the module: its non-test files parsed.
type goPackage struct {
	dir   string
	files map[string]*ast.File
	fset  *token.FileSet
	lines int
}

func parsePackages(t *testing.T) map[string]*goPackage {
	t.Helper()
	pkgs := map[string]*goPackage{}
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." && (d.Name() == "testdata" || d.Name() == "web" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		dir := filepath.ToSlash(filepath.Dir(p))
		if dir == "." {
			dir = ""
		}
		pkg := pkgs[dir]
		if pkg == nil {
			pkg = &goPackage{dir: dir, files: map[string]*ast.File{}, fset: token.NewFileSet()}
			pkgs[dir] = pkg
		}
		f, err := parser.ParseFile(pkg.fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		pkg.files[filepath.ToSlash(p)] = f
		b, err := os.ReadFile(p)
		pkg.lines += strings.Count(string(b), "\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// TestLayout: the imports between the module's packages go downward only
// (layers); no package is over maxPackageLines lines and no function over
// maxFuncLines, but the generator and its table of data.
func TestLayout(t *testing.T) {
	pkgs := parsePackages(t)
	for dir, pkg := range pkgs {
		rank, ok := layers[dir]
		if !ok {
			t.Errorf("package %q has no layer: add it to layers (and to the README's Layout)", dir)
			continue
		}
		for name, f := range pkg.files {
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if p != module && !strings.HasPrefix(p, module+"/") {
					continue
				}
				to := strings.TrimPrefix(strings.TrimPrefix(p, module), "/")
				if r, ok := layers[to]; ok && r <= rank {
					t.Errorf("%s imports %s: upward or sideways (%d → %d)", name, to, rank, r)
				}
			}
		}
		if pkg.lines > maxPackageLines && !bigPackages[dir] {
			t.Errorf("package %q has %d lines; at most %d", dir, pkg.lines, maxPackageLines)
		}
		checkFuncs(t, pkg)
	}
	for dir := range layers {
		if _, ok := pkgs[dir]; !ok {
			t.Errorf("layers names %q, which is no package", dir)
		}
	}
}

func checkFuncs(t *testing.T, pkg *goPackage) {
	t.Helper()
	names := make([]string, 0, len(pkg.files))
	for n := range pkg.files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, d := range pkg.files[name].Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			n := pkg.fset.Position(fd.End()).Line - pkg.fset.Position(fd.Pos()).Line + 1
			if n > maxFuncLines && !dataTables[path.Clean(name)+":"+fd.Name.Name] {
				t.Errorf("%s: func %s has %d lines; at most %d", name, fd.Name.Name, n, maxFuncLines)
			}
		}
	}
}
