package archtest

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// graph builds packages from "a -> b c" lines of module-relative paths (or
// third-party paths with a dot) and returns them by path.
func graph(lines ...string) map[string]*packages.Package {
	pkgs := map[string]*packages.Package{}
	get := func(p string) *packages.Package {
		if first, _, _ := strings.Cut(p, "/"); !strings.Contains(first, ".") && first != "embed" {
			p = module + "/" + p
		}
		if pkgs[p] == nil {
			pkgs[p] = &packages.Package{ID: p, PkgPath: p, Imports: map[string]*packages.Package{}}
		}
		return pkgs[p]
	}
	for _, l := range lines {
		from, to, _ := strings.Cut(l, "->")
		p := get(strings.TrimSpace(from))
		for _, t := range strings.Fields(to) {
			q := get(t)
			p.Imports[q.PkgPath] = q
		}
	}
	return pkgs
}

func TestRuleCatchesViolations(t *testing.T) {
	tests := []struct {
		name  string
		graph []string
		pkg   string
		test  bool
		want  string // part of the one message expected; "" for none
	}{
		{"server reaching index through another package",
			[]string{"internal/server -> internal/helper", "internal/helper -> index/link"}, "internal/server", false, "index/link: forbidden"},
		{"ingest reaching index through a subpackage",
			[]string{"ingest/pdftext -> ingest/block", "ingest/block -> index/analysis"}, "ingest/pdftext", false, "index/analysis: forbidden"},
		{"index reaching ingest", []string{"index -> ingest/block"}, "index", false, "ingest/block: forbidden"},
		{"index tests may read seeds through ingest", []string{"index/link -> ingest"}, "index/link", true, ""},
		{"ingest tests may not reach index", []string{"ingest -> index"}, "ingest", true, "forbidden"},
		{"batch wiring the index", []string{"internal/batch -> index"}, "internal/batch", false, "forbidden"},
		{"an export package wiring the index", []string{"internal/export -> index"}, "internal/export", false, "only cmd wires"},
		{"cmd wiring the index", []string{"cmd/strategispor -> index internal/batch"}, "cmd/strategispor", false, ""},
		{"product binary reaching a harness through a package",
			[]string{"cmd/strategispor -> internal/datadir", "internal/datadir -> internal/testutil"}, "cmd/strategispor", false, "harness"},
		{"a harness reaching the index", []string{"internal/loadtest -> index"}, "internal/loadtest", false, ""},
		{"the bench tool using its harness", []string{"cmd/strategispor-bench -> internal/bench", "internal/bench -> index ingest"}, "cmd/strategispor-bench", false, ""},
		{"the product binary linking the bench harness", []string{"cmd/strategispor -> internal/bench", "internal/bench -> index ingest"}, "cmd/strategispor", false, "harness"},
		{"seeds tests using testutil", []string{"seeds -> internal/testutil"}, "seeds", true, ""},
		{"seeds using testutil", []string{"seeds -> internal/testutil"}, "seeds", false, "forbidden"},
		{"corpus importing gin", []string{"internal/corpus -> github.com/gin-gonic/gin"}, "internal/corpus", false, "only on the standard library"},
		{"corpus importing x/text", []string{"internal/corpus -> golang.org/x/text/unicode/norm"}, "internal/corpus", false, ""},
		{"web importing the standard library", []string{"web -> embed"}, "web", false, ""},
		{"ingest own subpackage", []string{"ingest -> ingest/block"}, "ingest", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := graph(tt.graph...)
			p := pkgInfo{rel: tt.pkg, test: tt.test, deps: closure(g[module+"/"+tt.pkg])}
			msgs := check(p)
			switch {
			case tt.want == "" && len(msgs) > 0:
				t.Errorf("check(%s) = %q, want nothing", tt.pkg, msgs)
			case tt.want != "" && (len(msgs) != 1 || !strings.Contains(msgs[0], tt.want)):
				t.Errorf("check(%s) = %q, want one message containing %q", tt.pkg, msgs, tt.want)
			}
		})
	}
}
