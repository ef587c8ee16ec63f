package analysis

import (
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// TestRegistryAnalyzerLoadsOnUse builds the stemmed analyzer the way Bleve
// does when it validates a mapping: constructing it reads no dictionary, and
// the first analysis through it decompounds as New's analyzer does.
func TestRegistryAnalyzerLoadsOnUse(t *testing.T) {
	a, err := registry.NewCache().AnalyzerNamed(AnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	var lazy *lazyDecompounder
	for _, f := range a.(*analysis.DefaultAnalyzer).TokenFilters {
		if l, ok := f.(*lazyDecompounder); ok {
			lazy = l
		}
	}
	if lazy == nil {
		t.Fatal("the registry's analyzer has no decompounder")
	}
	if lazy.d != nil {
		t.Fatal("constructing the analyzer loaded a dictionary")
	}
	terms := map[string]bool{}
	for _, tok := range a.Analyze([]byte("digitaliseringsstrategi")) {
		terms[string(tok.Term)] = true
	}
	if lazy.d == nil {
		t.Fatal("analysing loaded no dictionary")
	}
	if !terms["strategi"] || !terms["digitalisering"] {
		t.Errorf("digitaliseringsstrategi gave %v, want its parts strategi and digitalisering", terms)
	}
}
