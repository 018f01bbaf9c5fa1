package manifest

import (
	"context"

	"github.com/shihyo/shihyo/pipeline/input/datafile"
)

// Published is a check, on a goroutine of its own, of which files of the
// published folder are still the ones the stored manifest records (their
// SHA-256 and size): only such a file may be linked into the next site.
// A refresh starts it as soon as it knows it will publish. The plan and
// the load that follow are serial and leave a core idle, on which the
// hashing then runs, instead of beside the render, when every core is
// busy.
//
// A file is checked once, some hundred milliseconds before it is linked
// rather than just before: the published folder is under the refresh's
// lock either way, and a hash just before the link left the same gap
// between the two.
type Published struct {
	out    string
	want   map[string]FileHash
	same   map[string]bool // written by the check, read once done is closed
	done   chan struct{}
	cancel context.CancelFunc
}

// CheckPublished starts checking the files names (slash paths) of the
// published folder out against want, the stored manifest's Site. The
// caller closes the check.
func CheckPublished(ctx context.Context, out string, want map[string]FileHash, names []string) *Published {
	ctx, cancel := context.WithCancel(ctx)
	p := &Published{out: out, want: want, same: make(map[string]bool, len(names)), done: make(chan struct{}), cancel: cancel}
	go func() {
		defer close(p.done)
		d, err := datafile.OpenFolder(out)
		if err != nil {
			return // Same hashes each file, and fails as it may
		}
		defer d.Close()
		for _, name := range names {
			if ctx.Err() != nil {
				return // the files left unchecked are hashed by Same
			}
			same := matches(want[name], func() (FileHash, error) { return hashIn(ctx, d, name) })
			if ctx.Err() != nil {
				return // cut short: Same hashes it again
			}
			p.same[name] = same
		}
	}()
	return p
}

// Same reports whether the file name of the published folder is still the
// one the manifest records, once the check is over; a file the check did
// not reach (not given, or the check closed) is hashed now. It is safe
// for concurrent use.
func (p *Published) Same(ctx context.Context, name string) bool {
	<-p.done
	if same, ok := p.same[name]; ok {
		return same
	}
	return Unchanged(ctx, p.out, name, p.want[name])
}

// Close stops the check, if it is still running, and waits for it to
// return. Same still answers afterwards.
func (p *Published) Close() {
	p.cancel()
	<-p.done
}
