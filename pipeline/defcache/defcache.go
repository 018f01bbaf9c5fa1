// Package defcache keeps in the database the definitions a refresh read
// and checked (input.Read), for a later refresh to use when none of the
// files they were read from has changed. At city scale reading and
// checking the definition files is ≈ 0.15 s, a sixth of a refresh that
// reloads one wave, and serial; decoding what was kept takes ≈ 6 ms.
//
// What is kept is exactly what input.Read returned, before anything else
// touched it, under a Key of everything input.Read depends on: the
// definition files (or the workbooks standing for them), present or not,
// the shihyo binary, the current 年度 and the data folder's path. Only
// what passed every check is kept, and only when the files still have the
// key once read (Unchanged): a data folder with a problem is always read
// again, and reported.
package defcache

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/shihyo/shihyo/pipeline/input/field"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/manifest"
	"github.com/shihyo/shihyo/queries"
)

// Key identifies what input.Read makes of the data folder dir, whose
// input files hash to hashes (manifest.HashTree), at time now: the hash of
// every definition file, or whether it is there at all (a link that leads
// nowhere is, and is refused), the program (another binary may read the
// files otherwise), the 年度 of now (the years of the waves and plans are
// checked against it, field.RecentYear) and dir itself (the warnings name
// their files by it).
func Key(dir string, hashes map[string]manifest.FileHash, now time.Time) string {
	h := sha256.New()
	fmt.Fprintf(h, "program %s\nfiscal year %d\nfolder %q\n", manifest.ProgramID(), field.FiscalYear(now), dir)
	for _, name := range manifest.DefinitionFiles() {
		fh, hashed := hashes[name]
		_, err := os.Lstat(filepath.Join(dir, name))
		fmt.Fprintf(h, "%s %t %t %s %d\n", name, hashed, err == nil, fh.SHA256, fh.Size)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Encode encodes ds for Write. It is called as soon as input.Read
// returns, before the refresh adds the response files' warnings to ds.
// gob gives back an empty slice as nil: no reader makes an empty one
// today (TestKeptDefinitionsAreThoseRead compares them).
func Encode(ds *model.Dataset) ([]byte, error) {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(ds); err != nil {
		return nil, fmt.Errorf("encode definitions: %w", err)
	}
	return b.Bytes(), nil
}

// Unchanged reports whether the definition files of dir still have key
// (Key, now): asked once they were read, so that what was read while one
// of them changed is not kept under the key of what was there before.
func Unchanged(ctx context.Context, dir, key string, now time.Time) bool {
	hashes, err := manifest.HashDefinitions(ctx, dir)
	return err == nil && Key(dir, hashes, now) == key
}

// Write keeps the definitions encoded (Encode), read from files whose Key
// is key, in the database of conn, in place of what was kept before.
func Write(ctx context.Context, conn *sql.Conn, key string, encoded []byte) error {
	return queries.Exec(ctx, conn, "create_definitions", key, encoded)
}

// ErrUndecodable is what kept definitions that do not decode give: the
// files are read again, and the refresh keeps what it reads.
var ErrUndecodable = errors.New("decode kept definitions")

// Read returns the definitions kept in the database of conn under key,
// their Dir set to dir, or nil when none are: none were ever kept, or
// they were read from other files, by another binary or in another 年度.
// Kept definitions that do not decode give ErrUndecodable.
func Read(ctx context.Context, conn *sql.Conn, key, dir string) (*model.Dataset, error) {
	if kept, err := queries.TableExists(ctx, conn, "definitions"); err != nil || !kept {
		return nil, err
	}
	var data []byte
	err := queries.One(ctx, conn, "select_definitions", []any{key}, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	ds := &model.Dataset{}
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(ds); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUndecodable, err)
	}
	ds.Dir = dir
	return ds, nil
}
