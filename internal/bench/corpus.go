package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

// record is one generated section as gen-corpus writes it.
type record struct {
	ID      string `json:"id"`
	Doc     string `json:"doc"`
	Heading string `json:"heading"`
	Body    string `json:"body"`
}

// genCorpus is a generated corpus on disk.
type genCorpus struct {
	Sections  int
	Documents int
	TextBytes int64 // heading + body bytes, the unit of every MB/s figure
	JSONL     string
	TxtDir    string // one .txt per 20 sections
}

// ensureCorpus builds the shared generator and writes the corpus of n
// sections into the scratch directory, unless it is already there.
func ensureCorpus(ctx context.Context, shared, scratch string, n int, seed uint64, log *slog.Logger) (genCorpus, error) {
	dir := filepath.Join(scratch, "corpus")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return genCorpus{}, fmt.Errorf("bench: corpus dir: %w", err)
	}
	name := fmt.Sprintf("c%d-s%d", n, seed)
	c := genCorpus{JSONL: filepath.Join(dir, name+".jsonl"), TxtDir: filepath.Join(dir, name+"-txt")}
	meta := c.JSONL + ".meta.json"
	if _, err := os.Stat(meta); err != nil {
		bin := filepath.Join(scratch, "bin", "gen-corpus")
		log.Info("building gen-corpus", "out", bin)
		build := exec.CommandContext(ctx, "go", "build", "-o", bin, ".")
		build.Dir = filepath.Join(shared, "bench", "gen-corpus")
		if b, err := build.CombinedOutput(); err != nil {
			return genCorpus{}, fmt.Errorf("bench: building gen-corpus: %w\n%s", err, b)
		}
		os.RemoveAll(c.TxtDir)
		log.Info("generating corpus", "sections", n, "seed", seed)
		gen := exec.CommandContext(ctx, bin, "--seeds", filepath.Join(shared, "seeds", "*.txt"),
			"--sections", strconv.Itoa(n), "--seed", strconv.FormatUint(seed, 10),
			"--out", c.JSONL, "--txt-dir", c.TxtDir)
		if b, err := gen.CombinedOutput(); err != nil {
			os.Remove(meta)
			return genCorpus{}, fmt.Errorf("bench: generating corpus: %w\n%s", err, b)
		}
	}
	b, err := os.ReadFile(meta)
	if err != nil {
		return genCorpus{}, fmt.Errorf("bench: reading corpus meta: %w", err)
	}
	var m struct {
		Sections  int   `json:"sections"`
		Docs      int   `json:"docs"`
		TextBytes int64 `json:"text_bytes"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return genCorpus{}, fmt.Errorf("bench: reading corpus meta: %w", err)
	}
	if m.Sections != n {
		return genCorpus{}, fmt.Errorf("bench: %s describes %d sections, want %d", meta, m.Sections, n)
	}
	c.Sections, c.Documents, c.TextBytes = m.Sections, m.Docs, m.TextBytes
	return c, nil
}

// readRecords streams the corpus's sections to fn in file order.
func readRecords(path string, fn func(record) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("bench: reading corpus: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("bench: %s line %d: %w", path, line, err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("bench: reading corpus: %w", err)
	}
	return nil
}
