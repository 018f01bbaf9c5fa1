package sitedir

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckWritable: a site with a folder that cannot be written is
// refused before a swap could fail to remove it. Permission bits do not
// stop root: as root, the process test TestReadOnlySiteIsNotAWedge (in
// the main package) runs shihyo as an unprivileged user instead.
func TestCheckWritable(t *testing.T) {
	_, out, _ := published(t)
	if err := CheckWritable(out); err != nil {
		t.Fatalf("CheckWritable of a writable site = %v", err)
	}
	if err := CheckWritable(filepath.Join(out, "none")); err != nil {
		t.Fatalf("CheckWritable of a site not published yet = %v", err)
	}
	if os.Geteuid() == 0 {
		t.Skip("root is not stopped by permission bits; see TestReadOnlySiteIsNotAWedge")
	}
	sub := filepath.Join(out, "assets")
	site(t, sub, "x")
	if err := os.Chmod(sub, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(sub, 0o755)
	if err := CheckWritable(out); err == nil || !strings.Contains(err.Error(), "書き込めない") {
		t.Errorf("CheckWritable of a read-only folder = %v; want a refusal", err)
	}
}

// published makes a site folder out, holding an index.html, in a folder of
// its own, and returns them (the third result, a staged folder in the
// tests this helper came from, is unused here).
func published(t *testing.T) (parent, out, staged string) {
	t.Helper()
	parent = t.TempDir()
	out = filepath.Join(parent, "site")
	site(t, out, "old")
	return parent, out, ""
}

// site makes the folder dir holding an index.html that says which site it is.
func site(t *testing.T, dir, which string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(which), 0o644); err != nil {
		t.Fatal(err)
	}
}
