package query

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Query
	}{
		{"words", "digital samarbeid", Query{Groups: []Group{{{Text: "digital"}}, {{Text: "samarbeid"}}}}},
		{"phrase", `"Regjeringen vil" styrke`, Query{Groups: []Group{{{Text: "Regjeringen vil", Phrase: true}}, {{Text: "styrke"}}}}},
		{"phrase spaces collapse", `"ikke   startet"`, Query{Groups: []Group{{{Text: "ikke startet", Phrase: true}}}}},
		{"exclude", `tiltak -pilot -"ikke startet"`, Query{Groups: []Group{{{Text: "tiltak"}}},
			Exclude: []Term{{Text: "pilot"}, {Text: "ikke startet", Phrase: true}}}},
		{"or", `KI OR "kunstig intelligens" helse`, Query{Groups: []Group{
			{{Text: "KI"}, {Text: "kunstig intelligens", Phrase: true}}, {{Text: "helse"}}}}},
		{"or chain", "a1 OR b2 OR c3", Query{Groups: []Group{{{Text: "a1"}, {Text: "b2"}, {Text: "c3"}}}}},
		{"lowercase or is a word", "ki or ai", Query{Groups: []Group{{{Text: "ki"}}, {{Text: "or"}}, {{Text: "ai"}}}}},
		{"prefix", "digitali*", Query{Groups: []Group{{{Text: "digitali", Prefix: true}}}}},
		{"type filter", "tiltak type:strategi,Rapport", Query{Groups: []Group{{{Text: "tiltak"}}},
			Filter: Filter{Types: []corpus.DocType{corpus.TypeStrategi, corpus.TypeRapport}}}},
		{"status filter", "regelverk status:forsinket", Query{Groups: []Group{{{Text: "regelverk"}}},
			Filter: Filter{Statuses: []corpus.Status{corpus.StatusForsinket}}}},
		{"status quoted, hyphenated and ascii", `status:"ikke startet" status:Mindre-forsinkelser,pa_plan`,
			Query{Filter: Filter{Statuses: []corpus.Status{corpus.StatusIkkeStartet, corpus.StatusMindreForsinkelser, corpus.StatusPaPlan}}}},
		{"høring ascii", "type:horing", Query{Filter: Filter{Types: []corpus.DocType{corpus.TypeHoring}}}},
		{"org quoted", `org:"Kommunesektorens organisasjon" data`, Query{Groups: []Group{{{Text: "data"}}},
			Filter: Filter{Orgs: []string{"Kommunesektorens organisasjon"}}}},
		{"year", "year:2019", Query{Filter: Filter{Years: []int{2019}}}},
		{"year range", "year:2019..2021", Query{Filter: Filter{Years: []int{2019, 2020, 2021}}}},
		{"date range", "date:2019-01-01..2020-12-31", Query{Filter: Filter{From: "2019-01-01", To: "2020-12-31"}}},
		{"open date", "date:2019-06..", Query{Filter: Filter{From: "2019-06-01"}}},
		{"single date", "date:2019-06-13", Query{Filter: Filter{From: "2019-06-13", To: "2019-06-13"}}},
		{"from to years", "from:2019 to:2020", Query{Filter: Filter{From: "2019-01-01", To: "2020-12-31"}}},
		{"to month", "to:2024-02", Query{Filter: Filter{To: "2024-02-29"}}},
		{"status line is text", "Status: På plan", Query{Groups: []Group{{{Text: "Status:"}}, {{Text: "På"}}, {{Text: "plan"}}}}},
		{"unknown key is text", "Status: plan", Query{Groups: []Group{{{Text: "Status:"}}, {{Text: "plan"}}}}},
		{"hyphen word", "IKT-prosjekter", Query{Groups: []Group{{{Text: "IKT-prosjekter"}}}}},
		{"lone dash", "a1 - b2", Query{Groups: []Group{{{Text: "a1"}}, {{Text: "b2"}}}}},
		{"punctuation skipped", "data !!! deling", Query{Groups: []Group{{{Text: "data"}}, {{Text: "deling"}}}}},
		{"æøå", "økosystem før åpne", Query{Groups: []Group{{{Text: "økosystem"}}, {{Text: "før"}}, {{Text: "åpne"}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q)\n got %#v\nwant %#v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseMalformed(t *testing.T) {
	tests := []struct {
		name, in, msg string
	}{
		{"empty", "", "empty"},
		{"blank", "   \t", "empty"},
		{"punctuation only", "!!! ...", "empty"},
		{"unbalanced quote", `"Regjeringen vil`, "unbalanced quote"},
		{"unbalanced quote later", `data "deling`, "unbalanced quote"},
		{"unbalanced filter quote", `org:"KS`, "unbalanced quote"},
		{"quote inside word", `data"deling"`, "quote inside a word"},
		{"only excludes", "-pilot", "only excludes"},
		{"unknown type", "type:foo", "unknown document type"},
		{"empty filter", "type:", "no value"},
		{"unknown status", "status:rushing", `unknown status "rushing"; use one of "på plan", "mindre forsinkelser",`},
		{"bad date", "date:2019-13-01", "bad date"},
		{"bad date word", "from:igår", "bad date"},
		{"backwards range", "date:2021-01-01..2019-01-01", "ends before it starts"},
		{"empty range", "date:..", "no dates"},
		{"bad year", "year:19", "bad year"},
		{"backwards years", "year:2021..2019", "backwards"},
		{"leading OR", "OR data", "OR"},
		{"OR after punctuation only", "! OR 0", "needs a search term before it"},
		{"OR after an exclusion", "-pilot OR data", "needs a search term before it"},
		{"OR after a filter", "type:strategi OR data", "needs a search term before it"},
		{"trailing OR", "data OR", "OR"},
		{"double OR", "data OR OR deling", "OR"},
		{"negated in OR", "data OR -deling", "excluded term"},
		{"negated filter", "data -type:rapport", "negated"},
		{"lone star", "*", "prefix"},
		{"short prefix", "a*", "prefix"},
		{"inner star", "di*gital", "only allowed at the end"},
		{"too long", strings.Repeat("data ", 500), "longer than"},
		{"too many terms", strings.Repeat("ord ", 65), "terms"},
		{"invalid utf8", "data \xff", "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) succeeded", tt.in)
			}
			if !errors.Is(err, corpus.ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not explain %q", err, tt.msg)
			}
		})
	}
}

func TestStringRoundTrip(t *testing.T) {
	for _, in := range []string{
		`digital "Regjeringen vil" KI OR AI -pilot digitali* type:strategi org:"KS Fiks" year:2020 date:2019-01-01..2020-12-31`,
		`data`,
		`data status:"ikke startet",ferdig`,
	} {
		q, err := Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		again, err := Parse(q.String())
		if err != nil {
			t.Fatalf("re-parsing %q: %v", q.String(), err)
		}
		if !reflect.DeepEqual(q, again) {
			t.Errorf("round trip changed the query:\n%#v\n%#v", q, again)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"digital samarbeid", `"Regjeringen vil"`, `-"ikke startet" tiltak`, "KI OR AI", "digitali*",
		"type:strategi org:KS year:2019", "date:2019-01-01..2020-12-31", `org:"KS`, `"`, "OR", "-", "*",
		"from:2019 to:2018", "økt deling av data", "type:foo", "\xff", `a"b"`, "year:2019..",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			if !errors.Is(err, corpus.ErrInvalid) {
				t.Fatalf("error does not wrap ErrInvalid: %v", err)
			}
			return
		}
		if !q.HasTerms() && q.Filter.Empty() {
			t.Fatalf("accepted %q with nothing to search for", s)
		}
		if _, err := Parse(q.String()); err != nil {
			t.Fatalf("String() of %q gives unparsable %q: %v", s, q.String(), err)
		}
	})
}
