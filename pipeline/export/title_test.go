package export_test

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/shihyo/shihyo/pipeline/export"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// title is what staff or a vendor write above the header of a table.
const title = "令和5年度 運営方針 アウトカム指標,\r\n作成：総務課,2024/4/1\r\n,\r\n"

// TestCSVKeepsTheTitle: an indicators.csv with title rows above its header
// refreshes to the same actuals as without them, and is written back with
// them above the header, each field as it was; the rest is the export of
// the file without a title, byte for byte, and reads back to the same
// indicators, three rows further down.
func TestCSVKeepsTheTitle(t *testing.T) {
	ctx := context.Background()
	plain := refreshSmall(t)
	orig := string(mustRead(t, filepath.Join(small, model.IndicatorsFile)))
	f := refresh(t, copyData(t, map[string]string{model.IndicatorsFile: title + orig}))
	if !maps.EqualFunc(f.actuals, plain.actuals, maps.Equal) {
		t.Errorf("the title changed the actuals:\n%v\nwant\n%v", f.actuals, plain.actuals)
	}
	want, err := input.Read(ctx, small)
	if err != nil {
		t.Fatal(err)
	}
	for _, enc := range []string{export.EncodingUTF8, export.EncodingShiftJIS} {
		t.Run(enc, func(t *testing.T) {
			got := mustRead(t, f.mustExport(t, enc+"-titled.csv", export.Options{Format: export.FormatCSV, Encoding: enc}))
			ref := mustRead(t, plain.mustExport(t, enc+"-plain.csv", export.Options{Format: export.FormatCSV, Encoding: enc}))
			head := title
			if enc == export.EncodingShiftJIS {
				b, err := japanese.ShiftJIS.NewEncoder().String(head)
				if err != nil {
					t.Fatal(err)
				}
				head = b
			} else {
				got, ref = bytes.TrimPrefix(got, bom), bytes.TrimPrefix(ref, bom)
			}
			if !bytes.HasPrefix(got, []byte(head)) || !bytes.Equal(got[len(head):], ref) {
				t.Errorf("export of the titled file:\n%s\nwant the title, then\n%s", got, ref)
			}
			data := copyData(t, map[string]string{model.IndicatorsFile: string(mustRead(t, filepath.Join(f.out, enc+"-titled.csv")))})
			back, err := input.Read(ctx, data)
			if err != nil {
				t.Fatalf("re-import: %v", err)
			}
			for i := range back.Indicators {
				back.Indicators[i].Line -= 3
			}
			if !reflect.DeepEqual(back.Indicators, want.Indicators) {
				t.Errorf("re-imported definitions differ:\n%+v\nwant\n%+v", back.Indicators, want.Indicators)
			}
		})
	}
}

// TestCSVShiftJISUnencodableTitle: a character CP932 cannot hold in the
// title is named at its row, without a column.
func TestCSVShiftJISUnencodableTitle(t *testing.T) {
	orig := string(mustRead(t, filepath.Join(small, model.IndicatorsFile)))
	f := refresh(t, copyData(t, map[string]string{model.IndicatorsFile: "アウトカム指標🙂\r\n" + orig}))
	_, err := f.export(t, "plan.csv", export.Options{Format: export.FormatCSV, Encoding: export.EncodingShiftJIS})
	var ee *export.EncodingError
	if !errors.As(err, &ee) || ee.Line != 1 || ee.Column != "" || ee.Char != '🙂' {
		t.Fatalf("Export = %v; want an EncodingError at row 1 for 🙂", err)
	}
	if msg := err.Error(); strings.Contains(msg, "列「") {
		t.Errorf("a title row's message names a column: %s", msg)
	}
}
