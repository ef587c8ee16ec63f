package ingest

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/seeds"
)

var benchTxt = flag.String("bench.txt", "", "directory of .txt files for BenchmarkFile; empty = generate 200 with ../shared/bench/gen-corpus")

// BenchmarkSeeds ingests every seed once per iteration.
func BenchmarkSeeds(b *testing.B) {
	var files [][]byte
	for _, name := range seeds.Files() {
		data, err := seeds.FS.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
	}
	names := seeds.Files()
	b.ReportAllocs()
	for b.Loop() {
		for i, data := range files {
			if _, err := File(context.Background(), names[i], data, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkFile ingests a few hundred generated plain-text documents and the
// seeds, one at a time on one goroutine, and reports the extraction rate.
func BenchmarkFile(b *testing.B) {
	type file struct {
		name string
		data []byte
	}
	var files []file
	var total int64
	for _, name := range seeds.Files() {
		data, err := seeds.FS.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, file{name, data})
		total += int64(len(data))
	}
	dir := *benchTxt
	if dir == "" {
		dir = generateTxt(b)
	}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, file{p, data})
		total += int64(len(data))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			if _, err := File(context.Background(), f.name, f.data, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// generateTxt writes 200 plain-text documents (4,000 sections) with the
// shared corpus generator and returns their directory.
func generateTxt(b *testing.B) string {
	b.Helper()
	shared := filepath.Dir(sharedDir(b))
	gen := filepath.Join(shared, "bench", "gen-corpus")
	if _, err := os.Stat(gen); err != nil {
		b.Skipf("corpus generator absent: %v", err)
	}
	tmp := b.TempDir()
	bin := filepath.Join(tmp, "gen-corpus")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = gen
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("building the corpus generator: %v\n%s", err, out)
	}
	dir := filepath.Join(tmp, "txt")
	run := exec.Command(bin, "--seeds", filepath.Join(shared, "seeds", "*.txt"), "--seed", "1",
		"--sections", "4000", "--out", os.DevNull, "--txt-dir", dir)
	if out, err := run.CombinedOutput(); err != nil {
		b.Fatalf("generating the corpus: %v\n%s", err, out)
	}
	return dir
}
