package export

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// openReadOnly opens the database file at path read-only, and one
// connection to it, so that an export can run beside other readers. DuckDB
// refuses while a refresh holds the file for writing.
func openReadOnly(ctx context.Context, path string) (*sql.DB, *sql.Conn, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("%s: %w", path, ErrNoDatabase)
	} else if err != nil {
		return nil, nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if st.IsDir() {
		return nil, nil, fmt.Errorf("%w: --db %s はフォルダです", ErrOptions, path)
	}
	// The DSN is parsed as a URL: characters that would end the path
	// would silently drop the read-only option.
	if strings.ContainsAny(path, "?#%") {
		return nil, nil, fmt.Errorf("%w: --db のパスに ? # %% は使えません: %s", ErrOptions, path)
	}
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		return nil, nil, fmt.Errorf("データベース %s を読み取り専用で開けません (shihyo refresh の実行中なら、終わってから実行してください): %w", path, err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("データベース %s を読み取り専用で開けません (shihyo refresh の実行中なら、終わってから実行してください): %w", path, err)
	}
	return db, conn, nil
}
