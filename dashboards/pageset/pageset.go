// Package pageset writes the pages of a site into a folder: in parallel
// (one worker per CPU), each page rendered into memory first so that an
// error never leaves a half-written file, and, given the site published
// before, linking into the folder instead each page whose content key is
// the one it was rendered from then (a hard link to the published file,
// which the swap of the new site then keeps). A page's key stands for
// everything its bytes are rendered from; equal keys must render equal
// bytes. A page may also have a source key, of everything its model is
// built from: a page whose source is the one recorded is linked without
// its model being built at all, which is most of a page's cost.
package pageset

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/shihyo/shihyo/internal/parallel"
)

// Page is one file of the site, its model built.
type Page struct {
	File  string // relative to the site's folder
	Key   string // of its content, for linking it next time
	Write func(w io.Writer) error
}

// Job is one page of the site: Build builds its model, the cheaper part
// of a page (Page.Write renders it).
type Job struct {
	File string // relative to the site's folder: Build's Page.File
	// Source, if not nil, gives the key of everything Build reads (its
	// inputs, not its model): equal sources must build equal models. It
	// should cost far less than Build; "" means none.
	Source func() (string, error)
	Build  func() (Page, error)
}

// Previous is the site published before.
type Previous struct {
	Dir  string
	Keys map[string]string // file → the key its page had (Result.Keys of that run)
	// Sources are the source keys the pages had (Result.Sources of that
	// run): a page whose source is the same keeps its key and is linked
	// unbuilt. Nil: every page is built.
	Sources map[string]string
	// Same reports whether the file of Dir is still the one published (its
	// hash is the recorded one): only such a file is linked.
	Same func(file string) bool
}

// Result is what Write did.
type Result struct {
	Keys    map[string]string // file → key, of every page
	Sources map[string]string // file → source key, of every page that has one
	Linked  []string          // the pages linked from Previous, sorted
	// Written are the pages written, each with the SHA-256 (hex) and
	// size of the bytes written: the manifest need not read them back.
	Written map[string]Sum
}

// Sum is the SHA-256 (hex) and size of a file's content.
type Sum struct {
	SHA256 string
	Size   int64
}

// Write builds every job's page and writes or links it into dir, with as
// many workers as CPUs. prev may be nil. On the first error it stops and
// returns it, wrapped with the page's file, or ctx's error as it is when
// ctx was cancelled; dir may then hold part of the pages.
func Write(ctx context.Context, dir string, jobs []Job, prev *Previous) (Result, error) {
	done := make([]written, len(jobs))
	err := parallel.Each(ctx, len(jobs), func(i int) error {
		var err error
		done[i], err = one(dir, jobs[i], prev)
		return err
	})
	if err != nil {
		return Result{}, err
	}
	res := Result{Keys: make(map[string]string, len(jobs)), Sources: map[string]string{}, Written: map[string]Sum{}}
	for i, d := range done {
		f := jobs[i].File
		res.Keys[f] = d.key
		if d.source != "" {
			res.Sources[f] = d.source
		}
		if d.sum == (Sum{}) {
			res.Linked = append(res.Linked, f)
		} else {
			res.Written[f] = d.sum
		}
	}
	slices.Sort(res.Linked)
	return res, nil
}

// written is what became of one page: its keys, and the sum of what was
// written, zero for a page linked.
type written struct {
	key, source string
	sum         Sum
}

// one links or writes a page: linked unbuilt when its source is the one
// recorded, else built, then linked when its key is the one recorded, else
// rendered and written.
func one(dir string, job Job, prev *Previous) (written, error) {
	var w written
	if job.Source != nil {
		var err error
		if w.source, err = job.Source(); err != nil {
			return w, fmt.Errorf("source of %s: %w", job.File, err)
		}
		if key := prev.keyOf(job.File); w.source != "" && key != "" && prev.Sources[job.File] == w.source && prev.link(dir, job.File) {
			w.key = key
			return w, nil
		}
	}
	p, err := job.Build()
	if err != nil {
		return w, err
	}
	if p.File != job.File {
		return w, fmt.Errorf("page %s built as %s", job.File, p.File)
	}
	w.key = p.Key
	if p.Key != "" && prev.keyOf(p.File) == p.Key && prev.link(dir, p.File) {
		return w, nil
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	if err := p.Write(buf); err != nil {
		return w, fmt.Errorf("render %s: %w", p.File, err)
	}
	if err := os.WriteFile(filepath.Join(dir, p.File), buf.Bytes(), 0o644); err != nil {
		return w, fmt.Errorf("write %s: %w", p.File, err)
	}
	sum := sha256.Sum256(buf.Bytes())
	w.sum = Sum{SHA256: hex.EncodeToString(sum[:]), Size: int64(buf.Len())}
	return w, nil
}

// keyOf is the key file had in the previous site, "" when none (or no
// previous site).
func (prev *Previous) keyOf(file string) string {
	if prev == nil {
		return ""
	}
	return prev.Keys[file]
}

// link links file of the previous site into dir, if it is still the one
// published; false when it was not linked (altered, or another file
// system, say: the page is written instead).
func (prev *Previous) link(dir, file string) bool {
	if prev.Same == nil || !prev.Same(file) {
		return false
	}
	return os.Link(filepath.Join(prev.Dir, file), filepath.Join(dir, file)) == nil
}

// buffers hold the pages being rendered, one a worker at a time: a page is
// about 80 KB, and a buffer grown for one is reused for the next.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// CheckEmpty returns an error unless dir is a folder with nothing in it:
// a site is written into a new folder only.
func CheckEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("read output folder: %w", err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("output folder %s is not empty", dir)
	}
	return nil
}

// Key is a content key of a page rendered by the template named tmpl from
// data: the hash of both, data written out field by exported field (all
// that a template can read), texts as they are, maps in key order. It is
// JSON's view of the value without JSON's escaping, which cost more than
// the rendering of the pages whose key it computed.
func Key(tmpl string, data any) (string, error) {
	w := keyWriters.Get().(*keyWriter)
	defer keyWriters.Put(w)
	w.buf, w.h = w.buf[:0], sha256.New()
	w.text(tmpl)
	if err := w.value(reflect.ValueOf(data)); err != nil {
		return "", err
	}
	w.h.Write(w.buf)
	return hex.EncodeToString(w.h.Sum(nil)), nil
}

// keyFlush is how much a keyWriter holds before it hashes what it holds:
// a model written out whole took about 70 MB a site in buffers.
const keyFlush = 16 << 10

// keyWriters are reused from page to page, each with its buffer.
var keyWriters = sync.Pool{New: func() any { return &keyWriter{buf: make([]byte, 0, 2*keyFlush)} }}

// keyWriter writes a value unambiguously, every text and list with its
// length first, into the hash h.
type keyWriter struct {
	buf []byte
	h   hash.Hash
}

func (w *keyWriter) text(s string) {
	w.buf = binary.AppendUvarint(w.buf, uint64(len(s)))
	w.buf = append(w.buf, s...)
}

func (w *keyWriter) value(v reflect.Value) error {
	if len(w.buf) >= keyFlush {
		w.h.Write(w.buf)
		w.buf = w.buf[:0]
	}
	switch v.Kind() {
	case reflect.Invalid:
		w.buf = append(w.buf, 0)
	case reflect.String:
		w.text(v.String())
	case reflect.Bool:
		w.buf = strconv.AppendBool(w.buf, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.buf = binary.AppendVarint(w.buf, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		w.buf = binary.AppendUvarint(w.buf, v.Uint())
	case reflect.Float32, reflect.Float64:
		w.buf = binary.LittleEndian.AppendUint64(w.buf, math.Float64bits(v.Float()))
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			w.buf = append(w.buf, 0)
			return nil
		}
		w.buf = append(w.buf, 1)
		w.text(v.Elem().Type().String())
		return w.value(v.Elem())
	case reflect.Slice, reflect.Array:
		return w.list(v)
	case reflect.Struct:
		return w.fields(v)
	case reflect.Map:
		return w.mapValue(v)
	default:
		return fmt.Errorf("no key for a %v", v.Type())
	}
	return nil
}

func (w *keyWriter) list(v reflect.Value) error {
	w.buf = binary.AppendUvarint(w.buf, uint64(v.Len()))
	for i := range v.Len() {
		if err := w.value(v.Index(i)); err != nil {
			return err
		}
	}
	return nil
}

func (w *keyWriter) fields(v reflect.Value) error {
	for _, i := range keyFields(v.Type()) {
		if err := w.value(v.Field(i)); err != nil {
			return err
		}
	}
	return nil
}

// keyFields are the fields of struct type t that a key is made of: the
// exported ones and the embedded ones, whose exported fields a template
// reads as its own.
func keyFields(t reflect.Type) []int {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]int)
	}
	var out []int
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() || f.Anonymous {
			out = append(out, i)
		}
	}
	fieldCache.Store(t, out)
	return out
}

var fieldCache sync.Map // reflect.Type → []int

func (w *keyWriter) mapValue(v reflect.Value) error {
	keys := v.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
	w.buf = binary.AppendUvarint(w.buf, uint64(len(keys)))
	for _, k := range keys {
		if err := w.value(k); err != nil {
			return err
		}
		if err := w.value(v.MapIndex(k)); err != nil {
			return err
		}
	}
	return nil
}
