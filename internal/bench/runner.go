package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

// runner carries what the phases of one run share.
type runner struct {
	opt     Options
	log     *slog.Logger
	queries []string
	pg      *pgCluster
}

func (r *runner) cleanup() {
	if r.pg != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		r.pg.remove(ctx, r.opt.Keep)
		r.pg = nil
	}
}

func (r *runner) path(parts ...string) string {
	return filepath.Join(append([]string{r.opt.Scratch}, parts...)...)
}

// seedColdStart times serve from process start to the first answer of
// /api/health, on an empty data directory (which serve fills with the seed
// documents) and then again on the directory that start left behind.
func (r *runner) seedColdStart(ctx context.Context) (ColdStart, error) {
	data := r.path("data-seeds")
	if err := os.RemoveAll(data); err != nil {
		return ColdStart{}, fmt.Errorf("bench: %w", err)
	}
	var cs ColdStart
	t0 := time.Now()
	s, d, err := startServe(ctx, r.opt, data, r.path("serve-seeds-empty.log"))
	if err != nil {
		return cs, err
	}
	cs.EmptyMS = ms(d)
	// Health may answer before the seeds are searchable; record both.
	if err := s.waitDocuments(ctx, 1, 2*time.Minute); err != nil {
		s.stop()
		return cs, err
	}
	cs.EmptyReadyMS = ms(time.Since(t0))
	h, err := s.health(ctx)
	if err != nil {
		s.stop()
		return cs, fmt.Errorf("bench: %w", err)
	}
	cs.Documents, cs.Sections = h.Documents, h.Sections
	if err := s.stop(); err != nil {
		return cs, err
	}
	s, d, err = startServe(ctx, r.opt, data, r.path("serve-seeds-existing.log"))
	if err != nil {
		return cs, err
	}
	cs.ExistingMS = ms(d)
	if rss, _, err := s.memory(); err == nil {
		cs.RSSKB = rss
	}
	if err := s.stop(); err != nil {
		return cs, err
	}
	if !r.opt.Keep {
		os.RemoveAll(data)
	}
	return cs, nil
}

// size runs every measurement for one corpus size.
func (r *runner) size(ctx context.Context, n int) (SizeResult, error) {
	log := r.log.With("sections", n)
	c, err := ensureCorpus(ctx, r.opt.Shared, r.opt.Scratch, n, r.opt.Seed, log)
	if err != nil {
		return SizeResult{}, err
	}
	sr := SizeResult{Sections: c.Sections, Documents: c.Documents, TextBytes: c.TextBytes, Load: map[string]float64{}}
	sampleLoad := func(step string) {
		if v, ok := loadAvg(); ok {
			sr.Load[step] = v
		}
	}
	sampleLoad("start")

	// Durable ingest through the real CLI.
	data := r.path(fmt.Sprintf("data-%d", n))
	if err := r.ingest(ctx, &sr, c, data, n, log); err != nil {
		return sr, err
	}
	sampleLoad("after CLI ingest")

	if r.opt.Extract {
		log.Info("extraction alone (ingest.File)")
		if sr.Ours.ExtractSeconds, err = r.extractOnly(ctx, c, n); err != nil {
			return sr, err
		}
	}
	if r.opt.InProcess {
		log.Info("indexing alone (Writer.PutMany)")
		dir := r.path(fmt.Sprintf("index-only-%d", n))
		if err := r.indexOnly(ctx, c, dir, n, &sr.Ours); err != nil {
			return sr, err
		}
		if !r.opt.Keep {
			os.RemoveAll(dir)
		}
		sampleLoad("after in-process phases")
	}

	hits, err := r.oursQueries(ctx, &sr, data, n, log)
	if err != nil {
		return sr, err
	}
	sampleLoad("after our queries")

	var pgHits map[string]int64
	if r.opt.Postgres {
		if pgHits, err = r.postgres(ctx, &sr, c, log); err != nil {
			return sr, err
		}
		sampleLoad("after PostgreSQL")
	}
	for _, q := range r.queries {
		pq := PerQuery{Query: q, OursHits: hits.firstHits[q], OursOnceMS: hits.firstMS[q]}
		if pgHits != nil {
			pq.PGHits = pgHits[q]
			pq.PGOnceMS = sr.pgOnce[q]
		}
		sr.PerQuery = append(sr.PerQuery, pq)
	}
	if !r.opt.Keep {
		os.RemoveAll(data)
	}
	return sr, nil
}

// ingestRecord is written next to a data directory that --keep kept, so a
// later run with --reuse can measure queries again without ingesting anew.
type ingestRecord struct {
	Seconds float64 `json:"ingest_s"`
	Bytes   int64   `json:"size_bytes"`
	Binary  string  `json:"binary"`
}

// ingest runs the CLI ingest into data, or with --reuse takes the data
// directory and figures a kept earlier run left.
func (r *runner) ingest(ctx context.Context, sr *SizeResult, c genCorpus, data string, n int, log *slog.Logger) error {
	recPath := data + ".ingest.json"
	if r.opt.Reuse {
		if b, err := os.ReadFile(recPath); err == nil {
			var rec ingestRecord
			if err := json.Unmarshal(b, &rec); err == nil && rec.Seconds > 0 {
				log.Info("reusing the data directory of an earlier run", "dir", data)
				sr.Ours.IngestSeconds, sr.Ours.SizeBytes, sr.Ours.IngestReused = rec.Seconds, rec.Bytes, true
				return nil
			}
		}
	}
	os.Remove(recPath)
	if err := os.RemoveAll(data); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	log.Info("CLI ingest")
	d, peak, err := runIngest(ctx, r.opt, data, c.TxtDir, r.path(fmt.Sprintf("ingest-%d.log", n)))
	if err != nil {
		return err
	}
	sr.Ours.IngestSeconds, sr.Ours.IngestPeakKB = d.Seconds(), peak
	if sr.Ours.SizeBytes, err = dirSize(data); err != nil {
		return fmt.Errorf("bench: sizing %s: %w", data, err)
	}
	if r.opt.Keep {
		b, _ := json.Marshal(ingestRecord{Seconds: sr.Ours.IngestSeconds, Bytes: sr.Ours.SizeBytes, Binary: r.opt.Binary})
		if err := os.WriteFile(recPath, b, 0o644); err != nil {
			return fmt.Errorf("bench: %w", err)
		}
	}
	return nil
}

// oursQueries runs the query phases against serve on data: each query once
// on a fresh process with 1 and then 2 clients, then repeated rounds on one
// process, and reads its memory at the end. It returns the 1-client
// once-each phase for the per-query table.
func (r *runner) oursQueries(ctx context.Context, sr *SizeResult, data string, n int, log *slog.Logger) (phase, error) {
	logPath := func(step string) string { return r.path(fmt.Sprintf("serve-%d-%s.log", n, step)) }
	fresh := func(step string, clients int) (phase, time.Duration, error) {
		s, d, err := startServe(ctx, r.opt, data, logPath(step))
		if err != nil {
			return phase{}, 0, err
		}
		p, err := runPhase(ctx, clients, 0, r.queries, func(ctx context.Context, _ int, q string) (int64, error) { return s.search(ctx, q) })
		if serr := s.stop(); err == nil {
			err = serr
		}
		return p, d, err
	}
	log.Info("queries once each, fresh server, 1 client")
	once1, start1, err := fresh("once1", 1)
	if err != nil {
		return phase{}, err
	}
	log.Info("queries once each, fresh server, 2 clients")
	once2, start2, err := fresh("once2", 2)
	if err != nil {
		return phase{}, err
	}
	sr.Ours.Once1, sr.Ours.Once2 = once1.Latency, once2.Latency
	sr.Ours.StartMS = ms(min(start1, start2))

	s, _, err := startServe(ctx, r.opt, data, logPath("repeated"))
	if err != nil {
		return phase{}, err
	}
	defer func() {
		if err := s.stop(); err != nil {
			log.Warn("stopping serve", "err", err)
		}
	}()
	h, err := s.health(ctx)
	if err != nil {
		return phase{}, fmt.Errorf("bench: %w", err)
	}
	// The pipeline finds its own sections in the .txt files (the document
	// title line makes one more per file, for instance), so the count is
	// reported, not required to equal the generator's.
	if h.Sections < sr.Sections/2 {
		return phase{}, fmt.Errorf("bench: serve reports %d sections after ingest of %d", h.Sections, sr.Sections)
	}
	sr.Ours.Sections, sr.Ours.Documents = h.Sections, h.Documents
	do := func(ctx context.Context, _ int, q string) (int64, error) { return s.search(ctx, q) }
	log.Info("queries repeated, 1 client", "rounds", r.opt.Rounds)
	rep1, err := runPhase(ctx, 1, r.opt.Rounds, r.queries, do)
	if err != nil {
		return phase{}, err
	}
	log.Info("queries repeated, 2 clients", "rounds", r.opt.Rounds)
	rep2, err := runPhase(ctx, 2, r.opt.Rounds, r.queries, do)
	if err != nil {
		return phase{}, err
	}
	sr.Ours.Rep1, sr.Ours.Rep2 = rep1.Latency, rep2.Latency
	if sr.Ours.RSSKB, sr.Ours.HWMKB, err = s.memory(); err != nil {
		return phase{}, fmt.Errorf("bench: reading serve memory: %w", err)
	}
	if sr.Ours.RSSAnonKB, sr.Ours.RSSFileKB, err = s.rssSplit(); err != nil {
		return phase{}, fmt.Errorf("bench: reading serve memory: %w", err)
	}
	return once1, nil
}

// postgres loads the corpus into PostgreSQL and runs the same query phases.
func (r *runner) postgres(ctx context.Context, sr *SizeResult, c genCorpus, log *slog.Logger) (map[string]int64, error) {
	if r.pg == nil {
		log.Info("starting PostgreSQL")
		pg, err := startPG(ctx, r.opt, r.log)
		if err != nil {
			return nil, err
		}
		r.pg = pg
	}
	log.Info("PostgreSQL load and index")
	l, err := r.pg.load(ctx, c)
	if err != nil {
		return nil, err
	}
	e := &Engine{IngestSeconds: l.Total.Seconds(), SizeBytes: l.DatabaseBytes,
		PGCopySeconds: l.Copy.Seconds(), PGGINSeconds: l.GIN.Seconds(), PGVacuumSeconds: l.Vacuum.Seconds(), PGGINBytes: l.GINBytes}

	run := func(clients, rounds int, restart bool) (phase, error) {
		if restart {
			if err := r.pg.restart(ctx); err != nil {
				return phase{}, err
			}
		}
		conns := make([]*pgConn, clients)
		for i := range conns {
			c, err := r.pg.connect(ctx)
			if err != nil {
				return phase{}, err
			}
			defer c.Close()
			conns[i] = c
		}
		return runPhase(ctx, clients, rounds, r.queries, pgQueryFunc(conns))
	}
	log.Info("PostgreSQL queries once each, restarted server, 1 client")
	once1, err := run(1, 0, true)
	if err != nil {
		return nil, err
	}
	log.Info("PostgreSQL queries once each, restarted server, 2 clients")
	once2, err := run(2, 0, true)
	if err != nil {
		return nil, err
	}
	log.Info("PostgreSQL queries repeated", "rounds", r.opt.Rounds)
	rep1, err := run(1, r.opt.Rounds, false)
	if err != nil {
		return nil, err
	}
	rep2, err := run(2, r.opt.Rounds, false)
	if err != nil {
		return nil, err
	}
	e.Once1, e.Once2, e.Rep1, e.Rep2 = once1.Latency, once2.Latency, rep1.Latency, rep2.Latency
	sr.PG = e
	sr.pgOnce = once1.firstMS
	hits, err := r.pg.hits(ctx, r.queries)
	if err != nil {
		return nil, err
	}
	conn, err := r.pg.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.Query(ctx, "DROP TABLE sections"); err != nil {
		return nil, err
	}
	return hits, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
