// Package crashtest kills the real strategispor binary with SIGKILL at random
// moments, during a batch ingest and during uploads to `serve`, and checks
// after every kill that the index opens, that every document reported as
// ingested (or acknowledged with 2xx) is there and intact, and that a final
// run leaves each source exactly once. The package has only tests.
//
// The tests run only when STRATEGISPOR_HEAVY=1 (as .ci/run sets it) and not
// under -short. The reduced form is the default; set STRATEGISPOR_CRASH_KILLS
// (for example 50) for the full form.
package crashtest
