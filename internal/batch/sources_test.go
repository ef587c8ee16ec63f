package batch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

func TestReadSources(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[string]string
		err        string // substring of the error; "" for none
	}{
		{"lines, comments and a quoted name", "# kilder\n\nnsm-risiko-2020.pdf  https://nsm.no/risiko-2020.pdf\n\"Digital strategi.docx\"\thttps://www.regjeringen.no/no/dokumenter/x/id1/\n",
			map[string]string{"nsm-risiko-2020.pdf": "https://nsm.no/risiko-2020.pdf", "Digital strategi.docx": "https://www.regjeringen.no/no/dokumenter/x/id1/"}, ""},
		{"not http", "a.pdf ftp://nsm.no/a.pdf\n", nil, "line 1: source URL \"ftp://nsm.no/a.pdf\" is not an http(s) address"},
		{"no URL", "# x\na.pdf\n", nil, "line 2: \"a.pdf\" has a file name but no URL"},
		{"relative URL", "a.pdf /dokumenter/a.pdf\n", nil, "is not an http(s) address"},
		{"a path, not a name", "sub/a.pdf https://x.no/a.pdf\n", nil, "is not a file name in this folder"},
		{"twice", "a.pdf https://x.no/1\na.pdf https://x.no/2\n", nil, "line 2: a.pdf is listed twice"},
		{"unclosed quote", "\"a b.pdf https://x.no/1\n", nil, "no closing quote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), SourcesFile)
			if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := readSources(path)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, corpus.ErrInvalid) {
					t.Fatalf("error %v, want one saying %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s → %q, want %q", k, got[k], v)
				}
			}
		})
	}
	if m, err := readSources(filepath.Join(t.TempDir(), SourcesFile)); err != nil || m != nil {
		t.Errorf("no file: %v, %v", m, err)
	}
}
