package htmltext

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// view is the golden-file form of an extraction.
type view struct {
	Title    string            `json:"title"`
	Meta     map[string]string `json:"meta"`
	Source   map[string]string `json:"meta_source"`
	Warnings []string          `json:"warnings,omitempty"`
	Blocks   []string          `json:"blocks"`
}

func render(ex block.Extracted) view {
	v := view{Title: ex.Title, Meta: ex.Meta, Source: ex.MetaSource, Warnings: ex.Warnings}
	for _, b := range ex.Blocks {
		s := b.Kind.String()
		switch b.Kind {
		case block.Heading:
			s += " h" + string(rune('0'+b.Level))
		case block.ListItem:
			s += " " + strings.Repeat("  ", b.Level) + b.Marker
		}
		v.Blocks = append(v.Blocks, s+": "+b.Text)
	}
	return v
}

func TestGolden(t *testing.T) {
	paths, _ := filepath.Glob("testdata/*.html")
	if len(paths) == 0 {
		t.Fatal("no fixtures")
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			ex, err := Extract(context.Background(), data)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.MarshalIndent(render(ex), "", "  ")
			golden := strings.TrimSuffix(p, ".html") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
				t.Errorf("extraction differs from %s:\n%s", golden, got)
			}
		})
	}
}

// TestArticleFixture states the fixture's essentials outright, so that a
// careless -update cannot bless a regression.
func TestArticleFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/artikkel.html")
	if err != nil {
		t.Fatal(err)
	}
	ex, err := Extract(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Title != "Strategi for digital sikkerhet – tiltak" {
		t.Errorf("title %q", ex.Title)
	}
	for k, want := range map[string]string{"language": "nb", "date": "2024-06-13", "author": "Digitaliseringsdirektoratet", "page_kind": "document"} {
		if ex.Meta[k] != want {
			t.Errorf("meta %s = %q, want %q", k, ex.Meta[k], want)
		}
	}
	var all []string
	for _, b := range ex.Blocks {
		all = append(all, b.Text)
	}
	joined := strings.Join(all, "\n")
	for _, absent := range []string{"ikke tekst", "color", "Hopp til innhold", "informasjonskapsler", "Gå til hovedsiden",
		"Om oss", "Forsiden", "Del på", "Facebook", "skript i main", "Aktiver JavaScript", "Abonner", "Skjult tekst",
		"Også skjult", "Til toppen", "Relatert", "Annen sak", "Postboks", "Personvern", "Les mer"} {
		if strings.Contains(joined+"\n", absent) {
			t.Errorf("boilerplate %q present", absent)
		}
	}
	for _, want := range []block.Block{
		{Kind: block.Heading, Level: 1, Text: "Strategi for digital sikkerhet"},
		{Kind: block.Paragraph, Text: "Regjeringen vil styrke samordningen av arbeidet med digital sikkerhet & beredskap. Det er viktig."},
		{Kind: block.Heading, Level: 3, Text: "1.1 Mål"},
		{Kind: block.ListItem, Marker: "•", Text: "styrke kompetansen i kommunene"},
		{Kind: block.ListItem, Marker: "•", Level: 1, Text: "for kommune"},
		{Kind: block.ListItem, Marker: "3.", Ordered: true, Text: "Etablere et nasjonalt senter"},
		{Kind: block.ListItem, Marker: "7.", Ordered: true, Text: "Utrede ny lov"},
		{Kind: block.Paragraph, Text: "7.1 Ny plattform | På plan"},
	} {
		found := false
		for _, b := range ex.Blocks {
			if b == want {
				found = true
			}
		}
		if !found {
			t.Errorf("missing block %+v", want)
		}
	}
}

func TestRegjeringenPages(t *testing.T) {
	dir := filepath.Join(testutil.SharedDir(t), "corpus", "other")
	// Strings seen in the raw pages' navigation, header, footer, sidebar,
	// share widget and cookie banner.
	boilerplate := []string{"Til hovedinnhold", "Skriftstørrelse", "English home page", "Meny", "Lukk meny", "Finn tema",
		"Forsiden", "Del", "Facebook", "X/Twitter", "LinkedIn", "Skriv ut", "Om nettstedet", "Administrer informasjonskapsler",
		"Personvernerklæring for regjeringen.no", "Til toppen", "Tema", "Relatert", "Kontakt", "Nyhetsvarsel",
		"Ansvarlig redaktør:", "Besøksstatistikk", "Aktiver Javascript", "Organisasjonsnummer", "Utvalgte hurtiglenker",
		"Send inn høringssvar", "Send inn høyringssvar", "Nullstill søk", "Søkefilter", "Abonner på nyheitsvarsel"}
	tests := []struct {
		file, title, lang, date, org, kind string
		headings                           []string
	}{
		{"regjeringen-horing-avskogingsforordningen-id3167072.html",
			"Kort høring – Avskogingsforordningen og forbud mot eksport til tredjeland", "nb", "2026-07-03",
			"Klima- og miljødepartementet", "document", []string{"Høringsbrev", "Høringsnotat", "Høringsinstanser"}},
		{"regjeringen-horing-overskuddsvarme-id3168423.html",
			"Høring av forslag til endringer i forskrift om kost-nytteanalyse av mulighetene for å utnytte overskuddsvarme", "nb", "2026-07-03",
			"Energidepartementet", "document", []string{"Høringsbrev", "Høringsnotat", "Høringsinstanser"}},
		{"regjeringen-hoyring-nav-opplysingsplikt-nynorsk-id3168525.html",
			"Høyring – framlegg om presiseringar i reglane om Nav si opplysingsplikt overfor skattestyresmaktene", "nn", "2026-07-03",
			"Finansdepartementet", "document", []string{"Høyringsbrev", "Høyringsnotat", "Høyringsinstansar"}},
		{"regjeringen-horinger-listeside.html", "Høyringar", "nn", "2012-11-01", "", "listing",
			[]string{"Høyringar", "Høring om endringer i forskrift om fosterhjem"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			ex, err := Extract(context.Background(), data)
			if err != nil {
				t.Fatal(err)
			}
			if ex.Title != tt.title {
				t.Errorf("title %q, want %q", ex.Title, tt.title)
			}
			if ex.Meta["language"] != tt.lang || ex.Meta["date"] != tt.date || ex.Meta["organisation"] != tt.org || ex.Meta["page_kind"] != tt.kind {
				t.Errorf("meta language=%q date=%q organisation=%q page_kind=%q, want %q %q %q %q",
					ex.Meta["language"], ex.Meta["date"], ex.Meta["organisation"], ex.Meta["page_kind"], tt.lang, tt.date, tt.org, tt.kind)
			}
			if ex.Meta["link_density"] == "" || ex.MetaSource["date"] == "" {
				t.Errorf("link_density or date source missing: %v %v", ex.Meta, ex.MetaSource)
			}
			headings := map[string]bool{}
			for _, b := range ex.Blocks {
				if b.Kind == block.Heading {
					headings[b.Text] = true
				}
				for _, bp := range boilerplate {
					if strings.EqualFold(b.Text, bp) || (utf8.RuneCountInString(bp) > 22 && strings.Contains(b.Text, bp)) {
						t.Errorf("boilerplate %q in block %v %q", bp, b.Kind, b.Text)
					}
				}
				if strings.Contains(b.Text, "&#") || strings.Contains(b.Text, "&amp;") {
					t.Errorf("undecoded entity in %q", b.Text)
				}
			}
			for _, h := range tt.headings {
				if !headings[h] {
					t.Errorf("heading %q missing", h)
				}
			}
			if ex.Blocks[0].Kind != block.Heading || ex.Blocks[0].Level != 1 {
				t.Errorf("first block %+v, want the h1", ex.Blocks[0])
			}
		})
	}
}

func TestHostile(t *testing.T) {
	deep := func(open, close, middle string, n int) []byte {
		return []byte("<html><body>" + strings.Repeat(open, n) + middle + strings.Repeat(close, n) + "</body></html>")
	}
	tests := []struct {
		name    string
		in      []byte
		want    string // text that must come out
		wantErr error
	}{
		{"100000 nested div", deep("<div>", "</div>", "dypt inne", 100000), "dypt inne", nil},
		{"100000 unclosed div", deep("<div>", "", "ingen slutt", 100000), "ingen slutt", nil},
		{"100000 nested b", deep("<b>", "</b>", "fet", 100000), "fet", nil},
		{"50000 nested lists", deep("<ul><li>", "</li></ul>", "punkt", 50000), "punkt", nil},
		{"20000 nested tables", deep("<table><tr><td>", "</td></tr></table>", "celle", 20000), "celle", nil},
		{"100000 misnested formatting", []byte(strings.Repeat("<a href=x><b><i>ord</a></b>", 100000)), "ord", nil},
		{"unterminated comment", []byte("<p>før</p><!-- aldri slutt " + strings.Repeat("x", 100000)), "før", nil},
		{"huge attribute", []byte(`<p title="` + strings.Repeat("a", 1<<20) + `">tekst</p>`), "tekst", nil},
		{"no markup", []byte("bare tekst, ingen tagger"), "bare tekst", nil},
		{"empty", nil, "", corpus.ErrUnreadable},
		{"whitespace", []byte("  \n "), "", corpus.ErrUnreadable},
		{"binary", bytes.Repeat([]byte{0, 1, 2, 3, 0xff}, 1000), "", corpus.ErrUnreadable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			ex, err := Extract(ctx, tt.in)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var all strings.Builder
			for _, b := range ex.Blocks {
				all.WriteString(b.Text + "\n")
			}
			if !strings.Contains(all.String(), tt.want) {
				t.Errorf("%q not in output (%d blocks, warnings %v)", tt.want, len(ex.Blocks), ex.Warnings)
			}
		})
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(ctx, []byte("<p>x</p>")); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func FuzzHTML(f *testing.F) {
	for _, p := range []string{"testdata/artikkel.html", "testdata/uten-main.html", "testdata/windows1252.html"} {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("<ul><li><ol start=-5><li value=99999999999999999999>x"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ex, err := Extract(context.Background(), data)
		if err != nil {
			if !errors.Is(err, corpus.ErrUnreadable) {
				t.Fatalf("error does not wrap ErrUnreadable: %v", err)
			}
			return
		}
		for _, b := range ex.Blocks {
			if strings.TrimSpace(b.Text) == "" {
				t.Fatalf("empty block %+v", b)
			}
		}
	})
}
