package index

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/corpus"
)

// vocabularyIndex indexes n distinct made-up words for each prefix, 50 words
// a section, and returns the index.
func vocabularyIndex(t testing.TB, n map[string]int) *Index {
	t.Helper()
	ix := memIndex(t)
	rng := rand.New(rand.NewPCG(16, 2))
	var words []string
	for p, k := range n {
		seen := map[string]bool{}
		for len(seen) < k {
			w := []byte(p)
			for range 7 {
				w = append(w, byte('a'+rng.IntN(26)))
			}
			if !seen[string(w)] {
				seen[string(w)] = true
				words = append(words, string(w))
			}
		}
	}
	rng.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
	doc := corpus.Document{ID: "ordliste", Title: "Ordliste", DocType: corpus.TypeRapport, Source: "ordliste.txt", ContentHash: "h"}
	for i := 0; i*50 < len(words); i++ {
		text := strings.Join(words[i*50:min(len(words), (i+1)*50)], " ")
		doc.Sections = append(doc.Sections, section(doc.ID, i, fmt.Sprintf("Del %d", i), text))
	}
	if err := ix.Writer().Put(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestPrefixExpansionLimits(t *testing.T) {
	ix := vocabularyIndex(t, map[string]int{"st": 3000, "ka": 900, "ko": 900, "ku": 900, "ki": 900, "ke": 900})
	tests := []struct {
		q    string
		want string // in the error; "" means the search must succeed with hits
	}{
		{"ko*", ""},
		{"ka* ko* ku* ki*", ""},
		{"st*", "limit of 1024 a prefix"},
		{"kommune OR st*", "limit of 1024 a prefix"},
		{"ko* -st*", "limit of 1024 a prefix"},
		{"ka* ko* ku* ki* ke*", "limit of 4096 a query"},
		{"ka* ko* ku* ki* -ke*", "limit of 4096 a query"},
		{"sta*", ""},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			start := time.Now()
			res, err := ix.Reader().Search(context.Background(), corpus.SearchRequest{Query: tt.q})
			t.Logf("%v", time.Since(start).Round(time.Millisecond))
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if res.Total == 0 {
					t.Error("no hits")
				}
				return
			}
			if !errors.Is(err, corpus.ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want ErrInvalid with %q", err, tt.want)
			}
		})
	}
}
