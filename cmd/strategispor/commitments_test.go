package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/strategispor/strategispor/internal/server"
)

// TestCommitmentsPaging: --size and --from cut the same list locally and
// through a running server, which answers in pages the command walks through.
func TestCommitmentsPaging(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	list := func(t *testing.T, args ...string) server.CommitmentList {
		t.Helper()
		out, _, code := cli(t, append([]string{"commitments", "--data", data, "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d", code)
		}
		var l server.CommitmentList
		if err := json.Unmarshal([]byte(out), &l); err != nil {
			t.Fatal(err)
		}
		return l
	}
	check := func(t *testing.T) {
		all := list(t)
		if all.Total < 5 || len(all.Commitments) != all.Total {
			t.Fatalf("%d commitments, total %d", len(all.Commitments), all.Total)
		}
		page := list(t, "--size", "2", "--from", "3")
		if page.Total != all.Total || len(page.Commitments) != 2 ||
			page.Commitments[0].ID != all.Commitments[3].ID || page.Commitments[1].ID != all.Commitments[4].ID {
			t.Errorf("--size 2 --from 3: %+v", page)
		}
		if past := list(t, "--from", "100000"); len(past.Commitments) != 0 || past.Total != all.Total {
			t.Errorf("--from past the end: %d commitments", len(past.Commitments))
		}
	}
	// serve seeds the empty directory; then the command asks it.
	_, stop := startServe(t, data, "--max-requests", "8")
	t.Run("through the server", check)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	t.Run("local", check)
	if _, _, code := cli(t, "commitments", "--data", data, "--size", "-1"); code != 2 {
		t.Errorf("--size -1: exit %d, want 2", code)
	}
}
