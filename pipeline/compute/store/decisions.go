package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/queries"
)

// Decisions are the disclosure decisions stored by the last refresh, by
// survey id (the decisions table, which the load's schema creates).
func Decisions(ctx context.Context, conn *sql.Conn) (map[string]compute.StoredDecisions, error) {
	stored, err := queries.All[compute.StoredDecisions](ctx, conn, "select_decisions")
	if err != nil {
		return nil, fmt.Errorf("read stored decisions: %w", err)
	}
	out := make(map[string]compute.StoredDecisions, len(stored))
	for _, d := range stored {
		out[d.SurveyID] = d
	}
	return out, nil
}

// Decide decides the disclosure of each wave of in (compute.DecidedReusing),
// using again the decisions stored by the last refresh where the wave's
// fingerprint (with program) is the stored one (none on a full reload,
// full). Meanwhile it runs commit on conn (the refresh commits what it
// loaded and begins the next transaction: DuckDB writes the loaded rows
// while Go decides). The new decisions are stored (StoreDecisions) in the
// transaction begun then.
func Decide(ctx context.Context, conn *sql.Conn, commit func(context.Context) error, in compute.Input, full bool, program string) (compute.Input, compute.Reuse, error) {
	stored := map[string]compute.StoredDecisions{}
	var err error
	if !full {
		if stored, err = Decisions(ctx, conn); err != nil {
			return in, compute.Reuse{}, err
		}
	}
	committed := make(chan error, 1)
	go func() { committed <- commit(ctx) }()
	in, reuse, err := compute.DecidedReusing(ctx, in, stored, program)
	if cerr := <-committed; err == nil && cerr != nil {
		err = fmt.Errorf("commit the load: %w", cerr)
	}
	if err == nil {
		err = StoreDecisions(ctx, conn, reuse, full)
	}
	return in, reuse, err
}

// StoreDecisions writes what compute.DecidedReusing decided, in the
// caller's transaction: on a full reload (full) the table anew, else the
// rows of the waves decided replace theirs and the rows of the waves gone
// are deleted; the other rows stay, as they were used again.
func StoreDecisions(ctx context.Context, conn *sql.Conn, r compute.Reuse, full bool) error {
	if full {
		if err := queries.Exec(ctx, conn, "delete_decisions"); err != nil {
			return err
		}
	} else {
		for _, d := range r.Decided {
			if err := queries.Exec(ctx, conn, "delete_wave_decisions", d.SurveyID); err != nil {
				return err
			}
		}
		for _, id := range r.Gone {
			if err := queries.Exec(ctx, conn, "delete_wave_decisions", id); err != nil {
				return err
			}
		}
	}
	if len(r.Decided) == 0 {
		return nil
	}
	return queries.WithDriver(conn, func(c driver.Conn) error {
		return queries.AppendAll(c, "decisions", r.Decided, nil)
	})
}
