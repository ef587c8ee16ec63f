// Package testutil holds what the tests of several packages share: where the
// repository root and the shared test material (../shared beside it) are.
package testutil

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// RepoRoot returns the directory holding go.mod, searching upwards from the
// test's working directory.
func RepoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// SharedDir returns ../shared beside the repository root: the seeds, the
// real-document corpus and the benchmark material. Tests that need it skip
// when it is absent, except under CI (CI=true), where it must be there.
func SharedDir(tb testing.TB) string {
	tb.Helper()
	shared := filepath.Join(RepoRoot(tb), "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("shared material not found: %v", err)
		}
		tb.Skipf("shared material not found: %v", err)
	}
	return shared
}

// EnvInt reads a positive whole number from the environment variable name,
// def when it is unset; any other value fails the test. Long forms of tests
// (more kills, longer load) are chosen this way.
func EnvInt(tb testing.TB, name string, def int) int {
	tb.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		tb.Fatalf("%s=%q is not a positive number", name, v)
	}
	return n
}
