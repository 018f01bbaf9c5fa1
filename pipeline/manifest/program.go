package manifest

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sync"
)

// ProgramID identifies the running shihyo binary, read once: a rebuilt or
// upgraded binary gets a new id, and everything is reloaded and rendered
// again with the new code. It is the Go build ID in the binary's file
// (a hash of what it was built from and of its content), so that a
// binary built again from the same sources, which go build writes anew
// with a new time, keeps its id; where the file has none (not ELF, or
// built without one), its size and time. On Linux /proc/self/exe still
// reaches the running file after it was replaced.
var ProgramID = sync.OnceValue(func() string {
	path := "/proc/self/exe"
	if _, err := os.Stat(path); err != nil {
		if path, err = os.Executable(); err != nil {
			return "unknown"
		}
	}
	return programID(path)
})

// programID is ProgramID of the binary at path.
func programID(path string) string {
	text := ""
	if id, err := goBuildID(path); err == nil {
		text = "go build id " + id
	} else if st, err := os.Stat(path); err == nil {
		text = fmt.Sprintf("%d %d", st.Size(), st.ModTime().UnixNano())
	} else {
		return "unknown"
	}
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

var errNoBuildID = errors.New("no Go build ID")

// goBuildID is the Go build ID of the ELF file at path (what go tool
// buildid prints): the note "Go" of type 4 in section .note.go.buildid.
func goBuildID(path string) (string, error) {
	f, err := elf.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return "", errNoBuildID
	}
	b, err := sec.Data()
	if err != nil {
		return "", err
	}
	// namesz, descsz, type, then the name "Go\0\0" and the ID.
	if len(b) < 16 || f.ByteOrder.Uint32(b) != 4 || f.ByteOrder.Uint32(b[8:]) != 4 || string(b[12:16]) != "Go\x00\x00" {
		return "", errNoBuildID
	}
	n := int(f.ByteOrder.Uint32(b[4:]))
	if n == 0 || 16+n > len(b) {
		return "", errNoBuildID
	}
	return string(b[16 : 16+n]), nil
}
