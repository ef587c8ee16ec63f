package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// pgCluster is a throwaway PostgreSQL cluster on a loopback port. When the
// benchmark runs as root it runs the server as the postgres OS user, which
// PostgreSQL requires.
type pgCluster struct {
	bin, root, data string
	port            int
	asUser          string // "" runs the binaries as ourselves
	log             *slog.Logger
	running         bool
}

const pgDatabase = "bench"

func (p *pgCluster) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	path := filepath.Join(p.bin, name)
	if p.asUser != "" {
		return exec.CommandContext(ctx, "runuser", append([]string{"-u", p.asUser, "--", path}, args...)...)
	}
	return exec.CommandContext(ctx, path, args...)
}

func (p *pgCluster) addr() string { return "127.0.0.1:" + strconv.Itoa(p.port) }

// startPG creates and starts a cluster under scratch/pg.
func startPG(ctx context.Context, opt Options, log *slog.Logger) (*pgCluster, error) {
	if _, err := os.Stat(filepath.Join(opt.PGBin, "initdb")); err != nil {
		return nil, fmt.Errorf("bench: PostgreSQL binaries: %w (use --pg-bin or --postgres=false)", err)
	}
	p := &pgCluster{bin: opt.PGBin, root: filepath.Join(opt.Scratch, "pg"), port: opt.PGPort, log: log}
	p.data = filepath.Join(p.root, "data")
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("bench: PostgreSQL cannot run as root and there is no postgres user: %w", err)
		}
		p.asUser = u.Username
	}
	if err := os.RemoveAll(p.root); err != nil {
		return nil, fmt.Errorf("bench: clearing %s: %w", p.root, err)
	}
	if p.asUser != "" && !othersCanReach(opt.Scratch) {
		// The postgres user cannot enter the scratch directory (a test's
		// temporary directory, say): keep the cluster in a directory of its own.
		dir, err := os.MkdirTemp("", "strategispor-bench-pg-")
		if err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		p.root = dir
		p.data = filepath.Join(dir, "data")
	}
	if err := os.MkdirAll(p.root, 0o755); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	if err := os.Chmod(p.root, 0o755); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	if p.asUser != "" {
		if out, err := exec.CommandContext(ctx, "chown", p.asUser, p.root).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("bench: chown %s: %w: %s", p.root, err, out)
		}
	}
	initdb := p.command(ctx, "initdb", "-D", p.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
	if out, err := initdb.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("bench: initdb: %w: %s", err, out)
	}
	// The settings of the shared peer measurements, so both sets of figures
	// describe the same server; fsync stays on.
	conf := fmt.Sprintf(`
listen_addresses = '127.0.0.1'
port = %d
unix_socket_directories = '%s'
shared_buffers = 2GB
effective_cache_size = 16GB
maintenance_work_mem = 1GB
work_mem = 64MB
max_wal_size = 16GB
checkpoint_timeout = 30min
jit = off
max_parallel_maintenance_workers = 2
`, p.port, p.root)
	f, err := os.OpenFile(filepath.Join(p.data, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("bench: postgresql.conf: %w", err)
	}
	_, werr := f.WriteString(conf)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return nil, fmt.Errorf("bench: postgresql.conf: %w", werr)
	}
	if err := p.start(ctx); err != nil {
		return nil, err
	}
	c, err := pgConnect(ctx, p.addr(), "postgres", "postgres")
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if _, err := c.Query(ctx, "CREATE DATABASE "+pgDatabase); err != nil {
		return nil, err
	}
	return p, nil
}

// othersCanReach reports whether every directory from / down to dir is
// searchable by other users.
func othersCanReach(dir string) bool {
	for {
		info, err := os.Stat(dir)
		if err != nil || info.Mode().Perm()&0o001 == 0 {
			return false
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return true
		}
		dir = parent
	}
}

func (p *pgCluster) start(ctx context.Context) error {
	cmd := p.command(ctx, "pg_ctl", "-D", p.data, "-l", filepath.Join(p.root, "server.log"), "-w", "-t", "120", "start")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("bench: pg_ctl start: %w: %s", err, out)
	}
	p.running = true
	return nil
}

func (p *pgCluster) stop(ctx context.Context) error {
	if !p.running {
		return nil
	}
	cmd := p.command(ctx, "pg_ctl", "-D", p.data, "-m", "fast", "-w", "-t", "120", "stop")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("bench: pg_ctl stop: %w: %s", err, out)
	}
	p.running = false
	return nil
}

// restart empties PostgreSQL's shared buffers, the counterpart of a fresh
// strategispor process; the OS page cache stays warm for both.
func (p *pgCluster) restart(ctx context.Context) error {
	if err := p.stop(ctx); err != nil {
		return err
	}
	return p.start(ctx)
}

func (p *pgCluster) remove(ctx context.Context, keep bool) {
	if err := p.stop(ctx); err != nil {
		p.log.Warn("stopping PostgreSQL", "err", err)
	}
	if !keep {
		os.RemoveAll(p.root)
	}
}

func (p *pgCluster) connect(ctx context.Context) (*pgConn, error) {
	return pgConnect(ctx, p.addr(), "postgres", pgDatabase)
}

// pgLoad is PostgreSQL's load-and-index of one corpus.
type pgLoad struct {
	Copy, GIN, Vacuum, Total time.Duration
	DatabaseBytes, GINBytes  int64
}

// load creates the sections table (tsvector generated with the Norwegian
// snowball configuration), COPYs the corpus into it, builds the GIN index
// and analyses the table: PostgreSQL's whole path to searchable, durable data.
func (p *pgCluster) load(ctx context.Context, c genCorpus) (pgLoad, error) {
	conn, err := p.connect(ctx)
	if err != nil {
		return pgLoad{}, err
	}
	defer conn.Close()
	for _, q := range []string{
		"DROP TABLE IF EXISTS sections",
		`CREATE TABLE sections(id text PRIMARY KEY, doc text NOT NULL, heading text NOT NULL, body text NOT NULL,
		 tsv tsvector GENERATED ALWAYS AS (to_tsvector('norwegian', heading || ' ' || body)) STORED)`,
		"CHECKPOINT",
	} {
		if _, err := conn.Query(ctx, q); err != nil {
			return pgLoad{}, err
		}
	}
	var l pgLoad
	t0 := time.Now()
	err = conn.CopyIn(ctx, "COPY sections(id, doc, heading, body) FROM STDIN", func(w io.Writer) error {
		var line []byte
		return readRecords(c.JSONL, func(r record) error {
			line = line[:0]
			for i, f := range []string{r.ID, r.Doc, r.Heading, r.Body} {
				if i > 0 {
					line = append(line, '\t')
				}
				line = copyField(line, f)
			}
			line = append(line, '\n')
			_, err := w.Write(line)
			return err
		})
	})
	if err != nil {
		return pgLoad{}, fmt.Errorf("bench: loading PostgreSQL: %w", err)
	}
	t1 := time.Now()
	if _, err := conn.Query(ctx, "CREATE INDEX sections_tsv_gin ON sections USING gin(tsv)"); err != nil {
		return pgLoad{}, err
	}
	t2 := time.Now()
	if _, err := conn.Query(ctx, "VACUUM ANALYZE sections"); err != nil {
		return pgLoad{}, err
	}
	t3 := time.Now()
	l.Copy, l.GIN, l.Vacuum, l.Total = t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t3.Sub(t0)
	if _, err := conn.Query(ctx, "CHECKPOINT"); err != nil {
		return pgLoad{}, err
	}
	rows, err := conn.Query(ctx, "SELECT pg_database_size(current_database()), pg_relation_size('sections_tsv_gin'), count(*) FROM sections")
	if err != nil {
		return pgLoad{}, err
	}
	if len(rows) != 1 || len(rows[0]) != 3 {
		return pgLoad{}, errors.New("bench: unexpected answer to the size query")
	}
	l.DatabaseBytes, _ = strconv.ParseInt(rows[0][0], 10, 64)
	l.GINBytes, _ = strconv.ParseInt(rows[0][1], 10, 64)
	if n, _ := strconv.Atoi(rows[0][2]); n != c.Sections {
		return pgLoad{}, fmt.Errorf("bench: PostgreSQL holds %d sections, want %d", n, c.Sections)
	}
	return l, nil
}

// pgSearchSQL is the peer query: rank every match, keep the top 10 and
// build ts_headline snippets for those only. It returns the 10 rows.
func pgSearchSQL(q string) string {
	lit := sqlString(q)
	return `SELECT id, heading, ts_headline('norwegian', body, q, 'MaxFragments=2, MaxWords=25, MinWords=10')
FROM (SELECT id, heading, body, q, ts_rank(tsv, q) AS r FROM sections, websearch_to_tsquery('norwegian', ` + lit + `) q
      WHERE tsv @@ q ORDER BY r DESC LIMIT 10) t ORDER BY r DESC`
}

// pgQueryFunc returns a queryFunc over one connection per client.
func pgQueryFunc(conns []*pgConn) queryFunc {
	return func(ctx context.Context, client int, q string) (int64, error) {
		rows, err := conns[client].Query(ctx, pgSearchSQL(q))
		if err != nil {
			return 0, err
		}
		return int64(len(rows)), nil
	}
}

// pgHits counts the matches of every query, untimed, to compare with ours.
func (p *pgCluster) hits(ctx context.Context, queries []string) (map[string]int64, error) {
	conn, err := p.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	out := map[string]int64{}
	for _, q := range queries {
		rows, err := conn.Query(ctx, "SELECT count(*) FROM sections WHERE tsv @@ websearch_to_tsquery('norwegian', "+sqlString(q)+")")
		if err != nil {
			return nil, err
		}
		if len(rows) == 1 && len(rows[0]) == 1 {
			out[q], _ = strconv.ParseInt(strings.TrimSpace(rows[0][0]), 10, 64)
		}
	}
	return out, nil
}
