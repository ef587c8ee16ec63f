// Package testutil holds what the tests of several packages share: where the
// repository root and the shared test material (../shared beside it) are,
// which tests run only when asked, and what a test needs outside Go.
package testutil

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// HeavyEnv is the environment variable that asks for the heavy process-level
// suites: crash loops, hostile input, load and the benchmark harness. .ci/run
// sets it; a plain `go test ./...` skips them.
const HeavyEnv = "STRATEGISPOR_HEAVY"

// Heavy skips a process-level test unless $STRATEGISPOR_HEAVY is 1, and
// always under -short.
func Heavy(tb testing.TB) {
	tb.Helper()
	if testing.Short() {
		tb.Skip("process-level test; skipped under -short")
	}
	if os.Getenv(HeavyEnv) != "1" {
		tb.Skipf("process-level test; set %s=1 to run it (.ci/run does)", HeavyEnv)
	}
}

// NeedFile returns the first of paths that exists. When none does the test
// skips with hint, which says how to install it, except under CI (CI=true),
// where the file must be there and the test fails.
func NeedFile(tb testing.TB, hint string, paths ...string) string {
	tb.Helper()
	var tried []string
	for _, p := range paths {
		if p == "" {
			continue // an unset environment variable
		}
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
		tried = append(tried, p)
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%s not found; %s", strings.Join(tried, " or "), hint)
	}
	tb.Skipf("%s not found; %s", strings.Join(tried, " or "), hint)
	return ""
}
