package main

import (
	"strings"
	"testing"
)

// TestVersionWithoutVCS: a test binary, like a -buildvcs=false build, has
// no commit in its build info. version then says the commit is unknown and
// how to stamp it; a commit given at link time (-X main.commit) is printed.
func TestVersionWithoutVCS(t *testing.T) {
	if bi := readBuildInfo(); bi.Revision != "" {
		t.Skipf("this binary carries VCS stamping (%s)", bi.Revision)
	}
	out, _, code := cli(t, "version")
	if code != 0 || !strings.Contains(out, "commit unknown: built without version control stamping") || !strings.Contains(out, "-X main.commit=") {
		t.Errorf("unstamped: exit %d:\n%s", code, out)
	}
	commit, buildTime = "0123abcd", "2026-12-01T10:00:00Z"
	defer func() { commit, buildTime = "", "" }()
	out, _, code = cli(t, "version")
	if code != 0 || !strings.Contains(out, "commit 0123abcd, 2026-12-01T10:00:00Z") {
		t.Errorf("stamped at link time: exit %d:\n%s", code, out)
	}
	out, _, _ = cli(t, "version", "--json")
	if !strings.Contains(out, `"revision": "0123abcd"`) {
		t.Errorf("--json:\n%s", out)
	}
}
