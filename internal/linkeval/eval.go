package linkeval

import (
	"fmt"
	"strings"

	"github.com/strategispor/strategispor/internal/corpus"
)

// TopK is how many of a linker's targets per commitment are judged.
const TopK = 3

// Ranked is what a linker asserts: for each commitment id, its targets best first.
type Ranked map[string][]Link

// Link is an asserted target.
type Link struct {
	Type corpus.TargetType
	ID   string
}

// FromViews turns the link service's commitment views into Ranked.
func FromViews(views []corpus.CommitmentView) Ranked {
	r := Ranked{}
	for _, v := range views {
		for _, l := range v.Links {
			r[v.ID] = append(r[v.ID], Link{Type: l.TargetType, ID: l.TargetID})
		}
	}
	return r
}

// Report is a linker's result on the gold links.
type Report struct {
	Name        string
	Commitments int // gold commitments judged
	Expected    int // of them, commitments with a follow-up
	Hits        int // expected commitments with an acceptable target in the top TopK
	Top1        int // expected commitments whose first target is acceptable
	Asserted    int // links in the top TopK over all gold commitments
	Correct     int // of them, acceptable
	// FalsePositives are commitments without follow-up that got links.
	FalsePositives []string
	// Misses are commitments with a follow-up and no acceptable target in the top TopK.
	Misses []string
	// Judged lists, per gold commitment, its judged links: "+" acceptable, "-" not.
	Judged []string
}

// Precision is the share of asserted links (top TopK) that are acceptable.
func (r Report) Precision() float64 { return ratio(r.Correct, r.Asserted) }

// RecallAt3 is the share of commitments with a follow-up that have an
// acceptable target among their first TopK links.
func (r Report) RecallAt3() float64 { return ratio(r.Hits, r.Expected) }

// NoneCommitments is the number of gold commitments without follow-up.
func (r Report) NoneCommitments() int { return r.Commitments - r.Expected }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Evaluate judges ranked against the gold links over docs (the ingested
// corpus, with sections, commitments and tiltak).
func Evaluate(name string, gold []Gold, docs []corpus.Document, ranked Ranked) (Report, error) {
	res, err := resolve(gold, docs)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Name: name, Commitments: len(res)}
	for _, r := range res {
		links := ranked[r.commitment.ID]
		if len(links) > TopK {
			links = links[:TopK]
		}
		rep.Asserted += len(links)
		hit := false
		marks := ""
		for i, l := range links {
			if r.accept[key{l.Type, l.ID}] {
				rep.Correct++
				hit = true
				marks += "+"
				if i == 0 {
					rep.Top1++
				}
			} else {
				marks += "-"
			}
		}
		want := "follow-up"
		if r.None {
			want = "none"
		}
		rep.Judged = append(rep.Judged, fmt.Sprintf("[%-3s] %-9s %.70s", marks, want, r.commitment.Text))
		if r.None {
			if len(links) > 0 {
				rep.FalsePositives = append(rep.FalsePositives, r.commitment.Text)
			}
			continue
		}
		rep.Expected++
		if hit {
			rep.Hits++
		} else {
			rep.Misses = append(rep.Misses, r.commitment.Text)
		}
	}
	return rep, nil
}

// Table writes reports side by side, one line per metric.
func Table(reps ...Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-34s", "")
	for _, r := range reps {
		fmt.Fprintf(&b, " %22s", r.Name)
	}
	b.WriteString("\n")
	row := func(label string, f func(Report) string) {
		fmt.Fprintf(&b, "%-34s", label)
		for _, r := range reps {
			fmt.Fprintf(&b, " %22s", f(r))
		}
		b.WriteString("\n")
	}
	row("precision (top 3)", func(r Report) string {
		return fmt.Sprintf("%.2f (%d/%d)", r.Precision(), r.Correct, r.Asserted)
	})
	row("recall@3", func(r Report) string { return fmt.Sprintf("%.2f (%d/%d)", r.RecallAt3(), r.Hits, r.Expected) })
	row("right target first", func(r Report) string { return fmt.Sprintf("%d/%d", r.Top1, r.Expected) })
	row("false-positive commitments", func(r Report) string {
		return fmt.Sprintf("%d/%d", len(r.FalsePositives), r.NoneCommitments())
	})
	return b.String()
}
