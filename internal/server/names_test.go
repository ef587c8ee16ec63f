package server_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/strategispor/strategispor/internal/corpus"
)

// TestUploadNameBecomesCleanTitle: a file name holding bidi overrides,
// newlines and escapes, or thousands of characters, becomes a clean title.
func TestUploadNameBecomesCleanTitle(t *testing.T) {
	ix, err := newSeededIndex()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	h := newServer(t, ix, testToken, 0)
	body := []byte("regjeringen vil styrke samarbeidet med kommunene om digitale tjenester og felles løsninger.\n")
	long := strings.Repeat("æøå", 2000) + ".txt"
	tests := []struct {
		name, file, want string
	}{
		{"bidi override", "rapport\u202Etxt.exe.txt", "rapporttxt.exe"},
		// Raw, these bytes break the part header; RFC 2231 encoding carries them.
		{"newline and escape", "plan\nSTATUS: godkjent\x1b[31m\r.txt", "planSTATUS: godkjent[31m"},
		{"isolates and zero width", "\u2066tiltak\u2069\u200b\u200f 2025.txt", "tiltak 2025"},
		{"line separator", "a\u2028b\u2029c.txt", "abc"},
		{"5000 characters", long, string([]rune(strings.Repeat("æøå", 2000))[:196])},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, h, encodedUpload(t, tt.file, body), 201)
			fr := decode[corpus.FileResult](t, mustRead(res.Body))
			d, err := ix.Reader().Document(t.Context(), fr.DocumentID)
			if err != nil {
				t.Fatal(err)
			}
			for _, got := range []string{fr.Title, d.Title} {
				if got != tt.want {
					t.Errorf("title %q, want %q", got, tt.want)
				}
				if !utf8.ValidString(got) || utf8.RuneCountInString(got) > 200 {
					t.Errorf("title of %d runes, valid UTF-8 %v", utf8.RuneCountInString(got), utf8.ValidString(got))
				}
				for _, r := range got {
					if unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp) {
						t.Errorf("title keeps %U", r)
					}
				}
			}
			if strings.ContainsFunc(d.Source, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) {
				t.Errorf("source %q keeps control or format characters", d.Source)
			}
		})
	}
}

// encodedUpload sends the file name RFC 2231-encoded (filename* with %XX escapes),
// which the multipart reader decodes: the way to get any byte into it.
func encodedUpload(t *testing.T, name string, data []byte) *http.Request {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	var enc strings.Builder
	for _, c := range []byte(name) {
		if c < 0x80 && (unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)) || c == '.' || c == '-' || c == '_') {
			enc.WriteByte(c)
		} else {
			fmt.Fprintf(&enc, "%%%02X", c)
		}
	}
	hdr := textproto.MIMEHeader{}
	hdr.Set("Content-Disposition", `form-data; name="file"; filename*=UTF-8''`+enc.String())
	fw, err := mw.CreatePart(hdr)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest("POST", "/api/documents", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+testToken)
	return req
}
