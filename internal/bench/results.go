package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Result is everything one run measured.
type Result struct {
	Command string       `json:"command"`
	Machine Machine      `json:"machine"`
	Started time.Time    `json:"started"`
	Seconds float64      `json:"seconds"`
	Load    Load         `json:"load_1min"`
	Seeds   *ColdStart   `json:"seeds_cold_start,omitempty"`
	Sizes   []SizeResult `json:"sizes"`
}

// ColdStart is serve's start over the seed documents, in milliseconds.
type ColdStart struct {
	EmptyMS      float64 `json:"empty_health_ms"`     // empty data dir: start → /api/health answers
	EmptyReadyMS float64 `json:"empty_searchable_ms"` // empty data dir: start → health reports the seeds
	ExistingMS   float64 `json:"existing_health_ms"`  // the same data dir again
	Documents    int     `json:"documents"`
	Sections     int     `json:"sections"`
	RSSKB        int64   `json:"existing_rss_kb"`
}

// SizeResult holds the figures for one corpus size.
type SizeResult struct {
	Sections  int                `json:"sections"`
	Documents int                `json:"documents"`
	TextBytes int64              `json:"text_bytes"`
	Ours      Engine             `json:"strategispor"`
	PG        *Engine            `json:"postgres,omitempty"`
	PerQuery  []PerQuery         `json:"per_query"`
	Load      map[string]float64 `json:"load_1min"`

	pgOnce map[string]float64
}

// Engine is one engine's figures at one size. Ingest is the durable path
// to searchable data: `strategispor ingest` of the .txt files for ours;
// COPY with to_tsvector, GIN build and VACUUM ANALYZE for PostgreSQL.
type Engine struct {
	IngestSeconds float64 `json:"ingest_s"`
	SizeBytes     int64   `json:"size_bytes"`
	Once1         Latency `json:"once_1_client"`
	Once2         Latency `json:"once_2_clients"`
	Rep1          Latency `json:"repeated_1_client"`
	Rep2          Latency `json:"repeated_2_clients"`

	// strategispor only
	IngestReused     bool    `json:"ingest_reused,omitempty"`      // the ingest figures come from an earlier --keep run
	IngestPeakKB     int64   `json:"ingest_peak_rss_kb,omitempty"` // the CLI ingest's peak RSS (getrusage)
	Documents        int     `json:"documents,omitempty"`          // as serve reports them after the CLI ingest
	Sections         int     `json:"sections,omitempty"`
	ExtractSeconds   float64 `json:"extract_only_s,omitempty"`
	IndexOnlySeconds float64 `json:"index_only_s,omitempty"`
	IndexOnlyBytes   int64   `json:"index_only_size_bytes,omitempty"`
	IndexOpenMS      float64 `json:"index_open_ms,omitempty"` // index.Open of a new index, analysis included
	StartMS          float64 `json:"start_existing_ms,omitempty"`
	// InProcess is Reader.Search in this process on a freshly opened index,
	// each query once: the query cost without HTTP, JSON and process start.
	InProcess Latency `json:"in_process_search_once"`
	RSSKB     int64   `json:"rss_kb,omitempty"`
	HWMKB     int64   `json:"hwm_kb,omitempty"`
	RSSAnonKB int64   `json:"rss_anon_kb,omitempty"` // heap and stacks
	RSSFileKB int64   `json:"rss_file_kb,omitempty"` // mapped index files, which the kernel can drop

	// PostgreSQL only
	PGCopySeconds   float64 `json:"copy_s,omitempty"`
	PGGINSeconds    float64 `json:"gin_s,omitempty"`
	PGVacuumSeconds float64 `json:"vacuum_analyze_s,omitempty"`
	PGGINBytes      int64   `json:"gin_bytes,omitempty"`
}

// PerQuery compares one query's hit counts and first-run latency.
type PerQuery struct {
	Query      string  `json:"query"`
	OursHits   int64   `json:"strategispor_hits"`
	PGHits     int64   `json:"postgres_hits"`
	OursOnceMS float64 `json:"strategispor_once_ms"`
	PGOnceMS   float64 `json:"postgres_once_ms"`
}

func mbps(bytes int64, seconds float64) float64 {
	if seconds <= 0 {
		return 0
	}
	return float64(bytes) / 1e6 / seconds
}

func writeJSON(path string, stdout io.Writer, res *Result) error {
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return fmt.Errorf("bench: encoding JSON: %w", err)
	}
	b = append(b, '\n')
	if path == "-" {
		_, err = stdout.Write(b)
	} else {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		return fmt.Errorf("bench: writing JSON: %w", err)
	}
	return nil
}

// row is one line of a comparison table.
type row struct {
	name     string
	ours, pg float64
	hasPG    bool
	unit     string // printf verb for the values
	target   string
}

func fmtVal(v float64, verb string) string {
	if v == 0 {
		return "–"
	}
	return fmt.Sprintf(verb, v)
}

func writeMarkdown(w io.Writer, res *Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## strategispor vs PostgreSQL full-text search\n\n")
	fmt.Fprintf(&b, "Command: `%s`  \n", res.Command)
	m := res.Machine
	fmt.Fprintf(&b, "Machine: %d CPUs (%s), %d MB RAM, %s, %s  \n", m.CPUs, m.CPUModel, m.MemoryMB, m.OS, m.GoVersion)
	fmt.Fprintf(&b, "Run: %s, %.0f s; 1-minute load average median %.2f, max %.2f (%d samples)\n\n",
		res.Started.Format(time.RFC3339), res.Seconds, res.Load.Median, res.Load.Max, res.Load.Samples)

	if cs := res.Seeds; cs != nil {
		fmt.Fprintf(&b, "### serve cold start over the seeds (%d documents, %d sections)\n\n", cs.Documents, cs.Sections)
		fmt.Fprintf(&b, "| data directory | start → /api/health answers | start → seeds searchable | target |\n|---|---:|---:|---|\n")
		fmt.Fprintf(&b, "| empty | %.0f ms | %.0f ms | ≤ 2000 ms: %s |\n", cs.EmptyMS, cs.EmptyReadyMS, verdict(cs.EmptyReadyMS <= 2000))
		fmt.Fprintf(&b, "| existing | %.0f ms | – | ≤ 2000 ms: %s |\n\n", cs.ExistingMS, verdict(cs.ExistingMS <= 2000))
	}
	for _, sr := range res.Sizes {
		writeSize(&b, sr)
	}
	if len(res.Sizes) > 1 {
		writeGrowth(&b, res.Sizes)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "**not met**"
}

func writeSize(b *strings.Builder, sr SizeResult) {
	fmt.Fprintf(b, "### %d sections (%d documents, %.1f MB of text)\n\n", sr.Sections, sr.Documents, float64(sr.TextBytes)/1e6)
	if sr.Ours.IngestReused {
		fmt.Fprintf(b, "The data directory and the ingest figures come from an earlier run (--reuse).\n\n")
	}
	if sr.Ours.Sections > 0 {
		fmt.Fprintf(b, "The CLI ingest of the %d .txt files gave %d documents and %d sections (the pipeline splits the text itself).\n\n",
			sr.Documents, sr.Ours.Documents, sr.Ours.Sections)
	}
	o := sr.Ours
	var p Engine
	if sr.PG != nil {
		p = *sr.PG
	}
	has := sr.PG != nil
	pgIngest := mbps(sr.TextBytes, p.IngestSeconds)
	rows := []row{
		{name: "durable ingest, MB/s of text (CLI ingest of .txt ‖ COPY+to_tsvector+GIN+VACUUM ANALYZE)", ours: mbps(sr.TextBytes, o.IngestSeconds), pg: pgIngest, hasPG: has, unit: "%.2f", target: "≥ 1.5×"},
		{name: "ingest seconds", ours: o.IngestSeconds, pg: p.IngestSeconds, hasPG: has, unit: "%.1f"},
		{name: "CLI ingest peak RSS, MB", ours: float64(o.IngestPeakKB) / 1024, unit: "%.0f", target: "≤ 1024 MB"},
		{name: "index.Open of a new index (analysis and dictionaries), ms", ours: o.IndexOpenMS, unit: "%.0f"},
		{name: "indexing alone, MB/s (Writer.PutMany of built documents, Close included)", ours: mbps(sr.TextBytes, o.IndexOnlySeconds), pg: pgIngest, hasPG: has, unit: "%.2f"},
		{name: "extraction alone, MB/s (ingest.File, no index)", ours: mbps(sr.TextBytes, o.ExtractSeconds), unit: "%.2f"},
		{name: "size on disk, MB (data dir ‖ database)", ours: float64(o.SizeBytes) / 1e6, pg: float64(p.SizeBytes) / 1e6, hasPG: has, unit: "%.1f"},
	}
	lat := func(label string, a, c Latency, target bool) {
		t := ""
		if target {
			t = "max ≤ PG p99 / 12"
		}
		rows = append(rows,
			row{name: label + " p50 ms", ours: a.P50, pg: c.P50, hasPG: has, unit: "%.1f"},
			row{name: label + " p99 ms", ours: a.P99, pg: c.P99, hasPG: has, unit: "%.1f"},
			row{name: label + " max ms", ours: a.Max, pg: c.Max, hasPG: has, unit: "%.1f", target: t},
		)
	}
	lat("each query once, fresh process, 1 client,", o.Once1, p.Once1, true)
	lat("each query once, fresh process, 2 clients,", o.Once2, p.Once2, false)
	rows = append(rows,
		row{name: "each query once, Reader.Search in process (no HTTP), p50 ms", ours: o.InProcess.P50, unit: "%.1f"},
		row{name: "each query once, Reader.Search in process (no HTTP), max ms", ours: o.InProcess.Max, unit: "%.1f"},
	)
	rows = append(rows,
		row{name: "repeated, 1 client, p50 ms", ours: o.Rep1.P50, pg: p.Rep1.P50, hasPG: has, unit: "%.1f"},
		row{name: "repeated, 1 client, p99 ms", ours: o.Rep1.P99, pg: p.Rep1.P99, hasPG: has, unit: "%.1f"},
		row{name: "repeated, 1 client, queries/s", ours: o.Rep1.QPS, pg: p.Rep1.QPS, hasPG: has, unit: "%.1f"},
		row{name: "repeated, 2 clients, p50 ms", ours: o.Rep2.P50, pg: p.Rep2.P50, hasPG: has, unit: "%.1f"},
		row{name: "repeated, 2 clients, p99 ms", ours: o.Rep2.P99, pg: p.Rep2.P99, hasPG: has, unit: "%.1f"},
		row{name: "repeated, 2 clients, queries/s", ours: o.Rep2.QPS, pg: p.Rep2.QPS, hasPG: has, unit: "%.1f"},
		row{name: "serve VmRSS after the queries, MB", ours: float64(o.RSSKB) / 1024, unit: "%.0f", target: "≤ 300 MB"},
		row{name: "serve VmHWM (peak RSS), MB", ours: float64(o.HWMKB) / 1024, unit: "%.0f"},
		row{name: "of VmRSS: anonymous (heap, stacks), MB", ours: float64(o.RSSAnonKB) / 1024, unit: "%.0f"},
		row{name: "of VmRSS: file-backed (mapped index segments), MB", ours: float64(o.RSSFileKB) / 1024, unit: "%.0f"},
		row{name: "serve start on this data dir → /api/health, ms", ours: o.StartMS, unit: "%.0f"},
	)
	fmt.Fprintf(b, "| figure | strategispor | PostgreSQL 15 | ours/theirs | target |\n|---|---:|---:|---:|---|\n")
	for _, r := range rows {
		ratio := "–"
		if r.hasPG && r.ours > 0 && r.pg > 0 {
			ratio = fmt.Sprintf("%.2f×", r.ours/r.pg)
		}
		pg := "–"
		if r.hasPG {
			pg = fmtVal(r.pg, r.unit)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", r.name, fmtVal(r.ours, r.unit), pg, ratio, r.target)
	}
	if has {
		fmt.Fprintf(b, "\nPostgreSQL ingest: COPY with to_tsvector %.1f s, GIN build %.1f s, VACUUM ANALYZE %.1f s; GIN index %.1f MB.\n",
			p.PGCopySeconds, p.PGGINSeconds, p.PGVacuumSeconds, float64(p.PGGINBytes)/1e6)
	}
	fmt.Fprintf(b, "\nTargets at this size:\n\n")
	if has {
		ratio := mbps(sr.TextBytes, o.IngestSeconds) / pgIngest
		fmt.Fprintf(b, "- durable ingest ≥ 1.5× PostgreSQL: %.2f× (%.2f vs %.2f MB/s) — %s\n", ratio, mbps(sr.TextBytes, o.IngestSeconds), pgIngest, verdict(ratio >= 1.5))
		limit := p.Once1.P99 / 12
		fmt.Fprintf(b, "- worst query once each (1 client) ≤ PostgreSQL p99 / 12 = %.1f ms: %.1f ms — %s\n", limit, o.Once1.Max, verdict(o.Once1.Max <= limit))
	}
	fmt.Fprintf(b, "- serve RSS ≤ 300 MB: %.0f MB — %s\n", float64(o.RSSKB)/1024, verdict(o.RSSKB <= 300*1024))
	if o.IngestPeakKB > 0 {
		fmt.Fprintf(b, "- CLI ingest peak RSS ≤ 1 GB: %.0f MB — %s\n", float64(o.IngestPeakKB)/1024, verdict(o.IngestPeakKB <= 1024*1024))
	}
	if len(sr.Load) > 0 {
		fmt.Fprintf(b, "\nLoad average during this size:")
		for _, k := range []string{"start", "after CLI ingest", "after in-process phases", "after our queries", "after PostgreSQL"} {
			if v, ok := sr.Load[k]; ok {
				fmt.Fprintf(b, " %s %.2f;", k, v)
			}
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "\n| query | hits (ours) | hits (PostgreSQL) | once ms (ours) | once ms (PostgreSQL) |\n|---|---:|---:|---:|---:|\n")
	for _, q := range sr.PerQuery {
		fmt.Fprintf(b, "| %s | %d | %s | %.1f | %s |\n", q.Query, q.OursHits, intOrDash(q.PGHits, has), q.OursOnceMS, fmtVal(q.PGOnceMS, "%.1f"))
	}
	b.WriteString("\n")
}

func intOrDash(v int64, ok bool) string {
	if !ok {
		return "–"
	}
	return fmt.Sprint(v)
}

// writeGrowth shows how each figure grows from the smallest to the largest size.
func writeGrowth(b *strings.Builder, sizes []SizeResult) {
	first, last := sizes[0], sizes[len(sizes)-1]
	fmt.Fprintf(b, "### growth %d → %d sections (%.0f× the data)\n\n", first.Sections, last.Sections, float64(last.Sections)/float64(first.Sections))
	fmt.Fprintf(b, "| figure | %d | %d | growth |\n|---|---:|---:|---:|\n", first.Sections, last.Sections)
	type g struct {
		name string
		f    func(SizeResult) float64
	}
	rows := []g{
		{"ours: ingest MB/s", func(s SizeResult) float64 { return mbps(s.TextBytes, s.Ours.IngestSeconds) }},
		{"ours: indexing alone MB/s", func(s SizeResult) float64 { return mbps(s.TextBytes, s.Ours.IndexOnlySeconds) }},
		{"ours: size MB", func(s SizeResult) float64 { return float64(s.Ours.SizeBytes) / 1e6 }},
		{"ours: once, 1 client, p50 ms", func(s SizeResult) float64 { return s.Ours.Once1.P50 }},
		{"ours: once, 1 client, max ms", func(s SizeResult) float64 { return s.Ours.Once1.Max }},
		{"ours: repeated, 1 client, p50 ms", func(s SizeResult) float64 { return s.Ours.Rep1.P50 }},
		{"ours: serve RSS MB", func(s SizeResult) float64 { return float64(s.Ours.RSSKB) / 1024 }},
		{"ours: serve start ms", func(s SizeResult) float64 { return s.Ours.StartMS }},
	}
	if first.PG != nil && last.PG != nil {
		rows = append(rows,
			g{"PostgreSQL: ingest MB/s", func(s SizeResult) float64 { return mbps(s.TextBytes, s.PG.IngestSeconds) }},
			g{"PostgreSQL: size MB", func(s SizeResult) float64 { return float64(s.PG.SizeBytes) / 1e6 }},
			g{"PostgreSQL: once, 1 client, p50 ms", func(s SizeResult) float64 { return s.PG.Once1.P50 }},
			g{"PostgreSQL: once, 1 client, p99 ms", func(s SizeResult) float64 { return s.PG.Once1.P99 }},
		)
	}
	for _, r := range rows {
		a, z := r.f(first), r.f(last)
		growth := "–"
		if a > 0 && z > 0 {
			growth = fmt.Sprintf("%.1f×", z/a)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", r.name, fmtVal(a, "%.1f"), fmtVal(z, "%.1f"), growth)
	}
	b.WriteString("\n")
}
