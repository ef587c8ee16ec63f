package pdftext

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/testutil"
)

// extractT runs Extract with a deadline so that a hang fails the test
// instead of stalling it.
func extractT(t *testing.T, data []byte) (block.Extracted, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ex, err := Extract(ctx, data)
	if errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("extraction did not finish in 30 s")
	}
	return ex, err
}

func allText(ex block.Extracted) string {
	var b strings.Builder
	for _, bl := range ex.Blocks {
		b.WriteString(bl.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestTorture(t *testing.T) {
	dir := filepath.Join(testutil.SharedDir(t), "corpus", "pdf-torture")
	tests := []struct {
		file    string
		wantErr error
		errText string   // what the error must say
		want    []string // texts that must appear
		warning string
	}{
		{file: "pdfminer-aes-128-m.pdf", wantErr: corpus.ErrEncrypted},
		{file: "pdfminer-aes-256.pdf", wantErr: corpus.ErrEncrypted},
		{file: "pdfminer-issue-1113-evil-xobjects.pdf", wantErr: corpus.ErrUnreadable},
		{file: "pdfminer-issue-449-vertical.pdf", want: []string{"Test", "Vertical", "Layout"}},
		{file: "pdfminer-issue-625-identity-cmap.pdf", want: []string{"Termin płatności: 2021-05-03", "Faktura nr FV 1/2021"}},
		{file: "pdfminer-issue-791-non-unicode-cmap.pdf", wantErr: corpus.ErrUnreadable, errText: "garbled"},
		{file: "pdfminer-issue-886-xref-stream-widths.pdf", want: []string{"Hello"}},
		{file: "pdfminer-jo.pdf", wantErr: corpus.ErrUnreadable},
		{file: "pdfminer-zen_of_python_corrupted.pdf", want: []string{"Beautiful is better than ugly.",
			"Namespaces are one honking great idea", "zen_of_python.txt"}, warning: "partly read"},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			ex, err := extractT(t, data)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.errText) {
					t.Errorf("err = %v, want it to say %q", err, tt.errText)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			text := allText(ex)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("%q missing from %q", w, text)
				}
			}
			if tt.warning != "" && !strings.Contains(strings.Join(ex.Warnings, "\n"), tt.warning) {
				t.Errorf("no %q warning in %v", tt.warning, ex.Warnings)
			}
		})
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	for _, f := range files {
		if !seen[filepath.Base(f)] {
			t.Errorf("torture file %s has no expected outcome", filepath.Base(f))
		}
	}
}

// blockWith finds the first block of the kind whose text starts with prefix.
func blockWith(ex block.Extracted, kind block.Kind, prefix string) (block.Block, bool) {
	for _, b := range ex.Blocks {
		if b.Kind == kind && strings.HasPrefix(b.Text, prefix) {
			return b, true
		}
	}
	return block.Block{}, false
}

func TestCorpus(t *testing.T) {
	dir := filepath.Join(testutil.SharedDir(t), "corpus")
	type heading struct {
		text        string
		level, page int
	}
	tests := []struct {
		file      string
		pages     int
		title     string
		headings  []heading
		items     []string
		sentences []string
		absent    []string
	}{
		{
			file: "rapport/difi-arkitekturbeskrivelse-sikker-digital-post-v1.0.pdf", pages: 75,
			title: "Arkitekturbeskrivelse for Sikker digital posttjeneste",
			headings: []heading{{"1. Innledning", 1, 8}, {"2.1 Omfang og avgrensninger", 2, 9},
				{"2.3 Digitaliseringsprogrammets prinsipper", 2, 11}, {"3.1.1 Aktører i den digitale kommunikasjonen", 3, 13}},
			items: []string{"Kontakt- og reservasjonsregister", "Digitale postkasser", "Utskrifts- og forsendelsestjeneste"},
			sentences: []string{"Dette dokumentet er en beskrivelse av arkitekturen til Sikker digital posttjeneste og er utarbeidet av arkitekturprosjektet i Program for sikker digital post.",
				"Sikker digital posttjeneste består av fem sentrale aktører:"},
			absent: []string{"Side ii", "Side 1\n", "......"},
		},
		{
			file: "rapport/difi-sikker-digital-post-sikkerhetsarkitektur.pdf", pages: 31,
			title:     "Sikkerhetsarkitektur - Digital postkasse til innbyggere",
			headings:  []heading{{"1. Innledning", 1, 3}, {"2.1. Fysisk miljø", 2, 4}},
			items:     []string{"Adgangskontrollsystem", "Inntrengningsbeskyttelse"},
			sentences: []string{"Digital postkasse til innbyggere er en tjeneste med høye krav til sikkerhet."},
		},
		{
			file: "rapport/nsm-risiko-2020.pdf", pages: 44,
			headings: []heading{{"Risikobildet", 1, 6}},
			sentences: []string{"Nasjonal sikkerhetsmyndighet (NSM) er fagmyndighet for forebyggende sikkerhet.",
				"Året 2020 vil preges av covid-19-pandemien.", "offentlige institusjoner"},
		},
		{
			file: "rapport/nsm-risiko-2021.pdf", pages: 48,
			sentences: []string{"Nasjonal sikkerhetsmyndighet (NSM) er Norges fagmyndighet for forebyggende nasjonal sikkerhet."},
		},
		{
			file: "rapport/nsm-risiko-2025.pdf", pages: 40, title: "NSM Risikorapport 2025",
			headings:  []heading{{"Om rapporten", 0, 4}},
			sentences: []string{"Risiko 2025 beskriver sårbarheter trusselaktører kan utnytte i virksomheter og i samfunnet"},
		},
		{
			file: "other/dora-norsk-lovtidend.pdf", pages: 6,
			headings: []heading{{"Lov om digital operasjonell motstandsdyktighet i finanssektoren (DORA-loven)", 0, 1}},
			sentences: []string{"§ 1. Forordningen om digital operasjonell motstandsdyktighet i finanssektoren",
				"Kunngjort 27. mai 2025"},
		},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			ex, err := extractT(t, data)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d pages, %d blocks in %v", ex.Pages, len(ex.Blocks), time.Since(start))
			if ex.Pages != tt.pages {
				t.Errorf("pages = %d, want %d", ex.Pages, tt.pages)
			}
			if tt.title != "" && ex.Title != tt.title {
				t.Errorf("title = %q, want %q", ex.Title, tt.title)
			}
			for _, h := range tt.headings {
				b, ok := blockWith(ex, block.Heading, h.text)
				switch {
				case !ok:
					t.Errorf("heading %q missing", h.text)
				case h.level > 0 && b.Level != h.level, b.Page != h.page:
					t.Errorf("heading %q: level %d page %d, want level %d page %d", h.text, b.Level, b.Page, h.level, h.page)
				}
			}
			for _, it := range tt.items {
				if _, ok := blockWith(ex, block.ListItem, it); !ok {
					t.Errorf("list item %q missing", it)
				}
			}
			text := allText(ex)
			for _, s := range tt.sentences {
				if !strings.Contains(text, s) {
					t.Errorf("sentence %q missing", s)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(text, s) {
					t.Errorf("%q should have been removed", s)
				}
			}
			if strings.ContainsRune(text, '\uFFFD') {
				t.Error("replacement characters in text")
			}
			if !strings.ContainsAny(text, "æøå") {
				t.Error("no æ, ø or å in a Norwegian document")
			}
			for _, w := range ex.Warnings {
				if strings.Contains(w, "glued") || strings.Contains(w, "garbled") {
					t.Errorf("warning: %s", w)
				}
			}
			for _, b := range ex.Blocks {
				if b.Page < 1 || b.Page > ex.Pages {
					t.Fatalf("block %q has page %d", b.Text, b.Page)
				}
			}
		})
	}
}

// TestWordGaps checks that words placed apart by TJ offsets or text
// positioning, with no space characters, come out separated.
func TestWordGaps(t *testing.T) {
	content := "BT /F1 12 Tf 72 700 Td [(Regjeringen) -600 (vil) -600 (styrke)] TJ ET\n" +
		"BT /F1 12 Tf 72 680 Td (samordningen) Tj 100 0 Td (av) Tj ET\n" +
		"BT /F1 12 Tf 72 660 Td [(Dig) 20 (itali) 10 (sering)] TJ ET"
	ex, err := extractT(t, onePage(content))
	if err != nil {
		t.Fatal(err)
	}
	got := allText(ex)
	for _, want := range []string{"Regjeringen vil styrke", "samordningen av", "Digitalisering"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q missing from %q", want, got)
		}
	}
}

func TestHostileStructure(t *testing.T) {
	page := "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /X1 6 0 R >> >> /Contents 5 0 R >>"
	tests := []struct {
		name    string
		data    []byte
		want    string
		wantErr error
	}{
		{"cyclic page tree", buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
			page, helvetica, stream("BT /F1 12 Tf 72 700 Td (tekst) Tj ET"), stream("")), "", corpus.ErrUnreadable},
		{"parent cycle", buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 2 0 R >>",
			"<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>", helvetica, stream("BT /F1 12 Tf 72 700 Td (tekst) Tj ET")), "", corpus.ErrUnreadable},
		{"self-referencing form", buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			page, helvetica, stream("BT /F1 12 Tf 72 700 Td (side) Tj ET /X1 Do"),
			"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /X1 6 0 R >> >> /Length 43 >>\nstream\nBT /F1 12 Tf 72 600 Td (skjema) Tj ET /X1 Do\nendstream"),
			"skjema", nil},
		{"unbalanced Q", onePage("Q Q Q BT /F1 12 Tf 72 700 Td (ubalansert) Tj ET Q"), "ubalansert", nil},
		{"operators without operands", onePage("BT Tf Td Tm TJ Tj ' \" cm Do ET BT /F1 12 Tf 72 700 Td (etterp\xe5) Tj ET"), "etterpå", nil},
		{"no text", onePage("0 0 100 100 re f"), "", corpus.ErrUnreadable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := extractT(t, tt.data)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(allText(ex), tt.want) {
				t.Errorf("%q missing from %q", tt.want, allText(ex))
			}
		})
	}
}

// TestRepairs makes damaged copies of a real PDF: junk before the header,
// a PDF 2.0 header, junk after %%EOF must still read; truncated and
// bit-flipped copies must give text or a clear error, never a panic or hang.
func TestRepairs(t *testing.T) {
	orig, err := os.ReadFile(filepath.Join(testutil.SharedDir(t), "corpus", "other", "dora-norsk-lovtidend.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	base, err := extractT(t, orig)
	if err != nil {
		t.Fatal(err)
	}
	want := allText(base)
	v20 := bytes.Clone(orig)
	copy(v20, "%PDF-2.0")
	readable := map[string][]byte{
		"junk before header": append([]byte("Received: from mail\r\nContent-Type: application/pdf\r\n\r\n"), orig...),
		"bom before header":  append([]byte{0xEF, 0xBB, 0xBF}, orig...),
		"pdf 2.0 header":     v20,
		"junk after eof":     append(bytes.Clone(orig), []byte("\x00\x00garbage after the end")...),
	}
	for name, data := range readable {
		t.Run(name, func(t *testing.T) {
			ex, err := extractT(t, data)
			if err != nil {
				t.Fatal(err)
			}
			if allText(ex) != want {
				t.Error("text differs from the undamaged file")
			}
			if len(ex.Warnings) == 0 {
				t.Error("no warning about the repair")
			}
		})
	}
	for _, frac := range []float64{0.01, 0.3, 0.6, 0.9, 0.99} {
		t.Run("truncated", func(t *testing.T) {
			_, err := extractT(t, orig[:int(float64(len(orig))*frac)])
			if !errors.Is(err, corpus.ErrUnreadable) {
				t.Errorf("%.0f%%: err = %v, want ErrUnreadable", frac*100, err)
			}
		})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	outcomes := map[string]int{}
	for i := 0; i < 150; i++ {
		data := bytes.Clone(orig)
		for k := 0; k < 1+rng.IntN(8); k++ {
			data[rng.IntN(len(data))] ^= byte(1 << rng.IntN(8))
		}
		ex, err := extractT(t, data)
		switch {
		case err == nil:
			outcomes["text"]++
			if len(ex.Blocks) == 0 {
				t.Errorf("flip %d: no error and no blocks", i)
			}
		case errors.Is(err, corpus.ErrUnreadable), errors.Is(err, corpus.ErrEncrypted):
			outcomes["error"]++
		default:
			t.Errorf("flip %d: unexpected error %v", i, err)
		}
	}
	t.Logf("bit flips: %v", outcomes)
}

func TestNotPDF(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty": nil, "text": []byte("Dette er ikke en PDF"), "html": []byte("<html><body>%PDF</body></html>"),
		"header only": []byte("%PDF-1.7\n"), "header and eof": []byte("%PDF-1.7\n%%EOF\n"),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := extractT(t, data); !errors.Is(err, corpus.ErrUnreadable) {
				t.Errorf("err = %v, want ErrUnreadable", err)
			}
		})
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(ctx, onePage("BT /F1 12 Tf 72 700 Td (x) Tj ET")); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func FuzzPDF(f *testing.F) {
	f.Add(onePage("BT /F1 12 Tf 72 700 Td [(Regjeringen) -600 (vil)] TJ ET"))
	f.Add(onePage("q 1 0 0 1 10 10 cm BT /F1 18 Tf 72 800 Td (7.1 Tittel) Tj 0 -20 Td (\x95 punkt) Tj T* (tekst) Tj ET Q"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, err := Extract(ctx, data)
		if err != nil && !errors.Is(err, corpus.ErrUnreadable) && !errors.Is(err, corpus.ErrEncrypted) && !errors.Is(err, corpus.ErrTooLarge) {
			t.Fatalf("unexpected error kind: %v", err)
		}
	})
}

func TestJoinLines(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"digitali-", "sering av", "digitalisering av"},
		{"EØS-relevant EU-", "regelverk om", "EØS-relevant EU-regelverk om"},
		{"(DORA-", "loven)", "(DORA-loven)"},
		{"stats-", "og kommune", "stats- og kommune"},
		{"helse-", "eller omsorg", "helse- eller omsorg"},
		{"Vi vil", "styrke", "Vi vil styrke"},
	}
	for _, tt := range tests {
		if got := joinLines(tt.a, tt.b); got != tt.want {
			t.Errorf("joinLines(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestWrappedItemWithoutHangingIndent(t *testing.T) {
	right := 500.0
	item := line{text: "• styrke samordningen av, og gjennomføringskraften i digitaliseringstiltak som", x0: 72, x1: 470, y: 700, size: 10}
	tests := []struct {
		name string
		next line
		want bool
	}{
		{"a long first word that did not fit", line{text: "sektorovergripende arbeid", x0: 72, x1: 222, y: 688, size: 10}, true},
		{"a short word that would have fitted", line{text: "og mer", x0: 72, x1: 108, y: 688, size: 10}, false},
		{"a capital starts new text", line{text: "Sektorovergripende arbeid", x0: 72, x1: 222, y: 688, size: 10}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := block.Block{Kind: block.ListItem, Text: item.text}
			if got := continuesBlock(cur, item, item, tt.next, block.Paragraph, right); got != tt.want {
				t.Errorf("continues = %v, want %v", got, tt.want)
			}
		})
	}
}
