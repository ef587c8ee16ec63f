package adoctext

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/internal/corpus"
)

// render shows blocks one a line as "kind[level,marker] text".
func render(bs []block.Block) string {
	var b strings.Builder
	for _, bl := range bs {
		fmt.Fprintf(&b, "%s", bl.Kind)
		if bl.Kind == block.Heading || bl.Kind == block.ListItem {
			fmt.Fprintf(&b, "[%d,%s]", bl.Level, bl.Marker)
		}
		fmt.Fprintf(&b, " %s\n", bl.Text)
	}
	return b.String()
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name, in, want string
		title          string
		warn           string
	}{
		{
			name:  "headings and paragraphs",
			in:    "= Strategi for data\n:toc:\n\n== Mål\n\nFørste linje\nandre linje.\n\n=== Delmål ===\nTekst.\n",
			title: "Strategi for data",
			want:  "heading[1,] Strategi for data\nheading[2,] Mål\nparagraph Første linje andre linje.\nheading[3,] Delmål\nparagraph Tekst.\n",
		},
		{
			name: "attributes substituted and unset",
			in:   ":org: Digdir\n:år: 2025\n\nStrategien fra {org} gjelder fra {år} til {slutt}.\n\n:org!:\n\nIgjen {org}.\n",
			want: "paragraph Strategien fra Digdir gjelder fra 2025 til {slutt}.\nparagraph Igjen {org}.\n",
		},
		{
			name: "conditional blocks",
			in:   ":intern:\n:versjon: 2\nifdef::intern[]\nBare internt.\nendif::[]\nifndef::intern[]\nBare eksternt.\nendif::[]\nifeval::[{versjon} >= 2]\nNy versjon.\nendif::[]\nifeval::[{versjon} == 1]\nGammel versjon.\nendif::[]\nifdef::ukjent,intern[Én linje.]\nifdef::ukjent+intern[Aldri.]\n",
			want: "paragraph Bare internt.\nparagraph Ny versjon.\nparagraph Én linje.\n",
		},
		{
			name: "nested conditionals",
			in:   "ifdef::a[]\nifdef::b[]\nA og B.\nendif::[]\nA.\nendif::[]\nEtter.\n",
			want: "paragraph Etter.\n",
		},
		{
			name: "lists",
			in:   "Tiltak:\n\n* Første punkt\nfortsetter her\n** Underpunkt\n- Strek\n\n. Én\n.. Under én\n. To\n1. Tall\n",
			want: "paragraph Tiltak:\nlist_item[0,*] Første punkt fortsetter her\nlist_item[1,**] Underpunkt\nlist_item[0,-] Strek\nlist_item[0,.] Én\nlist_item[1,..] Under én\nlist_item[0,.] To\nlist_item[0,1.] Tall\n",
		},
		{
			name: "comments, block attributes and images dropped",
			in:   "// en kommentar\n////\nblokk-\nkommentar\n////\n[arabic]\nimage::figur.png[Figur]\n[[anker]]\nTekst med image:ikon.png[] ikon.\n",
			want: "paragraph Tekst med ikon.\n",
		},
		{
			name: "admonitions keep their text",
			in:   "NOTE: Husk fristen.\n\n[WARNING]\n====\nIkke del passord.\n====\n",
			want: "paragraph Husk fristen.\nparagraph Ikke del passord.\n",
		},
		{
			name: "inline markup",
			in:   "Se https://digdir.no/x[veilederen, som er ny] og link:a.html[denne,window=_blank], <<kap2,kapittel 2>>, *viktig*, **fet**, _kursiv_, `kode` og snake_case_navn^3^.\n",
			want: "paragraph Se veilederen, som er ny og denne, kapittel 2, viktig, fet, kursiv, kode og snake_case_navn.\n",
		},
		{
			name: "footnotes become footnote blocks",
			in:   "Tekst footnote:[Kilde: NOU 2024: 7.] og mer footnote:[Annen kilde.].\n",
			want: "paragraph Tekst og mer.\nfootnote [1] Kilde: NOU 2024: 7.\nfootnote [2] Annen kilde.\n",
		},
		{
			name: "table with cells on one line",
			in:   "|===\n|Tiltak |Ansvar |Status\n\n|Etablere PIL |Digdir |Ikke startet\n|Ny portal |KS |Ferdig\n|===\n",
			want: "paragraph Tiltak | Ansvar | Status\nparagraph Etablere PIL | Digdir | Ikke startet\nparagraph Ny portal | KS | Ferdig\n",
		},
		{
			name: "table with cols and one cell a line",
			in:   "[cols=\"1,2\"]\n|===\n|Tiltak\n|Status\n\n|Etablere PIL\n|Ikke startet,\nventer på midler\n|===\n",
			want: "paragraph Tiltak | Status\nparagraph Etablere PIL | Ikke startet, venter på midler\n",
		},
		{
			name: "listing and literal blocks kept as text, passthrough dropped",
			in:   "----\nkode {x}\n  innrykk\n----\n++++\n<div>rå html</div>\n++++\n",
			want: "paragraph kode {x}\n  innrykk\n",
		},
		{
			name: "quote block",
			in:   "____\nSitat over\nto linjer.\n____\n",
			want: "paragraph Sitat over to linjer.\n",
		},
		{
			name: "description list",
			in:   "PIL:: Plattform for informasjonsdeling\n",
			want: "paragraph PIL: Plattform for informasjonsdeling\n",
		},
		{
			name: "include dropped with a warning",
			in:   "include::kapittel1.adoc[]\nTekst.\n",
			want: "paragraph Tekst.\n",
			warn: "include::kapittel1.adoc",
		},
		{
			name: "unclosed block runs to the end",
			in:   "____\nSitat uten slutt.\n",
			want: "paragraph Sitat uten slutt.\n",
		},
		{
			name: "stray NUL dropped",
			in:   "Tekst.\x00\r\n\r\nMer tekst.\r\n" + strings.Repeat("// kommentar\r\n", 100),
			want: "paragraph Tekst.\nparagraph Mer tekst.\n",
			warn: "stray NUL",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := Extract(context.Background(), []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := render(ex.Blocks); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if ex.Title != tt.title {
				t.Errorf("title = %q, want %q", ex.Title, tt.title)
			}
			if w := strings.Join(ex.Warnings, "; "); !strings.Contains(w, tt.warn) || tt.warn == "" && w != "" {
				t.Errorf("warnings = %q, want one containing %q", w, tt.warn)
			}
		})
	}
}

func TestExtractErrors(t *testing.T) {
	for name, in := range map[string]string{
		"empty":  "  \n",
		"binary": strings.Repeat("\x00\x01\x02", 100),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Extract(context.Background(), []byte(in)); !errors.Is(err, corpus.ErrUnreadable) {
				t.Errorf("err = %v, want ErrUnreadable", err)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(ctx, []byte("= T\n")); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

func FuzzADOC(f *testing.F) {
	f.Add([]byte("= T\n:a: b\n\n== {a}\n\n* x\n** y\n|===\n|a |b\n|===\nifdef::a[]\nz footnote:[n]\nendif::[]\n"))
	f.Add([]byte("[cols=\"2*,1\"]\n|===\n2+|a\n|b\n|===\n____\nq\n"))
	f.Add([]byte("ifeval::[{x} < 3]\n. a\n+\nb\nendif::[]\nendif::[]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ex, err := Extract(context.Background(), data)
		if err != nil {
			if !errors.Is(err, corpus.ErrUnreadable) && !errors.Is(err, corpus.ErrTooLarge) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		for _, b := range ex.Blocks {
			if b.Text == "\x00" {
				t.Fatalf("placeholder left in a block: %+v", b)
			}
		}
	})
}
