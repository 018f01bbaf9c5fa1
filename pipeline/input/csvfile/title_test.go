package csvfile

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

// TestFindHeader: the header is the first row naming a required column
// when only title rows stand above it, else the first row.
func TestFindHeader(t *testing.T) {
	req := []string{"No", "問1"}
	for _, c := range []struct {
		name string
		rows [][]string
		end  bool
		at   int
		ok   bool
	}{
		{"header first", [][]string{{"No", "F1", "問1"}}, false, 0, true},
		{"title, date, blank, header", [][]string{{"令和5年度 区民アンケート"}, {"出力日", "2023/11/01"}, {"", ""}, {"No", "問1"}}, false, 3, true},
		{"titles so far", [][]string{{"令和5年度 区民アンケート"}, {""}}, false, 0, false},
		{"titles to the end", [][]string{{"令和5年度 区民アンケート"}, {"1"}}, true, 0, true},
		{"data under a title", [][]string{{"回答データ"}, {"1", "2", "3"}}, false, 0, true},
		{"a header with no required column", [][]string{{"ID", "F1", "Q1"}}, false, 0, true},
		{"too many titles", [][]string{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}, {"f"}, {"No", "問1"}}, false, 0, true},
		{"as many titles as allowed", [][]string{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}, {"No", "問1"}}, false, 5, true},
		{"nothing yet", nil, true, 0, false},
	} {
		at, ok := FindHeader(c.rows, req, c.end)
		if at != c.at || ok != c.ok {
			t.Errorf("%s: FindHeader = %d, %v; want %d, %v", c.name, at, ok, c.at, c.ok)
		}
	}
	if at, ok := FindHeader([][]string{{"title"}, {"No"}}, nil, false); at != 0 || !ok {
		t.Errorf("no required columns: FindHeader = %d, %v; want the first row", at, ok)
	}
}

// TestTitleRowsAboveTheHeader: a vendor's title rows above the header are
// kept as the title, and the rows keep Excel's numbers.
func TestTitleRowsAboveTheHeader(t *testing.T) {
	ctx := context.Background()
	data := "令和5年度 北区 区民アンケート 回答データ,,\r\n出力日,2023/11/01,\r\n,,\r\nNo,F1,問1\r\n1,1,2\r\n2,2,\r\n"
	tab, err := ReadFrom(ctx, "f.csv", bytesSource{bytes.NewReader([]byte(data))}, EncodingAuto, []string{"No", "問1"}, keepRows{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tab.Header, []string{"No", "F1", "問1"}) || tab.HeaderLine != 4 || len(tab.Rows) != 2 ||
		tab.Rows[0].Line != 5 || tab.Get(tab.Rows[0], "問1") != "2" || tab.Rows[1].Line != 6 {
		t.Errorf("table = %v at %d, rows %+v", tab.Header, tab.HeaderLine, tab.Rows)
	}
	if len(tab.Title) != 3 || tab.Title[0].Line != 1 || tab.Title[0].Fields[0] != "令和5年度 北区 区民アンケート 回答データ" ||
		tab.Title[1].Line != 2 || tab.Title[1].Fields[1] != "2023/11/01" {
		t.Errorf("title = %+v", tab.Title)
	}
	// One title row: the header is the second row, the first data row the
	// third.
	one := "タイトル\r\nNo,問1\r\n1,2\r\n"
	tab, err = ReadFrom(ctx, "f.csv", bytesSource{bytes.NewReader([]byte(one))}, EncodingAuto, []string{"No"}, keepRows{})
	if err != nil || tab.HeaderLine != 2 || len(tab.Rows) != 1 || tab.Rows[0].Line != 3 {
		t.Errorf("one title: %+v, %v", tab, err)
	}
}

// TestNarrowTableWithoutItsColumns: a table whose first rows name no
// required column is read as before titles were: its first row is the
// header, and the problem is at row 1.
func TestNarrowTableWithoutItsColumns(t *testing.T) {
	ctx := context.Background()
	_, err := ReadFrom(ctx, "f.csv", bytesSource{bytes.NewReader([]byte("No\r\n1\r\n"))}, EncodingAuto, []string{"問1"}, keepRows{})
	wantProblemAt(t, "", err, "f.csv", 1, "必須の列「問1」がありません")
	_, err = ReadFrom(ctx, "f.csv", bytesSource{bytes.NewReader([]byte("回答データ\r\n1\r\n"))}, EncodingAuto, []string{"No", "問1"}, keepRows{})
	wantProblemAt(t, "", err, "f.csv", 1, "見出し行がありません")
}

// TestColumnNamesFoldWidth: a header's 全角 names are the columns of their
// 半角 names, and are kept as written; two names that fold alike are one
// column named twice.
func TestColumnNamesFoldWidth(t *testing.T) {
	ctx := context.Background()
	data := "Ｎｏ,Ｆ１, 問１ \r\n1,2,3\r\n"
	tab, err := ReadFrom(ctx, "f.csv", bytesSource{bytes.NewReader([]byte(data))}, EncodingAuto, []string{"No", "問1"}, keepRows{})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Get(tab.Rows[0], "F1") != "2" || tab.Get(tab.Rows[0], "問1") != "3" || !tab.Has("No") ||
		!slices.Equal(tab.Header, []string{"Ｎｏ", "Ｆ１", "問１"}) {
		t.Errorf("header %q, row %q", tab.Header, tab.Rows[0].Fields)
	}
	_, err = ReadFrom(ctx, "f.csv", bytesSource{bytes.NewReader([]byte("No,問1,問１\r\n1,2,3\r\n"))}, EncodingAuto, []string{"No", "問1"}, keepRows{})
	wantProblemAt(t, "", err, "f.csv", 1, "列「問1」が 2 回あります")
}

// TestTabSeparatedText: text saved as Excel's 「テキスト (タブ区切り)」 (CP932,
// tabs, a title padded with tabs) is read with tabs as separators; a CSV
// file whose cells hold tabs is still comma-separated.
func TestTabSeparatedText(t *testing.T) {
	ctx := context.Background()
	text, err := japanese.ShiftJIS.NewEncoder().String("令和5年度 回答データ\t\t\r\nNo\tF1\t問1\r\n1\t2\t3,4\r\n")
	if err != nil {
		t.Fatal(err)
	}
	tab, err := ReadFrom(ctx, "f.txt", bytesSource{bytes.NewReader([]byte(text))}, EncodingAuto, []string{"No"}, keepRows{})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Encoding != EncodingShiftJIS || tab.HeaderLine != 2 || len(tab.Rows) != 1 || tab.Get(tab.Rows[0], "問1") != "3,4" {
		t.Errorf("read as %s, header at %d: %q %+v", tab.Encoding, tab.HeaderLine, tab.Header, tab.Rows)
	}
	tab, err = ReadFrom(ctx, "f.csv", bytesSource{bytes.NewReader([]byte("No,メモ\r\n1,a\tb\r\n"))}, EncodingAuto, []string{"No"}, keepRows{})
	if err != nil || tab.Get(tab.Rows[0], "メモ") != "a\tb" {
		t.Errorf("a tab in a CSV cell: %+v, %v", tab, err)
	}
}

// TestLeadingRowsAreBounded: a file of many empty rows above its header
// (data cleared in Excel) reads as before titles were, its first row the
// header, however many there are; and a CSV syntax error among title rows
// is the one problem, at its row.
func TestLeadingRowsAreBounded(t *testing.T) {
	ctx := context.Background()
	data := strings.Repeat(",,,\r\n", 10000) + "No,F1,問1,問2\r\n1,2,3,4\r\n"
	_, err := ReadFrom(ctx, "f.csv", bytesSource{bytes.NewReader([]byte(data))}, EncodingAuto, []string{"No", "問1"}, keepRows{})
	wantProblemAt(t, "", err, "f.csv", 1, "見出し行がありません")
	rows := strings.Repeat(",,,\r\n", maxLeadingRows-1) + "No,F1,問1,問2\r\n1,2,3,4\r\n"
	tab, err := ReadFrom(ctx, "f.csv", bytesSource{bytes.NewReader([]byte(rows))}, EncodingAuto, []string{"No", "問1"}, keepRows{})
	if err != nil || tab.HeaderLine != maxLeadingRows || len(tab.Rows) != 1 {
		t.Errorf("%d empty rows above the header: %+v, %v", maxLeadingRows-1, tab, err)
	}
	bad := "title,\r\n出力日,2023/11/01 \"速報\"\r\nNo,問1\r\n1,2\r\n"
	_, err = ReadFrom(ctx, "f.csv", bytesSource{bytes.NewReader([]byte(bad))}, EncodingAuto, []string{"No", "問1"}, keepRows{})
	wantProblemAt(t, "", err, "f.csv", 2, "CSV として読めません")
}
