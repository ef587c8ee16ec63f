// Package linkeval measures how well commitment links find the tiltak and
// sections that follow a commitment up, against gold links written by hand
// for the seed documents, and compares them with a plain-query baseline.
package linkeval

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Gold is one hand-judged commitment: the targets that follow it up, or
// none when nothing in the corpus does.
type Gold struct {
	// Commitment is a piece of the commitment's text; with Kind it must pick
	// out exactly one commitment.
	Commitment string                `json:"commitment"`
	Kind       corpus.CommitmentKind `json:"kind,omitempty"`
	Expect     []Target              `json:"expect,omitempty"`
	None       bool                  `json:"none,omitempty"`
	Reason     string                `json:"reason"`
}

// Target names an acceptable follow-up stably across re-ingest: the source
// file plus a tiltak number or a section heading.
type Target struct {
	Source  string `json:"source"`
	Tiltak  string `json:"tiltak,omitempty"`  // tiltak ref: "7.1", "4.4", or an innsatsområde heading
	Heading string `json:"heading,omitempty"` // section heading
}

// LoadGold reads a gold file and checks that every entry is complete.
func LoadGold(path string) ([]Gold, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading gold links: %w", err)
	}
	var gold []Gold
	if err := json.Unmarshal(data, &gold); err != nil {
		return nil, fmt.Errorf("reading gold links %s: %w", path, err)
	}
	for i, g := range gold {
		switch {
		case g.Commitment == "" || g.Reason == "":
			return nil, fmt.Errorf("gold entry %d: commitment and reason are required: %w", i, corpus.ErrInvalid)
		case g.None == (len(g.Expect) > 0):
			return nil, fmt.Errorf("gold entry %d (%q): give either expect or none: %w", i, g.Commitment, corpus.ErrInvalid)
		}
	}
	return gold, nil
}

// key identifies a link target.
type key struct {
	typ corpus.TargetType
	id  string
}

// resolved is a gold entry bound to the ingested corpus.
type resolved struct {
	Gold
	commitment corpus.Commitment
	accept     map[key]bool
}

// resolve binds gold entries to commitments and turns targets into the
// tiltak and section ids that count as a hit. A target inside a section
// accepts the section too, and a section accepts the tiltak in it: either
// points an adviser to the same place.
func resolve(gold []Gold, docs []corpus.Document) ([]resolved, error) {
	bySource := map[string]*corpus.Document{}
	var commitments []corpus.Commitment
	for i := range docs {
		bySource[docs[i].Source] = &docs[i]
		commitments = append(commitments, docs[i].Commitments...)
	}
	var out []resolved
	for _, g := range gold {
		var match []corpus.Commitment
		for _, c := range commitments {
			if strings.Contains(strings.ToLower(c.Text), strings.ToLower(g.Commitment)) && (g.Kind == "" || g.Kind == c.Kind) {
				match = append(match, c)
			}
		}
		if len(match) != 1 {
			return nil, fmt.Errorf("gold commitment %q (%s) matches %d commitments, want 1", g.Commitment, g.Kind, len(match))
		}
		r := resolved{Gold: g, commitment: match[0], accept: map[key]bool{}}
		for _, t := range g.Expect {
			d := bySource[t.Source]
			if d == nil {
				return nil, fmt.Errorf("gold target for %q: no document %q", g.Commitment, t.Source)
			}
			n := len(r.accept)
			sections := map[string]bool{}
			for _, tk := range d.Tiltak {
				if t.Tiltak != "" && tk.Ref == t.Tiltak {
					r.accept[key{corpus.TargetTiltak, tk.ID}] = true
					r.accept[key{corpus.TargetSection, tk.SectionID}] = true
				}
			}
			for _, s := range d.Sections {
				if t.Heading != "" && s.Heading == t.Heading {
					r.accept[key{corpus.TargetSection, s.ID}] = true
					sections[s.ID] = true
				}
			}
			for _, tk := range d.Tiltak {
				if sections[tk.SectionID] {
					r.accept[key{corpus.TargetTiltak, tk.ID}] = true
				}
			}
			if len(r.accept) == n {
				return nil, fmt.Errorf("gold target %+v for %q matches nothing in %s", t, g.Commitment, t.Source)
			}
		}
		out = append(out, r)
	}
	return out, nil
}
