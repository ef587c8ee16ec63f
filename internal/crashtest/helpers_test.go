package crashtest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/loadtest"
	"github.com/strategispor/strategispor/internal/serveproc"
	"github.com/strategispor/strategispor/internal/testutil"
)

// envKills sets the number of kills; the default is the reduced form.
const envKills = "STRATEGISPOR_CRASH_KILLS"

const defaultKills = 10

// fixture is what every test here needs: the built binary and the seeds.
type fixture struct {
	bin       string
	sentences []string
}

func setup(t *testing.T) fixture {
	t.Helper()
	root := testutil.RepoRoot(t)
	seeds := filepath.Join(testutil.SharedDir(t), "seeds")
	sentences, err := loadtest.SeedSentences(seeds)
	if err != nil {
		t.Fatal(err)
	}
	bin, err := serveproc.Build(context.Background(), root, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return fixture{bin: bin, sentences: sentences}
}

// docRow is one line of `documents --json`.
type docRow struct {
	ID       string `json:"id"`
	Source   string `json:"source"`
	Sections int    `json:"sections"`
}

// listDocuments runs `documents --json`; the index must open and answer.
func listDocuments(bin, data string) ([]docRow, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "documents", "--json", "--data", data)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("documents --json: %w\nstderr: %s", err, stderr.String())
	}
	var wrapped struct {
		Documents []docRow `json:"documents"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &wrapped); err == nil && wrapped.Documents != nil {
		return wrapped.Documents, nil
	}
	var rows []docRow
	if err := json.Unmarshal(stdout.Bytes(), &rows); err != nil {
		return nil, fmt.Errorf("documents --json printed neither {\"documents\":[…]} nor […]: %w\n%s", err, stdout.String())
	}
	return rows, nil
}

// fullDoc is the part of GET /api/documents/{id} the checks compare.
type fullDoc struct {
	ID          string `json:"id"`
	Source      string `json:"source"`
	ContentHash string `json:"content_hash"`
	Sections    []struct {
		ID      string `json:"id"`
		Ordinal int    `json:"ordinal"`
		Text    string `json:"text"`
	} `json:"sections"`
}

func getJSON(client *http.Client, u string, v any) (int, error) {
	resp, err := client.Get(u)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		return resp.StatusCode, errors.New("GET " + u + ": " + resp.Status + ": " + b.String())
	}
	return resp.StatusCode, json.NewDecoder(resp.Body).Decode(v)
}

// checkIntact fetches one document and compares it with what it must be:
// the sha256 of the file, the section count, sections in order with unique
// ids, and the marker found exactly once within the document. A negative
// section count is not checked.
func checkIntact(client *http.Client, base, id string, body []byte, sections int, marker string) error {
	var d fullDoc
	if _, err := getJSON(client, base+"/api/documents/"+url.PathEscape(id), &d); err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	if d.ContentHash != hex.EncodeToString(sum[:]) {
		return fmt.Errorf("%s: content_hash %s, want %x", id, d.ContentHash, sum)
	}
	if sections >= 0 && len(d.Sections) != sections {
		return fmt.Errorf("%s: %d sections, want %d", id, len(d.Sections), sections)
	}
	seen := map[string]bool{}
	for i, s := range d.Sections {
		if s.Ordinal != i {
			return fmt.Errorf("%s: section %d has ordinal %d", id, i, s.Ordinal)
		}
		if seen[s.ID] {
			return fmt.Errorf("%s: section id %s twice", id, s.ID)
		}
		seen[s.ID] = true
	}
	if marker != "" {
		var res struct {
			Total int `json:"total"`
		}
		q := url.Values{"q": {marker}, "document": {id}}
		if _, err := getJSON(client, base+"/api/search?"+q.Encode(), &res); err != nil {
			return err
		}
		if res.Total != 1 {
			return fmt.Errorf("%s: search for its marker %s finds %d sections, want 1", id, marker, res.Total)
		}
	}
	return nil
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
