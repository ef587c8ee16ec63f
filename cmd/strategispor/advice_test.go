package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/datadir"
)

// TestAdviceWorks puts the command line in each situation where it gives
// advice, and runs what the advice says: it must succeed.
func TestAdviceWorks(t *testing.T) {
	t.Run("usage errors point at a help page that exists", func(t *testing.T) {
		data := t.TempDir()
		for _, args := range [][]string{
			{"tiltak", "--data", data, "--status", "rushing"},
			{"ingest", "--data", data},
			{"commitments", "--data", data, "--json", "--csv"},
			{"frobnicate"},
		} {
			_, stderr, code := cli(t, args...)
			m := regexp.MustCompile(`Run '(strategispor [^']+)' for usage`).FindStringSubmatch(stderr)
			if code != 2 || m == nil {
				t.Errorf("%q: exit %d, no help hint: %s", args, code, stderr)
				continue
			}
			if _, _, code := cli(t, strings.Fields(m[1])[1:]...); code != 0 {
				t.Errorf("the hinted %q exits %d", m[1], code)
			}
		}
	})

	t.Run("use --query for words", func(t *testing.T) {
		data := filepath.Join(t.TempDir(), "data")
		for _, cmd := range []string{"tiltak", "commitments"} {
			_, stderr, code := cli(t, cmd, "--data", data, "digitalisering")
			if code != 2 || !strings.Contains(stderr, "use --query for words") {
				t.Fatalf("%s with words: exit %d: %s", cmd, code, stderr)
			}
			if _, _, code := cli(t, cmd, "--data", data, "--query", "digitalisering"); code != 0 {
				t.Errorf("%s --query: exit %d", cmd, code)
			}
		}
	})

	t.Run("a server holds the directory: --server auto", func(t *testing.T) {
		data := filepath.Join(t.TempDir(), "data")
		t.Setenv(envToken, "advice-token-0123456789")
		_, stop := startServe(t, data, "--no-seeds")
		defer stop()
		dir := filepath.Join(t.TempDir(), "inn")
		writeFile(t, filepath.Join(dir, "strategi.txt"), strategyText)
		_, stderr, code := cli(t, "ingest", "--data", data, dir)
		if code != 1 || !strings.Contains(stderr, "add --server auto to send the files to it") {
			t.Fatalf("ingest on a held directory: exit %d: %s", code, stderr)
		}
		if _, _, code := cli(t, "ingest", "--data", data, "--server", "auto", dir); code != 0 {
			t.Errorf("the advised ingest --server auto exits %d", code)
		}
		id := corpus.DocumentID(filepath.Join(dir, "strategi.txt"))
		_, stderr, code = cli(t, "delete", "--data", data, id)
		if code != 1 || !strings.Contains(stderr, "add --server auto to send the change to it") {
			t.Fatalf("delete on a held directory: exit %d: %s", code, stderr)
		}
		if _, _, code := cli(t, "delete", "--data", data, "--server", "auto", id); code != 0 {
			t.Errorf("the advised delete --server auto exits %d", code)
		}
	})

	t.Run("another command holds the directory: run again later, not --server", func(t *testing.T) {
		data := filepath.Join(t.TempDir(), "data")
		dir := filepath.Join(t.TempDir(), "inn")
		writeFile(t, filepath.Join(dir, "strategi.txt"), strategyText)
		held, err := datadir.Lock(data) // as a long ingest would
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"ingest", "--data", data, dir}, {"documents", "--data", data}} {
			_, stderr, code := cli(t, args...)
			if code != 1 || strings.Contains(stderr, "--server") || !strings.Contains(stderr, "run this one again when that has finished") {
				t.Errorf("%q on a directory another command holds: exit %d: %s", args, code, stderr)
			}
		}
		if err := held.Release(); err != nil {
			t.Fatal(err)
		}
		if _, _, code := cli(t, "ingest", "--data", data, dir); code != 0 {
			t.Errorf("ingest run again after the other command: exit %d", code)
		}
	})

	t.Run("the empty collection's command works while the server runs", func(t *testing.T) {
		data := filepath.Join(t.TempDir(), "data")
		t.Setenv(envToken, "advice-token-0123456789")
		_, stop := startServe(t, data, "--no-seeds")
		defer stop()
		dir := filepath.Join(t.TempDir(), "MAPPE")
		writeFile(t, filepath.Join(dir, "plan.md"), planMarkdown)
		// The command the UI's guide shows: strategispor ingest --server auto MAPPE.
		if _, _, code := cli(t, "ingest", "--data", data, "--server", "auto", dir); code != 0 {
			t.Errorf("exit %d", code)
		}
		if out, _, _ := cli(t, "documents", "--data", data); !strings.Contains(out, "1 documents") {
			t.Errorf("after the guide's command: %s", out)
		}
	})
}
