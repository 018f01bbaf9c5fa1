package export

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/shihyo/shihyo/queries"
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
	return queries.OpenReadOnly(ctx, path)
}
