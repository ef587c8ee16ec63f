package plaintext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/testutil"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// sharedDir returns /work/shared (the repository's ../shared), skipping the
// test when it is absent.

func seedFiles(t *testing.T) map[string][]byte {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(testutil.SharedDir(t), "seeds", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	out := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = b
	}
	return out
}

func TestDecodeSeedsInEveryEncoding(t *testing.T) {
	for name, orig := range seedFiles(t) {
		encodings := map[string]func([]byte) ([]byte, error){
			"utf8":        func(b []byte) ([]byte, error) { return b, nil },
			"utf8-bom":    func(b []byte) ([]byte, error) { return append(append([]byte{}, bomUTF8...), b...), nil },
			"utf16le":     unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes,
			"utf16be":     unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes,
			"windows1252": charmap.Windows1252.NewEncoder().Bytes,
		}
		for enc, encode := range encodings {
			t.Run(name+"/"+enc, func(t *testing.T) {
				data, err := encode(orig)
				if err != nil {
					t.Fatalf("encoding seed: %v", err)
				}
				if enc == "windows1252" && bytes.Equal(data, orig) {
					t.Fatal("seed has no non-ASCII text; the test would prove nothing")
				}
				got, warnings, err := Decode(data)
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				if got != string(orig) {
					t.Errorf("decoded text differs from the UTF-8 original (%d vs %d bytes)", len(got), len(orig))
				}
				if enc == "windows1252" && len(warnings) == 0 {
					t.Error("no warning about the Windows-1252 fallback")
				}
				if strings.HasPrefix(enc, "utf") && len(warnings) != 0 {
					t.Errorf("unexpected warnings: %v", warnings)
				}
			})
		}
	}
}

func TestDecode(t *testing.T) {
	latin1, _ := charmap.ISO8859_1.NewEncoder().String("Blåbærsyltetøy på Ærø og Ågård")
	tests := []struct {
		name     string
		in       []byte
		want     string
		wantErr  error
		errText  string
		warnings int
	}{
		{name: "ascii", in: []byte("Hei\n"), want: "Hei\n"},
		{name: "iso-8859-1", in: []byte(latin1), want: "Blåbærsyltetøy på Ærø og Ågård", warnings: 1},
		{name: "windows-1252 quotes and dash", in: []byte("\x93Sitat\x94 \x96 p\xe5 "), want: "“Sitat” – på ", warnings: 1},
		{name: "sprinkled invalid utf8", in: []byte("Blåbær og \xff jordbær på \xfe tur"), want: "Blåbær og \uFFFD jordbær på \uFFFD tur", warnings: 1},
		{name: "utf16 without bom", in: mustUTF16LE("Håndbok for ærlige øvelser"), want: "Håndbok for ærlige øvelser", warnings: 1},
		{name: "empty", in: nil, wantErr: corpus.ErrUnreadable, errText: "empty file"},
		{name: "only whitespace", in: []byte(" \n\t\n"), wantErr: corpus.ErrUnreadable, errText: "empty file"},
		{name: "bom only", in: []byte{0xEF, 0xBB, 0xBF}, wantErr: corpus.ErrUnreadable, errText: "empty file"},
		{name: "nul bytes", in: []byte("PK\x03\x04\x00\x00\x08\x00text"), wantErr: corpus.ErrUnreadable, errText: "binary"},
		{name: "control bytes", in: bytes.Repeat([]byte("ab\x01\x02\x03\x04\x05"), 20), wantErr: corpus.ErrUnreadable, errText: "binary"},
		{name: "utf16 bom with binary", in: append([]byte{0xFF, 0xFE}, bytes.Repeat([]byte{1, 0, 2, 0, 3, 0}, 50)...), wantErr: corpus.ErrUnreadable, errText: "binary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warnings, err := Decode(tt.in)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.errText) {
					t.Fatalf("err = %v, want %v containing %q", err, tt.wantErr, tt.errText)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if len(warnings) != tt.warnings {
				t.Errorf("warnings = %q, want %d", warnings, tt.warnings)
			}
		})
	}
}

func mustUTF16LE(s string) []byte {
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func TestExtractPlainLines(t *testing.T) {
	ex, err := Extract(context.Background(), []byte("Tittel\r\n\r\nFørste linje  \r\nAndre\n"), false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Tittel", "", "Første linje", "Andre"}
	if !ex.PlainText {
		t.Error("PlainText = false")
	}
	if len(ex.Blocks) != len(want) {
		t.Fatalf("got %d blocks %+v, want %d", len(ex.Blocks), ex.Blocks, len(want))
	}
	for i, b := range ex.Blocks {
		if b.Kind != block.Line || b.Text != want[i] {
			t.Errorf("block %d = %v %q, want line %q", i, b.Kind, b.Text, want[i])
		}
	}
}

func TestExtractSeedsKeepEveryLine(t *testing.T) {
	for name, data := range seedFiles(t) {
		t.Run(name, func(t *testing.T) {
			ex, err := Extract(context.Background(), data, false)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
			if len(ex.Blocks) != len(lines) {
				t.Fatalf("%d blocks for %d lines", len(ex.Blocks), len(lines))
			}
			for i, b := range ex.Blocks {
				if b.Text != strings.TrimRight(lines[i], " \t") {
					t.Fatalf("line %d = %q, want %q", i, b.Text, lines[i])
				}
			}
		})
	}
}

func TestExtractMarkdown(t *testing.T) {
	src := `---
title: "Strategi for læring"
date: 2024-09-01
---
# Digitaliseringsstrategien #

Innledning med **viktig** tekst og [lenke](https://example.no).

Mål og ambisjoner
-----------------

## 2.1 Regjeringen vil

- styrke samordningen
  på tvers av sektorer
* bruke [felles løsninger](x)
+ dele data
    - underpunkt
1. første tiltak
2) andre tiltak

***

> Sitat fra rapporten
` + "```" + `
# ikke overskrift
` + "```" + `
#hashtag er ikke overskrift
`
	ex, err := Extract(context.Background(), []byte(src), true)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		kind    block.Kind
		text    string
		level   int
		ordered bool
	}
	wants := []want{
		{block.Heading, "Digitaliseringsstrategien", 1, false},
		{block.Line, "Innledning med viktig tekst og lenke.", 0, false},
		{block.Line, "", 0, false},
		{block.Heading, "Mål og ambisjoner", 2, false},
		{block.Heading, "2.1 Regjeringen vil", 2, false},
		{block.ListItem, "styrke samordningen på tvers av sektorer", 0, false},
		{block.ListItem, "bruke felles løsninger", 0, false},
		{block.ListItem, "dele data", 0, false},
		{block.ListItem, "underpunkt", 1, false},
		{block.ListItem, "første tiltak", 0, true},
		{block.ListItem, "andre tiltak", 0, true},
		{block.Line, "", 0, false},
		{block.Line, "Sitat fra rapporten", 0, false},
		{block.Line, "", 0, false},
		{block.Line, "# ikke overskrift", 0, false},
		{block.Line, "", 0, false},
		{block.Line, "#hashtag er ikke overskrift", 0, false},
		{block.Line, "", 0, false},
	}
	if ex.Title != "Strategi for læring" || ex.Meta["date"] != "2024-09-01" {
		t.Errorf("front matter: title %q meta %v", ex.Title, ex.Meta)
	}
	if !ex.PlainText {
		t.Error("PlainText = false")
	}
	if len(ex.Blocks) != len(wants) {
		for _, b := range ex.Blocks {
			t.Logf("%v %d %q", b.Kind, b.Level, b.Text)
		}
		t.Fatalf("got %d blocks, want %d", len(ex.Blocks), len(wants))
	}
	for i, w := range wants {
		b := ex.Blocks[i]
		if b.Kind != w.kind || b.Text != w.text || b.Level != w.level || b.Ordered != w.ordered {
			t.Errorf("block %d = {%v %q level %d ordered %v}, want %+v", i, b.Kind, b.Text, b.Level, b.Ordered, w)
		}
	}
}

func TestExtractErrors(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(ctx, []byte("tekst"), false); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
	if _, err := Extract(context.Background(), []byte("\x00\x01\x02binary"), true); !errors.Is(err, corpus.ErrUnreadable) {
		t.Errorf("binary: err = %v", err)
	}
}

func FuzzPlaintext(f *testing.F) {
	f.Add([]byte("# Tittel\n\n- punkt\n1. nummer\n"), true)
	f.Add([]byte("Blåbær\r\nsyltetøy"), false)
	f.Add([]byte{0xFF, 0xFE, 'a', 0}, false)
	f.Add([]byte("---\ntitle: x\n---\nText\n===\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, markdown bool) {
		ex, err := Extract(context.Background(), data, markdown)
		if err != nil {
			if !errors.Is(err, corpus.ErrUnreadable) {
				t.Fatalf("error does not wrap ErrUnreadable: %v", err)
			}
			return
		}
		for _, b := range ex.Blocks {
			if strings.Contains(b.Text, "\n") {
				t.Fatalf("block text contains a newline: %q", b.Text)
			}
		}
	})
}

// TestMarkdownCases holds what a CommonMark parser gives that the line
// reader did not: comments and raw HTML dropped, mkdocs admonition markers
// dropped, tables as rows, lists told apart from paragraphs.
func TestMarkdownCases(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // "kind level text"
	}{
		{
			name: "an HTML comment in a heading and on lines of its own",
			in:   "### Vurdere fellesløsninger <!--Hva er det viktige her?-->\n\nTekst.\n\n<!--\nEn kommentar\nover linjer\n-->\n\nSlutt.\n",
			want: []string{"heading 3 Vurdere fellesløsninger", "line 0 Tekst.", "line 0 ", "line 0 Slutt.", "line 0 "},
		},
		{
			name: "mkdocs admonitions: marker dropped, title and body kept",
			in:   "!!! quote \"Pasientinformasjonslokalisator\"\n\n    Det er behov for en oversikt.\n    Over to linjer.\n\n!!! quote \"\"\n\n    Uten tittel.\n\nEtter.\n",
			want: []string{"paragraph 0 Pasientinformasjonslokalisator", "line 0 ", "line 0 Det er behov for en oversikt.", "line 0 Over to linjer.", "line 0 ", "line 0 Uten tittel.", "line 0 ", "line 0 Etter.", "line 0 "},
		},
		{
			name: "a table with inline HTML gives one row a paragraph",
			in:   "| Status | Version |\n| :--- | :--- |\n| <span style=\"color:gold\">Release</span> | v0.9.5 |\n",
			want: []string{"paragraph 0 Status | Version", "paragraph 0 Release | v0.9.5"},
		},
		{
			name: "entities, escapes, autolinks and reference links",
			in:   "Data &amp; deling \\*ikke utheving\\* <https://digdir.no> og [veilederen][v].\n\n[v]: https://example.org\n",
			want: []string{"line 0 Data & deling *ikke utheving* https://digdir.no og veilederen.", "line 0 "},
		},
		{
			name: "a loose list with continuation paragraphs",
			in:   "1. Første tiltak\n\n   med mer tekst.\n2. Andre tiltak\n   - underpunkt\n",
			want: []string{"list_item 0 Første tiltak med mer tekst.", "list_item 0 Andre tiltak", "list_item 1 underpunkt", "line 0 "},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := Extract(context.Background(), []byte(tt.in), true)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range ex.Blocks {
				got = append(got, fmt.Sprintf("%s %d %s", b.Kind, b.Level, b.Text))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
