package hostiletest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/strategispor/strategispor/internal/corpus"
)

// expect says what the report may say about one file.
type expect struct {
	// outcomes lists the acceptable outcomes.
	outcomes []corpus.FileOutcome
	// reason, when set, must match the reason of a failed or skipped file.
	reason *regexp.Regexp
}

var (
	ingested  = expect{outcomes: []corpus.FileOutcome{corpus.OutcomeIngested}}
	readOrNot = expect{outcomes: []corpus.FileOutcome{corpus.OutcomeIngested, corpus.OutcomeFailed}}

	reEncrypted = regexp.MustCompile(`(?i)encrypt|kryptert|passord|password`)
	reTooLarge  = regexp.MustCompile(`(?i)too large|over the .*limit|size limit|limit of|for stor|grense`)
	reBomb      = regexp.MustCompile(`(?i)too large|limit|decompress|expand|bomb|for stor|grense|ratio`)
	reBinary    = regexp.MustCompile(`(?i)binary|binær|unreadable|not text|nul`)
	reEmpty     = regexp.MustCompile(`(?i)empty|tom|no text|ingen tekst|0 bytes|nothing`)
	reLoop      = regexp.MustCompile(`(?i)symlink|symbolic link|loop|levels`)
	rePerm      = regexp.MustCompile(`(?i)permission|denied|tilgang`)
)

func failedWith(re *regexp.Regexp) expect {
	return expect{outcomes: []corpus.FileOutcome{corpus.OutcomeFailed}, reason: re}
}

// hostileFile is one entry of the ingest folder.
type hostileFile struct {
	name string // path relative to the ingest folder
	want expect
	make func(path string) error
	// whyNotRead, when set, means the file must be refused without being read
	// (the 2 GB sparse file): its report line must come back quickly.
	whyNotRead string
}

func writeBytes(b []byte) func(string) error {
	return func(p string) error { return os.WriteFile(p, b, 0o644) }
}

// truncated keeps the first n bytes.
func truncated(src []byte, n int) []byte { return bytes.Clone(src[:min(n, len(src))]) }

// bitFlipped flips one bit in every 1-in-rate bytes past the header, with a
// fixed seed so that failures reproduce.
func bitFlipped(src []byte, rate int, seed uint64) []byte {
	out := bytes.Clone(src)
	rng := rand.New(rand.NewPCG(seed, 7))
	for i := 16; i < len(out); i++ {
		if rng.IntN(rate) == 0 {
			out[i] ^= 1 << rng.IntN(8)
		}
	}
	return out
}

// pdf20 rewrites the header version to 2.0, which readers must accept.
func pdf20(src []byte) []byte {
	out := bytes.Clone(src)
	if bytes.HasPrefix(out, []byte("%PDF-1.")) && len(out) > 8 {
		copy(out, "%PDF-2.0")
	}
	return out
}

// junkBefore puts bytes before %PDF; the spec tolerates up to 1024 of them.
func junkBefore(src []byte) []byte {
	junk := []byte(strings.Repeat("JUNK before the header\n", 20))
	return append(junk, src...)
}

// zipBomb builds a DOCX whose word/document.xml inflates to size bytes of
// paragraph markup while the file stays small.
func zipBomb(size int64) func(string) error {
	return func(p string) error {
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		defer f.Close()
		zw := zip.NewWriter(f)
		ct, err := zw.Create("[Content_Types].xml")
		if err != nil {
			return err
		}
		io.WriteString(ct, `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
			`<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" `+
			`ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)
		w, err := zw.Create("word/document.xml")
		if err != nil {
			return err
		}
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
		chunk := bytes.Repeat([]byte(`<w:p><w:r><w:t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</w:t></w:r></w:p>`), 1<<14)
		for written := int64(0); written < size; written += int64(len(chunk)) {
			if _, err := w.Write(chunk); err != nil {
				return err
			}
		}
		io.WriteString(w, `</w:body></w:document>`)
		return zw.Close()
	}
}

// nestedHTML opens depth divs before the text.
func nestedHTML(depth int) []byte {
	var b bytes.Buffer
	b.WriteString("<!doctype html><html><head><title>Dyp nesting</title></head><body>")
	for range depth {
		b.WriteString("<div>")
	}
	b.WriteString("<p>Regjeringen vil styrke informasjonssikkerheten.</p>")
	return b.Bytes()
}

// binaryAsText is random bytes with NULs, named .txt.
func binaryAsText() []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 64<<10)
	for i := range b {
		b[i] = byte(rng.UintN(256))
	}
	return b
}

// invalidUTF8 is Norwegian text in Latin-1 with stray UTF-8 fragments, which
// the contract says to read as Windows-1252.
func invalidUTF8() []byte {
	var b bytes.Buffer
	b.WriteString("Handlingsplan for digitalisering\n\n")
	for i := range 40 {
		b.WriteString("Regjeringen vil styrke samarbeidet med kommunene og n")
		b.WriteByte(0xe6) // æ in Latin-1
		b.WriteString("ringslivet om digitale tjenester til innbyggerne. \xc3\x28 \xff\xfe ")
		fmt.Fprintf(&b, "Avsnitt %d.\n\n", i)
	}
	return b.Bytes()
}

// sparse makes a file of size bytes without writing them.
func sparse(size int64) func(string) error {
	return func(p string) error {
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		if err := f.Truncate(size); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
}

func symlink(target string) func(string) error {
	return func(p string) error { return os.Symlink(target, p) }
}

func copyFile(src string) func(string) error {
	return func(p string) error {
		b, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		return os.WriteFile(p, b, 0o644)
	}
}

// buildFolder creates every file under dir.
func buildFolder(dir string, files []hostileFile) error {
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := f.make(p); err != nil {
			return fmt.Errorf("making %s: %w", f.name, err)
		}
	}
	return nil
}
