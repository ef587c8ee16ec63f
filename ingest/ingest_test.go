package ingest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/seeds"
	"golang.org/x/text/encoding/charmap"
)

func TestSupported(t *testing.T) {
	for name, want := range map[string]bool{
		"a.txt": true, "b.MD": true, "c.markdown": true, "d.html": true, "e.htm": true,
		"f.pdf": true, "g.docx": true, "h.doc": false, "i.odt": false, "noext": false, "j.txt.bak": false,
	} {
		if got := Supported(name); got != want {
			t.Errorf("Supported(%q) = %v", name, got)
		}
	}
}

func TestFileErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		file string
		data []byte
		opt  Options
		want error
	}{
		{"unsupported extension", "notat.odt", []byte("x"), Options{}, corpus.ErrUnsupported},
		{"too large", "stor.txt", bytes.Repeat([]byte("a "), 600), Options{MaxBytes: 1000}, corpus.ErrTooLarge},
		{"pdf that is not a pdf", "falsk.pdf", []byte("<html><body>Not found</body></html>"), Options{}, corpus.ErrUnreadable},
		{"docx that is not a zip", "falsk.docx", []byte("plain text"), Options{}, corpus.ErrUnreadable},
		{"binary text file", "bin.txt", []byte{0, 1, 2, 0, 0, 3, 0, 0xff, 0}, Options{}, corpus.ErrUnreadable},
		{"empty", "tom.txt", nil, Options{}, corpus.ErrUnreadable},
		{"bad type", "a.txt", []byte("Tekst."), Options{Type: "roman"}, corpus.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := File(ctx, tt.file, tt.data, tt.opt)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.file) {
				t.Errorf("error does not name the file: %v", err)
			}
		})
	}
}

func TestFileTimeout(t *testing.T) {
	data, err := seeds.FS.ReadFile("regjeringen-digitaliseringsstrategi-2024-2030.txt")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = File(ctx, "strategi.txt", data, Options{})
	if !errors.Is(err, corpus.ErrTimeout) || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v", err)
	}
	_, err = File(context.Background(), "strategi.txt", data, Options{Timeout: time.Nanosecond})
	if !errors.Is(err, corpus.ErrTimeout) {
		t.Errorf("1 ns timeout: err = %v", err)
	}
}

func TestFileFillsDocument(t *testing.T) {
	doc := seedDoc(t, "skate-saksframlegg-sak-13-2019.txt")
	if doc.ID != corpus.DocumentID("skate-saksframlegg-sak-13-2019.txt") {
		t.Errorf("id %q", doc.ID)
	}
	if doc.Source != "skate-saksframlegg-sak-13-2019.txt" || doc.Format != "txt" || doc.Bytes != 5817 || len(doc.ContentHash) != 64 {
		t.Errorf("source %q format %q bytes %d hash %q", doc.Source, doc.Format, doc.Bytes, doc.ContentHash)
	}
	if !doc.IngestedAt.IsZero() {
		t.Error("IngestedAt is the caller's to set")
	}
	for _, f := range []string{"title", "doc_type", "date", "organisation", "case_number", "language"} {
		if doc.Provenance[f] == "" {
			t.Errorf("no provenance for %s", f)
		}
	}
	for i, s := range doc.Sections {
		if s.DocumentID != doc.ID || !strings.HasPrefix(s.ID, doc.ID+"-") || s.Ordinal != i {
			t.Errorf("section %d: id %q document %q ordinal %d", i, s.ID, s.DocumentID, s.Ordinal)
		}
	}
	keyed, err := File(context.Background(), "upload.txt", mustSeed(t, "skate-saksframlegg-sak-13-2019.txt"), Options{SourceKey: "/data/skate.txt", Type: corpus.TypeRapport})
	if err != nil {
		t.Fatal(err)
	}
	if keyed.ID != corpus.DocumentID("/data/skate.txt") || keyed.DocType != corpus.TypeRapport {
		t.Errorf("SourceKey/Type ignored: %q %q", keyed.ID, keyed.DocType)
	}
}

func TestStableIDs(t *testing.T) {
	for _, name := range seeds.Files() {
		a, b := seedDoc(t, name), seedDoc(t, name)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: two ingests of the same bytes differ", name)
		}
	}
}

// TestWindows1252 re-encodes each seed as Windows-1252 and expects the same
// sections as from the UTF-8 original.
func TestWindows1252(t *testing.T) {
	for _, name := range seeds.Files() {
		t.Run(name, func(t *testing.T) {
			utf := mustSeed(t, name)
			cp, err := charmap.Windows1252.NewEncoder().Bytes(utf)
			if err != nil {
				t.Skipf("not representable in Windows-1252: %v", err)
			}
			if bytes.Equal(cp, utf) {
				t.Fatal("re-encoding changed nothing; the test would prove nothing")
			}
			want := seedDoc(t, name)
			got, err := File(context.Background(), name, cp, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Sections, want.Sections) {
				t.Errorf("sections differ from the UTF-8 original")
			}
			if got.DocType != want.DocType || got.Title != want.Title || got.Date != want.Date {
				t.Errorf("metadata differs: %q %q %q", got.DocType, got.Title, got.Date)
			}
			if len(got.Warnings) == 0 {
				t.Error("no warning about the encoding")
			}
		})
	}
}

func TestSniffMismatch(t *testing.T) {
	// A text file named .md is read as markdown.
	doc, err := File(context.Background(), "notat.md", []byte("# Tittel\n\nTekst om saken.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Sections[0].Heading != "Tittel" || doc.Format != "md" {
		t.Errorf("markdown heading: %+v", doc.Sections[0])
	}
	// A ZIP named .txt is read as DOCX and fails as one, not as binary text.
	_, err = File(context.Background(), "arkiv.txt", []byte("PK\x03\x04rest of a broken zip"), Options{})
	if err == nil || !strings.Contains(err.Error(), "arkiv.txt") {
		t.Errorf("err = %v", err)
	}
}

func mustSeed(t *testing.T, name string) []byte {
	t.Helper()
	data, err := seeds.FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func FuzzFileTxt(f *testing.F) {
	for _, name := range seeds.Files() {
		data, err := seeds.FS.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data[:min(len(data), 2000)])
	}
	f.Add([]byte("\xef\xbb\xbfTittel\r\n\r\nTekst\xa0med\xadmyk bindestrek.\r\n"))
	f.Add([]byte("\xff\xfeT\x00i\x00t\x00t\x00e\x00l\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := File(context.Background(), "fuzz.txt", data, Options{Timeout: 10 * time.Second})
		if err != nil {
			if !errors.Is(err, corpus.ErrUnreadable) && !errors.Is(err, corpus.ErrUnsupported) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		if len(doc.Sections) == 0 || doc.DocType == "" || !doc.DocType.Valid() {
			t.Fatalf("incomplete document: %d sections, type %q", len(doc.Sections), doc.DocType)
		}
	})
}

// TestHostilePDFs runs the PDFs known to break extractors through the whole
// pipeline: each gives a document or an error of a known kind naming the file.
func TestHostilePDFs(t *testing.T) {
	dir := sharedDir(t)
	entries, err := os.ReadDir(filepath.Join(dir, "pdf-torture"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, "pdf-torture", e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := File(context.Background(), e.Name(), data, Options{Timeout: 30 * time.Second, Logger: testLogger(t)})
			if err != nil {
				if !errors.Is(err, corpus.ErrUnreadable) && !errors.Is(err, corpus.ErrEncrypted) {
					t.Errorf("unexpected error kind: %v", err)
				}
				if !strings.Contains(err.Error(), e.Name()) {
					t.Errorf("error does not name the file: %v", err)
				}
				return
			}
			if len(doc.Sections) == 0 || !doc.DocType.Valid() {
				t.Errorf("document without sections or type: %d %q", len(doc.Sections), doc.DocType)
			}
		})
	}
}
