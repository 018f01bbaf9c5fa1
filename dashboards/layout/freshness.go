package layout

import (
	"encoding/json"
	"fmt"
)

// Every page learns whether its figures are stale from StatusScriptFile, a
// script that only sets a global (window.shihyoStatus): a refresh that
// fails does not render the pages again, it rewrites this file (and
// status.html), and BannerScriptFile, loaded after it, shows the banner.
// A script rather than a JSON file read with fetch, because Chromium
// refuses fetch from file:// and the pages are opened from file:// too;
// and no inline script, as the Content-Security-Policy of serve allows
// only the site's own files.
const (
	StatusScriptFile = "assets/status.js"
	BannerScriptFile = "assets/banner.js"
)

// Freshness is what status.js tells every page.
type Freshness struct {
	// Stale is true when the latest refresh failed after the last
	// success: the pages show the figures of that success, older than the
	// inputs.
	Stale  bool   `json:"stale"`
	Shown  string `json:"shown,omitempty"`  // when the figures shown were published, in Japan time
	Failed string `json:"failed,omitempty"` // when the refresh that failed started
	Page   string `json:"page"`             // the status page the banner links to
}

// StatusScript is the content of StatusScriptFile for f. The JSON is
// written by encoding/json, which escapes <, > and &: nothing in it can end
// a script or start markup.
func StatusScript(f Freshness) ([]byte, error) {
	f.Page = StatusFile
	b, err := json.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", StatusScriptFile, err)
	}
	return fmt.Appendf(nil, "/* 更新状況: shihyo refresh が書きます。 */\nwindow.shihyoStatus = %s;\n", b), nil
}
