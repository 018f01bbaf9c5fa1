// Package manifest is what a successful refresh was made from and what it
// published, kept in the database so that the next refresh can tell what
// changed (see the comment below).
package manifest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/shihyo/shihyo/dashboards/status"
	"github.com/shihyo/shihyo/internal/parallel"
	"github.com/shihyo/shihyo/pipeline/input/datafile"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/wards"
	"github.com/shihyo/shihyo/queries"
)

// The incremental refresh rests on a manifest kept in the database (table
// manifest, queries/create_manifest.sql) and written in the same transaction as
// the data, so that the two never disagree:
//
//   - the sha256 of every input file: the definition files and every
//     response file named in surveys.csv;
//   - for each wave, a fingerprint of everything its rows are read from: its
//     row of surveys.csv, its rows of questions.csv and choices.csv and the
//     content of its response file. A wave is read and loaded again exactly
//     when its fingerprint changes; an edit of indicators.csv, plans.csv,
//     plan_issues.csv or plan_actions.csv reloads no wave at all;
//   - the sha256 of every published file but status.html, so that a site
//     that was never swapped in (a refresh killed after COMMIT), or was
//     altered, is rendered again;
//   - the content key of every page (dashboards.RenderSite): a page whose
//     key is unchanged is linked from the published site, if that file is
//     still as published, instead of being rendered again;
//   - the identity of the shihyo binary: a new version reloads everything.

// definitionFiles are hashed on every run, present or not: each file and
// the workbook that may stand for it.
var definitionFiles = func() []string {
	var out []string
	for _, name := range []string{
		model.SurveysFile, model.QuestionsFile, model.ChoicesFile,
		model.IndicatorsFile, model.PlansFile, model.PlanIssuesFile, model.PlanActionsFile,
	} {
		out = append(out, name, model.WorkbookName(name))
	}
	return out
}()

// DefinitionFiles are the names of the definition files of a data folder,
// each beside the workbook that may stand for it: what input.Read reads.
func DefinitionFiles() []string { return slices.Clone(definitionFiles) }

// HashDefinitions hashes the definition files of the data folder dir that
// are there, as HashTree would.
func HashDefinitions(ctx context.Context, dir string) (map[string]FileHash, error) {
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	out := map[string]FileHash{}
	return out, hashInputs(ctx, dir, definitionFiles, out)
}

// inputExts are the extensions of the files HashTree hashes: those the
// readers read (tables.IsWorkbook; a response file saved as 「Unicode
// テキスト」 is a .txt).
var inputExts = []string{".csv", ".xlsx", ".xlsm", ".txt", ".tsv"}

// Kinds of manifest rows.
const (
	kindInput   = "input"
	kindWave    = "wave"
	kindSite    = "site"
	kindPage    = "page"
	kindSource  = "source"
	kindProgram = "program"
)

type FileHash struct {
	SHA256 string
	Size   int64
}

// Manifest is what a successful refresh was made from and what it published.
type Manifest struct {
	Program string
	Inputs  map[string]FileHash // by slash path relative to the data folder
	Waves   map[string]string   // survey id → fingerprint
	Site    map[string]FileHash // by slash path relative to out, status.html excluded
	Pages   map[string]string   // page file → the content key it was rendered from
	Sources map[string]string   // page file → the key of what its model was built from (pageset.Job.Source)
	// Segments are how the published tables that may be copied in part
	// run (Segment), by file. Read does not read them (ReadSegments).
	Segments map[string][]Segment
}

func New() Manifest {
	return Manifest{Inputs: map[string]FileHash{}, Waves: map[string]string{}, Site: map[string]FileHash{},
		Pages: map[string]string{}, Sources: map[string]string{}}
}

// Empty is true for a database that no refresh has completed in.
func (m Manifest) Empty() bool { return m.Program == "" || len(m.Waves) == 0 }

// Read reads the stored Manifest; a database no refresh has
// completed in gives an empty one. It writes nothing: a refresh that fails
// or finds nothing to do leaves the database file as it was.
func Read(ctx context.Context, conn *sql.Conn) (Manifest, error) {
	m := New()
	exists, err := queries.TableExists(ctx, conn, "manifest")
	if err != nil {
		return m, fmt.Errorf("read manifest: %w", err)
	}
	if !exists {
		return m, nil
	}
	err = queries.Each(ctx, conn, "select_manifest", nil, func(rows *sql.Rows) error {
		var r row
		if err := queries.ScanByName(rows, &r); err != nil {
			return err
		}
		m.add(r)
		return nil
	})
	if err != nil {
		return m, fmt.Errorf("read manifest: %w", err)
	}
	return m, nil
}

// add puts the stored row r into m.
func (m *Manifest) add(r row) {
	h := FileHash{SHA256: r.SHA256, Size: r.Size}
	switch r.Kind {
	case kindInput:
		m.Inputs[r.Path] = h
	case kindWave:
		m.Waves[r.Path] = h.SHA256
	case kindSite:
		m.Site[r.Path] = h
	case kindPage:
		m.Pages[r.Path] = h.SHA256
	case kindSource:
		m.Sources[r.Path] = h.SHA256
	case kindProgram:
		m.Program = h.SHA256
	}
}

// Write replaces the stored Manifest with m, inside the caller's
// transaction.
func Write(ctx context.Context, conn *sql.Conn, m Manifest) error {
	if err := queries.Exec(ctx, conn, "create_manifest"); err != nil {
		return err
	}
	if err := queries.Exec(ctx, conn, "delete_manifest"); err != nil {
		return err
	}
	// Appended: one row per published file and per page, thousands for a
	// city, which one-row INSERTs took most of a second to write.
	err := queries.WithDriver(conn, func(c driver.Conn) error { return queries.AppendAll(c, "manifest", m.rows(), nil) })
	if err != nil {
		return err
	}
	return writeSegments(ctx, conn, m)
}

// row is a row of the manifest table; the `db` tags are its columns in
// order (queries/create_manifest.sql).
type row struct {
	Kind   string `db:"kind"`
	Path   string `db:"path"`
	SHA256 string `db:"sha256"`
	Size   int64  `db:"size"`
}

func (m Manifest) rows() []row {
	rows := []row{{kindProgram, "shihyo", m.Program, 0}}
	for p, h := range m.Inputs {
		rows = append(rows, row{kindInput, p, h.SHA256, h.Size})
	}
	for id, fp := range m.Waves {
		rows = append(rows, row{kindWave, id, fp, 0})
	}
	for p, h := range m.Site {
		rows = append(rows, row{kindSite, p, h.SHA256, h.Size})
	}
	for p, k := range m.Pages {
		rows = append(rows, row{kindPage, p, k, 0})
	}
	for p, k := range m.Sources {
		rows = append(rows, row{kindSource, p, k, 0})
	}
	return rows
}

// hashFile returns the sha256 and size of the file name (a slash path) of
// the folder dir. It opens the file as the reader does (datafile.Open):
// a missing file, a link that leads outside dir, a FIFO, a device or a file
// over datafile.MaxSize gives an *datafile.FileError and is not read, and a
// cancelled ctx stops the hashing within one buffer.
func hashFile(ctx context.Context, dir, name string) (FileHash, error) {
	f, err := datafile.Open(ctx, dir, filepath.FromSlash(name))
	if err != nil {
		return FileHash{}, err
	}
	return hashOpen(name, f)
}

// hashIn is hashFile for a file of a folder opened once.
func hashIn(ctx context.Context, d *datafile.Folder, name string) (FileHash, error) {
	f, err := d.Open(ctx, filepath.FromSlash(name))
	if err != nil {
		return FileHash{}, err
	}
	return hashOpen(name, f)
}

// HashOf is the FileHash of a file holding content: what a file written
// from bytes in memory is recorded with, or is checked against.
func HashOf(content []byte) FileHash {
	sum := sha256.Sum256(content)
	return FileHash{SHA256: hex.EncodeToString(sum[:]), Size: int64(len(content))}
}

// hashOpen hashes the opened file name and closes it.
func hashOpen(name string, f *datafile.File) (FileHash, error) {
	defer f.Close()
	buf := copyBuffers.Get().(*[]byte)
	defer copyBuffers.Put(buf)
	h := sha256.New()
	n, err := io.CopyBuffer(h, f, *buf)
	if err != nil {
		return FileHash{}, fmt.Errorf("hash %s: %w", name, err)
	}
	return FileHash{SHA256: hex.EncodeToString(h.Sum(nil)), Size: n}, nil
}

// copyBuffers are the buffers files are hashed through: io.Copy made one
// for each of the thousand files of a site it hashed (35 MB a refresh).
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// refused reports whether hashFile refused the file rather than failed.
func refused(err error) bool {
	var fe *datafile.FileError
	return errors.As(err, &fe)
}

// hashInputs hashes the files at the slash paths names under dir into into,
// reusing hashes already there. A file hashFile refuses (a missing one, a
// FIFO …) is left out: the reader reports it where it matters.
func hashInputs(ctx context.Context, dir string, names []string, into map[string]FileHash) error {
	var todo []string
	listed := map[string]bool{}
	for _, name := range names {
		if _, done := into[name]; !done && !listed[name] {
			todo, listed[name] = append(todo, name), true
		}
	}
	return hashNames(ctx, dir, todo, into, true)
}

// hashNames hashes the files at the slash paths names under dir into into,
// on every core: a city-wide site is about 90 MB, and a no-op refresh hashes
// all of it. A file hashFile refuses is left out when leaveRefused, and is
// an error otherwise; the error is that of the first such name in order.
func hashNames(ctx context.Context, dir string, names []string, into map[string]FileHash, leaveRefused bool) error {
	hash := func(name string) (FileHash, error) { return hashFile(ctx, dir, name) }
	if d, err := datafile.OpenFolder(dir); err == nil { // else each file says why
		defer d.Close()
		hash = func(name string) (FileHash, error) { return hashIn(ctx, d, name) }
	}
	sums := make([]FileHash, len(names))
	left := make([]bool, len(names))
	err := parallel.Each(ctx, len(names), func(i int) (err error) {
		sums[i], err = hash(names[i])
		if leaveRefused && refused(err) {
			left[i], err = true, nil
		}
		return err
	})
	if err != nil {
		return err
	}
	for i, name := range names {
		if !left[i] {
			into[name] = sums[i]
		}
	}
	return nil
}

// HashTree hashes every input file below dir (.csv, .xlsx, .txt, .tsv; any
// case), as slash paths relative to it,
// before any of them is parsed. The manifest then stores the hash of what
// was there before the reading, so a file edited while a refresh reads it
// is loaded again by the next refresh instead of passing as loaded. Files
// hashFile refuses are left out, and so is everything when dir is no
// folder: the reader reports them.
func HashTree(ctx context.Context, dir string) (map[string]FileHash, error) {
	out := map[string]FileHash{}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real // a linked data folder is walked too
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return out, nil
	}
	var names []string // the input files, in the walk's order
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !slices.Contains(inputExts, strings.ToLower(filepath.Ext(p))) {
			return err
		}
		if t := d.Type(); !t.IsRegular() && t&fs.ModeSymlink == 0 {
			return nil // a FIFO or a device: never opened
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		names = append(names, path.Clean(filepath.ToSlash(rel)))
		return nil
	})
	if err == nil {
		err = hashInputs(ctx, dir, names, out)
	}
	if err != nil {
		return nil, fmt.Errorf("hash input files: %w", err)
	}
	return out, nil
}

// InputsUnchanged hashes (into cache, reusing what is there) the definition
// files and the response files the stored Manifest lists, without parsing
// any CSV, and reports whether all of them are as stored.
func InputsUnchanged(ctx context.Context, dir string, stored Manifest, cache map[string]FileHash) (bool, error) {
	names := slices.Clone(definitionFiles)
	for p := range stored.Inputs {
		if !slices.Contains(definitionFiles, p) {
			names = append(names, p)
		}
	}
	if err := hashInputs(ctx, dir, names, cache); err != nil {
		return false, err
	}
	cur := make(map[string]FileHash, len(names))
	for _, n := range names {
		if h, ok := cache[n]; ok {
			cur[n] = h
		}
	}
	return len(Diff(stored.Inputs, cur)) == 0, nil
}

// responseFile is the manifest path of a wave's response file.
func responseFile(s model.Survey) string { return path.Clean(filepath.ToSlash(s.File)) }

// Current hashes every input file of ds (reusing cache) and
// fingerprints every wave.
func Current(ctx context.Context, ds *model.Dataset, cache map[string]FileHash) (Manifest, error) {
	m := New()
	m.Program = ProgramID()
	names := slices.Clone(definitionFiles)
	for _, s := range ds.Surveys {
		names = append(names, responseFile(s))
	}
	if err := hashInputs(ctx, ds.Dir, names, cache); err != nil {
		return m, err
	}
	for _, n := range names {
		if h, ok := cache[n]; ok {
			m.Inputs[n] = h
		}
	}
	choices := map[string][]model.Choice{} // by wave: one pass, not one per wave
	for _, c := range ds.Choices {
		choices[c.SurveyID] = append(choices[c.SurveyID], c)
	}
	fps := make([]string, len(ds.Surveys))
	err := parallel.Each(ctx, len(ds.Surveys), func(i int) (err error) {
		s := ds.Surveys[i]
		fps[i], err = fingerprint(ds, s, choices[s.ID], m.Inputs[responseFile(s)])
		return err
	})
	if err != nil {
		return m, err
	}
	for i, s := range ds.Surveys {
		m.Waves[s.ID] = fps[i]
	}
	return m, nil
}

// fingerprint hashes what the rows of wave s are read from (responses.ReadWave):
// its survey row, its questions and choices (choices, in file order), and
// its response file. Line numbers are left out: moving a row within a file
// changes nothing.
func fingerprint(ds *model.Dataset, s model.Survey, choices []model.Choice, file FileHash) (string, error) {
	var in struct {
		Survey    model.Survey
		Questions []model.Question
		Choices   []model.Choice
		File      FileHash
	}
	in.Survey, in.File = s, file
	in.Survey.Line = 0
	for _, q := range ds.QuestionsOf(s.ID) {
		q.Line = 0
		in.Questions = append(in.Questions, q)
	}
	for _, c := range choices {
		c.Line = 0
		in.Choices = append(in.Choices, c)
	}
	b, err := json.Marshal(in)
	if err != nil {
		return "", fmt.Errorf("fingerprint wave %s: %w", s.ID, err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// OnlyResponses reports whether the paths changed (Diff) are all response
// files of ds's waves: then the definitions are those of the last refresh.
func OnlyResponses(ds *model.Dataset, changed []string) bool {
	responses := map[string]bool{}
	for _, s := range ds.Surveys {
		responses[responseFile(s)] = true
	}
	for _, f := range changed {
		if !responses[f] {
			return false
		}
	}
	return true
}

// Diff lists the paths added, changed or removed between two sets of
// hashes, sorted.
func Diff(old, cur map[string]FileHash) []string {
	var out []string
	for p, h := range cur {
		if o, ok := old[p]; !ok || o != h {
			out = append(out, p)
		}
	}
	for p := range old {
		if _, ok := cur[p]; !ok {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// HashSite hashes every file under dir but status.html and its script,
// which a failed or no-op refresh rewrites on its own (status.Rewritten).
func HashSite(ctx context.Context, dir string) (map[string]FileHash, error) {
	return HashSiteKnown(ctx, dir, nil)
}

// Unchanged reports whether the file name of the published folder out is
// the one whose hash is want: a file that may be linked into the next site
// rather than written again.
func Unchanged(ctx context.Context, out, name string, want FileHash) bool {
	return matches(want, func() (FileHash, error) { return hashFile(ctx, out, name) })
}

// matches reports whether the file that hash hashes is the one whose hash
// is want; a want without a hash matches no file, which is then not read.
func matches(want FileHash, hash func() (FileHash, error)) bool {
	if want.SHA256 == "" {
		return false
	}
	h, err := hash()
	return err == nil && h == want
}

// HashSiteKnown is HashSite, taking the hash of the files in known (linked
// from a site whose files were checked) as it is given.
func HashSiteKnown(ctx context.Context, dir string, known map[string]FileHash) (map[string]FileHash, error) {
	out := map[string]FileHash{}
	var todo []string // the files to hash, in the walk's order
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if status.Rewritten(rel) {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file", rel)
		}
		if h, ok := known[rel]; ok {
			out[rel] = h
		} else {
			todo = append(todo, rel)
		}
		return nil
	})
	if err == nil {
		err = hashNames(ctx, dir, todo, out, false)
	}
	if err != nil {
		return nil, fmt.Errorf("hash site: %w", err)
	}
	return out, nil
}

// SiteMatches reports whether out holds exactly the published files of m.
func SiteMatches(ctx context.Context, out string, m Manifest) bool {
	if len(m.Site) == 0 {
		return false
	}
	cur, err := HashSite(ctx, out)
	return err == nil && len(Diff(m.Site, cur)) == 0
}

// SiteWards reads the wards of the site that the database published, as
// the menu of its pages lists them (those of its indicators and plans),
// and the names of their pages (wards.Namer, from every ward and slug the
// definitions hold, as the site was rendered). A database without them (no
// refresh completed, or one of a version before the slugs) gives none.
func SiteWards(ctx context.Context, conn *sql.Conn) ([]string, wards.Namer) {
	var menu, all []string
	chosen := map[string]string{}
	// A database without the tables fails at once: no wards, as documented.
	_ = queries.Each(ctx, conn, "site_wards", nil, func(rows *sql.Rows) error {
		var w, slug string
		var listed bool
		if rows.Scan(&w, &slug, &listed) != nil {
			return nil
		}
		all = append(all, w)
		if listed {
			menu = append(menu, w)
		}
		if slug != "" {
			chosen[w] = slug
		}
		return nil
	})
	return menu, wards.NewNamer(chosen, all)
}
