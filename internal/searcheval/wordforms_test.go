package searcheval

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/index"
	"github.com/strategispor/strategispor/internal/corpus"
)

// wordFormGroups are the forms of one word each that must find the same
// sections: adjectives (base, neuter, plural/definite), verbs (infinitive,
// present, past, participle) and nouns, bokmål and nynorsk.
var wordFormGroups = [][]string{
	{"ekstern", "eksterne", "eksternt"},
	{"etablere", "etablert", "etablerer", "etablerte"},
	{"digital", "digitale", "digitalt"},
	{"nasjonal", "nasjonale", "nasjonalt"},
	{"dele", "deler", "delte", "delt"},
	{"offentlig", "offentlige", "offentleg", "offentlege"},
	{"vurdere", "vurderer", "vurderte", "vurdert"},
	{"utvikle", "utvikler", "utviklet", "utvikla"},
	{"kommune", "kommunen", "kommuner", "kommunene", "kommunane"},
	{"tjeneste", "tjenesten", "tjenester", "tjenestene", "tenestene"},
}

// TestWordFormTotals searches every form of each group on one index of the
// real documents (the seeds and the shared corpus) and requires one total
// per group. The table it logs is the one in docs/search.md.
func TestWordFormTotals(t *testing.T) {
	docs := ingestAll(t)
	ix, err := index.OpenMemory(index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Writer().PutMany(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	ids := func(q string) (uint64, map[string]bool) {
		got := map[string]bool{}
		var total uint64
		for from := 0; ; from += corpus.MaxSearchSize {
			res, err := ix.Reader().Search(context.Background(), corpus.SearchRequest{Query: q, From: from,
				Size: corpus.MaxSearchSize, NoFacets: true, NoSnippets: true, NoCorrect: true})
			if err != nil {
				t.Fatal(err)
			}
			total = res.Total
			for _, h := range res.Hits {
				got[h.SectionID] = true
			}
			if len(res.Hits) < corpus.MaxSearchSize {
				return total, got
			}
		}
	}
	t.Logf("%d documents", len(docs))
	for _, g := range wordFormGroups {
		totals := make([]string, len(g))
		var first map[string]bool
		same := true
		for i, w := range g {
			n, set := ids(w)
			totals[i] = fmt.Sprint(n)
			if i == 0 {
				first = set
				continue
			}
			if len(set) != len(first) {
				same = false
				continue
			}
			for id := range set {
				if !first[id] {
					same = false
				}
			}
		}
		t.Logf("| %s | %s |", strings.Join(g, " / "), strings.Join(totals, " / "))
		if !same {
			t.Errorf("%s find different sections: %s", strings.Join(g, ", "), strings.Join(totals, ", "))
		}
		if len(first) == 0 {
			t.Errorf("%s: no sections at all; the group tests nothing here", g[0])
		}
	}
	// "deler" is a form of the noun "del" and of the verb "dele": it finds
	// the sections of both.
	_, deler := ids("deler")
	for _, w := range []string{"del", "delen", "dele", "delte"} {
		_, o := ids(w)
		for id := range o {
			if !deler[id] {
				t.Errorf("a section found by %q is not found by \"deler\"", w)
				break
			}
		}
	}
}
