package seeds

import (
	"bytes"
	"github.com/strategispor/strategispor/internal/testutil"
	"os"
	"path/filepath"
	"testing"
)

// origin maps each embedded file to the name it was received under.
var origin = map[string]string{
	"digdir-ks-statusrapport-handlingsplan-2023.txt":        "000_62df0d945ec21519.txt",
	"difi-artikkel-tverrgaende-digitaliseringsstrategi.txt": "001_27b1491172abdf8a.txt",
	"skate-saksframlegg-sak-13-2019.txt":                    "002_eb6b74dc54c3240e.txt",
	"regjeringen-digitaliseringsstrategi-2024-2030.txt":     "003_5de24772d35db489.txt",
	"it-i-praksis-2020.txt":                                 "004_f1ed09b0f05e41b4.txt",
}

func TestFilesListsEverySeed(t *testing.T) {
	got := Files()
	if len(got) != len(origin) {
		t.Fatalf("Files() = %v, want the %d seeds", got, len(origin))
	}
	for _, name := range got {
		if _, ok := origin[name]; !ok {
			t.Errorf("unexpected embedded file %q", name)
		}
	}
}

// TestSeedsAreByteIdentical guards against editors "fixing" the texts: the
// non-breaking spaces and odd line layout are part of what ingest must handle.
func TestSeedsAreByteIdentical(t *testing.T) {
	dir := sharedSeeds(t)
	for name, orig := range origin {
		t.Run(name, func(t *testing.T) {
			got, err := FS.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(dir, orig))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from shared/seeds/%s", name, orig)
			}
		})
	}
}

// sharedSeeds finds ../shared/seeds relative to the repository root.
func sharedSeeds(t *testing.T) string {
	return filepath.Join(testutil.SharedDir(t), "seeds")
}
