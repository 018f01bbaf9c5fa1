package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	_ "github.com/marcboeker/go-duckdb" // the driver

	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/queries"
)

// ErrNoDatabase: the database named does not exist.
var ErrNoDatabase = errors.New("データベースがありません (shihyo refresh で作られます)")

// FromDB reads the linking structure from the database a refresh wrote
// (its definition tables only, never the microdata), read-only.
func FromDB(ctx context.Context, path string) (Structure, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return Structure{}, fmt.Errorf("%s: %w", path, ErrNoDatabase)
	}
	if strings.ContainsAny(path, "?#%") {
		return Structure{}, fmt.Errorf("open database: --db のパスに ? # %% は使えません: %s", path)
	}
	db, conn, err := queries.OpenReadOnly(ctx, path)
	if err != nil {
		return Structure{}, err
	}
	defer db.Close()
	defer conn.Close()
	s := Structure{Defs: map[model.IndicatorKey]Def{}, Attributes: map[string][]string{},
		Weighted: map[string]bool{}, Labels: map[string]map[string]map[int32]string{}, Multi: map[string]map[string]bool{}}
	for _, step := range []func(context.Context, *sql.Conn, *Structure) error{readDefs, readCodes, readKeys, readLabels} {
		if err := step(ctx, conn, &s); err != nil {
			return Structure{}, err
		}
	}
	return s, nil
}

func readDefs(ctx context.Context, conn *sql.Conn, s *Structure) error {
	return queries.Each(ctx, conn, "export_indicators", nil, func(rows *sql.Rows) error {
		var k model.IndicatorKey
		var title, population, question, filter, series, op, source string
		var target float64
		var year int
		if err := rows.Scan(&k.Ward, &k.PlanYear, &k.IssueNo, &k.IndicatorNo, &title, &population, &question, &filter,
			&series, &target, &op, &year, &source); err != nil {
			return err
		}
		clauses, err := input.ParseFilter(filter)
		if err != nil {
			return err
		}
		d := Def{Question: question}
		for _, c := range clauses {
			d.Filter = append(d.Filter, disclose.Clause{Key: c.Key, Codes: c.Codes})
		}
		s.Defs[k] = d
		return nil
	})
}

func readCodes(ctx context.Context, conn *sql.Conn, s *Structure) error {
	return queries.Each(ctx, conn, "export_indicator_codes", nil, func(rows *sql.Rows) error {
		var k model.IndicatorKey
		var kind string
		var code int
		if err := rows.Scan(&k.Ward, &k.PlanYear, &k.IssueNo, &k.IndicatorNo, &kind, &code); err != nil {
			return err
		}
		d := s.Defs[k]
		if kind == "positive" {
			d.Positive = append(d.Positive, code)
		} else {
			d.Excluded = append(d.Excluded, code)
		}
		s.Defs[k] = d
		return nil
	})
}

func readKeys(ctx context.Context, conn *sql.Conn, s *Structure) error {
	return queries.Each(ctx, conn, "audit_keys", nil, func(rows *sql.Rows) error {
		var survey, key, role string
		if err := rows.Scan(&survey, &key, &role); err != nil {
			return err
		}
		switch role {
		case string(model.RoleWeight):
			s.Weighted[survey] = true
		case string(model.RoleMulti):
			s.multi(survey, key)
		default:
			s.Attributes[survey] = append(s.Attributes[survey], key)
		}
		return nil
	})
}

func readLabels(ctx context.Context, conn *sql.Conn, s *Structure) error {
	return queries.Each(ctx, conn, "export_choice_labels", nil, func(rows *sql.Rows) error {
		var survey, key, label string
		var code int32
		if err := rows.Scan(&survey, &key, &code, &label); err != nil {
			return err
		}
		s.label(survey, key, code, label)
		return nil
	})
}
