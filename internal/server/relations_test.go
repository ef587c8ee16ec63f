package server_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/server"
)

func TestDocumentRelations(t *testing.T) {
	h := newServer(t, seededIndex(t), "", 0)
	list := decode[server.DocumentList](t, get(t, h, "/api/documents", 200))
	byType := map[corpus.DocType]string{}
	for _, d := range list.Documents {
		byType[d.DocType] = d.ID
	}
	strategy, report := byType[corpus.TypeStrategi], byType[corpus.TypeStatusrapport]
	if strategy == "" || report == "" {
		t.Fatalf("the seeds lack a strategy or a status report: %v", byType)
	}

	rel := decode[corpus.DocumentRelations](t, get(t, h, "/api/documents/"+url.PathEscape(report)+"/relations", 200))
	found := false
	for _, r := range rel.FollowsUp {
		if r.Kind != "follows_up" || r.Evidence == "" {
			t.Errorf("relation %+v", r)
		}
		if r.DocumentID == strategy {
			found = true
			if !strings.Contains(strings.ToLower(r.Evidence), "digitaliseringsstrategi") {
				t.Errorf("the status report follows up the strategy on %q", r.Evidence)
			}
		}
	}
	if !found {
		t.Errorf("the status report does not follow up the strategy: %+v", rel)
	}

	back := decode[corpus.DocumentRelations](t, get(t, h, "/api/documents/"+url.PathEscape(strategy)+"/relations", 200))
	found = false
	for _, r := range back.FollowedUpBy {
		found = found || r.DocumentID == report
	}
	if !found {
		t.Errorf("the strategy is not followed up by the status report: %+v", back)
	}
	for _, key := range []string{`"follows_up"`, `"followed_up_by"`, `"cites"`, `"cited_by"`, `"same_plan"`} {
		if raw := get(t, h, "/api/documents/"+url.PathEscape(strategy)+"/relations", 200); !strings.Contains(string(raw), key) {
			t.Errorf("relations JSON lacks %s", key)
		}
	}

	wantError(t, get(t, h, "/api/documents/finnes-ikke/relations", 404), "not_found")
}
