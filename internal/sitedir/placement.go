package sitedir

import (
	"errors"
	"fmt"
	"os"
)

// ErrPlacement is returned, wrapped with the reason, when the data folder, the
// database and the published folder are placed so that a refresh would
// overwrite or publish one of them with another.
var ErrPlacement = errors.New("--data, --db, --out の場所の組み合わせが正しくありません")

// CheckPlacement refuses, before anything is read or written, a data
// folder, database and published folder placed so that a refresh could
// destroy or publish what it must not. Every path is
// compared with its symbolic links followed. It returns:
//
//   - ErrDBInSite (wrapped) for a database in the published folder;
//   - ErrPlacement (wrapped) for a database in the data folder (which staff
//     own; shihyo only reads it), or a published folder that is the data
//     folder, inside it, or holds it (it would be replaced whole);
//   - a *NotSiteError for a published folder that shihyo may not
//     replace: a file, a folder holding a database or input data, or a
//     folder without shihyo's marker when there is no database whose
//     manifest could show it was published by an earlier version.
func CheckPlacement(dataDir, dbPath, outDir string) error {
	var data, db, out string
	for _, p := range []struct {
		in  string
		out *string
	}{{dataDir, &data}, {dbPath, &db}, {outDir, &out}} {
		r, err := Resolve(p.in)
		if err != nil {
			return err
		}
		*p.out = r
	}
	switch {
	case Within(db, out):
		return CheckDBOutside(dbPath, outDir)
	case Within(db, data):
		return fmt.Errorf("%w: データベース %s がデータフォルダ %s の中にあります。データフォルダの外に置いてください",
			ErrPlacement, dbPath, dataDir)
	case Within(data, out):
		return fmt.Errorf("%w: 公開フォルダ %s がデータフォルダ %s を含んでいます (公開フォルダは更新のたびに丸ごと置き換わります)。"+
			"データフォルダの外の、専用のフォルダを指定してください", ErrPlacement, outDir, dataDir)
	case Within(out, data):
		return fmt.Errorf("%w: 公開フォルダ %s がデータフォルダ %s の中にあります。データフォルダの外に置いてください",
			ErrPlacement, outDir, dataDir)
	}
	state, err := Inspect(outDir)
	if err != nil {
		return err
	}
	if _, serr := os.Stat(dbPath); state == Unmarked && serr != nil {
		return UnmarkedError(outDir)
	}
	return nil
}
