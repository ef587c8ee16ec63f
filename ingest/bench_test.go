package ingest

import (
	"context"
	"testing"

	"github.com/strategispor/strategispor/seeds"
)

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
