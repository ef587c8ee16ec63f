package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/strategispor/strategispor/index"
	"github.com/strategispor/strategispor/internal/testutil"
)

// testLogger routes the harness's progress to t.Log.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// sharedDir finds ../shared next to the module root or skips the test.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := findShared()
	if err != nil {
		t.Skipf("shared material not present: %v", err)
	}
	return dir
}

// postgresUsable reports why PostgreSQL cannot run here, or "".
func postgresUsable() string {
	if _, err := os.Stat(filepath.Join(DefaultPGBin, "initdb")); err != nil {
		return "no PostgreSQL binaries in " + DefaultPGBin
	}
	if os.Geteuid() == 0 {
		if _, err := user.Lookup("postgres"); err != nil {
			return "running as root without a postgres user"
		}
		if _, err := exec.LookPath("runuser"); err != nil {
			return "running as root without runuser"
		}
	}
	return ""
}

func TestPercentile(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		p      float64
		want   float64
	}{
		{"empty", nil, 50, 0},
		{"single", []float64{7}, 99, 7},
		{"median of odd", []float64{1, 2, 3, 4, 5}, 50, 3},
		{"median of even is the lower middle", []float64{1, 2, 3, 4}, 50, 2},
		{"p99 of 30 is the maximum", seq(30), 99, 30},
		{"p99 of 200 is the second largest", seq(200), 99, 198},
		{"p0 is the minimum", seq(10), 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := percentile(tt.values, tt.p); got != tt.want {
				t.Errorf("percentile(%v, %v) = %v, want %v", tt.values, tt.p, got, tt.want)
			}
		})
	}
}

func seq(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = float64(i + 1)
	}
	return s
}

func TestSummarize(t *testing.T) {
	l := summarize([]float64{4, 1, 3, 2}, 2*time.Second)
	want := Latency{N: 4, P50: 2, P99: 4, Max: 4, Mean: 2.5, QPS: 2}
	if l != want {
		t.Errorf("summarize = %+v, want %+v", l, want)
	}
}

func TestCopyField(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain Norwegian", "Tiltak for økt deling", "Tiltak for økt deling"},
		{"tab and newline", "a\tb\nc\r", `a\tb\nc\r`},
		{"backslash", `C:\data`, `C:\\data`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(copyField(nil, tt.in)); got != tt.want {
				t.Errorf("copyField(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestExpand(t *testing.T) {
	got := expand(DefaultServeArgs, map[string]string{"data": "/tmp/d", "addr": "127.0.0.1:9"})
	want := []string{"serve", "--data", "/tmp/d", "--addr", "127.0.0.1:9"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("expand = %q, want %q", got, want)
	}
}

func TestParseArgs(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		opt, err := ParseArgs(nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(opt.Sections) != 2 || opt.Sections[0] != 10000 || opt.Sections[1] != 100000 {
			t.Errorf("Sections = %v, want [10000 100000]", opt.Sections)
		}
		if !opt.Postgres || opt.Rounds != 3 || opt.PGPort != DefaultPGPort {
			t.Errorf("unexpected defaults: %+v", opt)
		}
	})
	t.Run("flags", func(t *testing.T) {
		opt, err := ParseArgs([]string{"--sections", "200,400", "--postgres=false", "--json", "out.json", "--serve-env", "GOGC=200"})
		if err != nil {
			t.Fatal(err)
		}
		if len(opt.Sections) != 2 || opt.Sections[1] != 400 || opt.Postgres || opt.JSONPath != "out.json" || opt.ServeEnv[0] != "GOGC=200" {
			t.Errorf("unexpected options: %+v", opt)
		}
		if c := commandLine(opt.Args); c != "strategispor-bench --sections 200,400 --postgres=false --json out.json --serve-env GOGC=200" {
			t.Errorf("commandLine = %q", c)
		}
	})
	for _, args := range [][]string{
		{"--sections", "10"},
		{"--rounds", "0"},
		{"--serve-args", "serve"},
		{"--no-such-flag"},
		{"extra"},
	} {
		t.Run("rejects "+strings.Join(args, " "), func(t *testing.T) {
			if _, err := ParseArgs(args); err == nil {
				t.Errorf("ParseArgs(%q) succeeded", args)
			}
		})
	}
}

// TestPostgres loads a small corpus into a throwaway cluster and queries it
// through pgx.
func TestPostgres(t *testing.T) {
	testutil.Heavy(t)
	shared := sharedDir(t)
	if why := postgresUsable(); why != "" {
		t.Skip(why)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	scratch := t.TempDir()
	log := testLogger(t)
	c, err := ensureCorpus(ctx, shared, scratch, 200, 1, log)
	if err != nil {
		t.Fatal(err)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Scratch: scratch, PGBin: DefaultPGBin, PGPort: port}
	pg, err := startPG(ctx, opt, log)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.remove(ctx, false)
	l, err := pg.load(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if l.Total <= 0 || l.DatabaseBytes <= 0 || l.GINBytes <= 0 {
		t.Errorf("implausible load figures: %+v", l)
	}
	queries, err := readQueries(filepath.Join(shared, "bench", "queries.txt"))
	if err != nil {
		t.Fatal(err)
	}
	hits, err := pg.hits(ctx, queries)
	if err != nil {
		t.Fatal(err)
	}
	if hits["digitalisering"] == 0 || hits["skytjenester"] != 0 {
		t.Errorf("hits: digitalisering=%d skytjenester=%d; want >0 and 0", hits["digitalisering"], hits["skytjenester"])
	}
	conn, err := pg.connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query(ctx, pgSearchSQL("deling av data"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 10 || len(rows[0]) != 3 || rows[0][2] == "" {
		t.Fatalf("search rows = %d (first %q), want 10 with headlines", len(rows), rows[0])
	}
	if _, err := conn.Query(ctx, "SELECT no_such_column FROM sections"); err == nil {
		t.Error("a bad query returned no error")
	}
	if _, err := conn.Query(ctx, "SELECT 1"); err != nil {
		t.Errorf("connection unusable after an error: %v", err)
	}
	if err := pg.restart(ctx); err != nil {
		t.Fatal(err)
	}
	p, err := runPhase(ctx, 2, 0, queries, pgQueryFunc(mustConns(t, ctx, pg, 2)))
	if err != nil {
		t.Fatal(err)
	}
	if p.N != len(queries) || p.Max < p.P50 {
		t.Errorf("phase = %+v, want %d samples", p.Latency, len(queries))
	}
}

func mustConns(t *testing.T, ctx context.Context, pg *pgCluster, n int) []*pgConn {
	t.Helper()
	conns := make([]*pgConn, n)
	for i := range conns {
		c, err := pg.connect(ctx)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		conns[i] = c
	}
	return conns
}

// TestRunSmoke drives a whole run on a tiny corpus with the real binary.
func TestRunSmoke(t *testing.T) {
	testutil.Heavy(t) // builds the binary and runs the whole harness
	shared := sharedDir(t)
	scratch := t.TempDir()
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	opt, err := ParseArgs([]string{"--sections", "200", "--rounds", "1", "--scratch", scratch, "--shared", shared,
		"--pg-port", strconv.Itoa(port), "--json", filepath.Join(scratch, "out.json")})
	if err != nil {
		t.Fatal(err)
	}
	opt.Postgres = postgresUsable() == ""
	opt.Logger = testLogger(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	var out bytes.Buffer
	if err := Run(ctx, opt, &out); err != nil {
		t.Fatal(err)
	}
	md := out.String()
	t.Log(md)
	for _, want := range []string{"### 200 sections", "durable ingest", "each query once", "serve VmRSS", "deling av data"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	b, err := os.ReadFile(filepath.Join(scratch, "out.json"))
	if err != nil {
		t.Fatal(err)
	}
	var res Result
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Sizes) != 1 {
		t.Fatalf("JSON has %d sizes, want 1", len(res.Sizes))
	}
	s := res.Sizes[0]
	if s.Ours.IngestSeconds <= 0 || s.Ours.SizeBytes <= 0 || s.Ours.Once1.N != 30 || s.Ours.Rep2.N != 60 || s.Ours.RSSKB <= 0 {
		t.Errorf("implausible figures: %+v", s.Ours)
	}
	if res.Seeds == nil || res.Seeds.Documents == 0 || res.Seeds.ExistingMS <= 0 {
		t.Errorf("seed cold start: %+v", res.Seeds)
	}
	if opt.Postgres && (s.PG == nil || s.PG.Once1.N != 30) {
		t.Errorf("PostgreSQL figures missing: %+v", s.PG)
	}
	var withHits int
	for _, q := range s.PerQuery {
		if q.OursHits > 0 {
			withHits++
		}
	}
	if withHits < 20 {
		t.Errorf("only %d of %d queries found anything", withHits, len(s.PerQuery))
	}
}

// BenchmarkIndexOpen measures index.Open of an existing (empty) index: the
// fixed part of every process start, whatever the corpus size.
//
//	go test ./internal/bench -run '^$' -bench IndexOpen -cpuprofile open.pprof
func BenchmarkIndexOpen(b *testing.B) {
	dir := b.TempDir()
	ix, err := index.Open(dir, index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ix, err := index.Open(dir, index.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// freePort finds a loopback port for the throwaway PostgreSQL cluster.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
