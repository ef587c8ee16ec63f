package e2e

import (
	"context"
	"encoding/json"

	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const stepTimeout = 30 * time.Second

// do runs browser actions with a per-step timeout.
func (e *env) do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("browser step failed: %v (page: %s)", err, e.location(t))
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, e *env, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %q: %v", expr, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it is truthy.
func (e *env) waitFor(t *testing.T, what, cond string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		t.Fatalf("waiting for %s: %v (page: %s)", what, err, e.location(t))
	}
}

func (e *env) location(t *testing.T) string {
	ctx, cancel := context.WithTimeout(e.ctx, 5*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "?"
	}
	return loc
}

// pageReady is true once a view has replaced the loading text with its heading.
const pageReady = `!!document.querySelector('main h1') && !document.querySelector('main .loading')`

// visit loads path in the browser and waits for the view to render.
func (e *env) visit(t *testing.T, path string) {
	t.Helper()
	e.do(t, chromedp.Navigate(e.base+path))
	e.waitFor(t, "page "+path, pageReady)
}

// axeViolation is the part of an axe-core result the tests report.
type axeViolation struct {
	ID          string `json:"id"`
	Impact      string `json:"impact"`
	Help        string `json:"help"`
	Description string `json:"description"`
	Nodes       []struct {
		Target         []any  `json:"target"`
		HTML           string `json:"html"`
		FailureSummary string `json:"failureSummary"`
	} `json:"nodes"`
}

// audit runs axe-core against the page as it is now. Every violation is
// logged; serious and critical ones fail the test.
func (e *env) audit(t *testing.T, name string) {
	t.Helper()
	if !eval[bool](t, e, `typeof window.axe === 'object'`) {
		e.do(t, chromedp.Evaluate[chromedp.Void](e.axe))
	}
	raw := eval[[]byte](t, e, `axe.run(document, {
		runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
		resultTypes: ['violations']
	}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, description: v.description,
		nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary}))})))`)
	var vs []axeViolation
	if err := json.Unmarshal(raw, &vs); err != nil {
		t.Fatalf("reading axe result: %v", err)
	}
	bad := 0
	for _, v := range vs {
		t.Logf("axe %s: %s [%s] %s", name, v.ID, v.Impact, v.Help)
		for _, n := range v.Nodes {
			t.Logf("    %v %s\n      %s", n.Target, n.HTML, strings.ReplaceAll(n.FailureSummary, "\n", "\n      "))
		}
		if v.Impact == "serious" || v.Impact == "critical" {
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("axe found %d serious or critical violations on %s", bad, name)
	} else {
		t.Logf("axe %s: %d violations, none serious or critical", name, len(vs))
	}
}

// shot saves a full-page PNG under artifacts/.
func (e *env) shot(t *testing.T, name string) {
	t.Helper()
	// From the top, so that sticky parts sit where a reader first sees them.
	e.do(t, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	e.saveShot(t, name, chromedp.FullScreenshot(100))
}

// shotViewport saves what the window shows, for pages whose point is
// where they scrolled to.
func (e *env) shotViewport(t *testing.T, name string) {
	t.Helper()
	e.saveShot(t, name, chromedp.CaptureScreenshot())
}

func (e *env) saveShot(t *testing.T, name string, capture chromedp.Action[[]byte]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, capture)
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll("artifacts", 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join("artifacts", name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: web/e2e/%s", p)
}

// checkConsole fails on script errors and Content-Security-Policy
// violations seen since the last check. Failed resource loads are only
// logged: some steps ask for missing things on purpose.
func (e *env) checkConsole(t *testing.T) {
	t.Helper()
	// Let late messages arrive.
	time.Sleep(100 * time.Millisecond)
	for _, m := range e.console.take() {
		text := m.String()
		switch {
		case m.IsException(), strings.Contains(text, "Content Security Policy"), strings.Contains(text, "Refused to"):
			t.Errorf("browser console: %s (%s:%d)", text, m.URL, m.Line)
		default:
			t.Logf("browser console: %s", text)
		}
	}
}

// checkPage runs the checks every view must pass, then audits and
// photographs it.
func (e *env) checkPage(t *testing.T, name, wantTitle string) {
	t.Helper()
	title := eval[string](t, e, `document.title`)
	if !strings.HasSuffix(title, "Strategispor") || (wantTitle != "" && !strings.Contains(title, wantTitle)) {
		t.Errorf("%s: title %q, want it to contain %q and end with Strategispor", name, title, wantTitle)
	}
	if lang := eval[string](t, e, `document.documentElement.lang`); lang != "nb" {
		t.Errorf("%s: html lang %q, want nb", name, lang)
	}
	if n := eval[int](t, e, `document.querySelectorAll('h1').length`); n != 1 {
		t.Errorf("%s: %d h1 elements, want 1", name, n)
	}
	if leak := eval[string](t, e, `(document.querySelector('main').innerText.match(/\b(null|undefined|NaN)\b|\[object Object\]/) || [''])[0]`); leak != "" {
		t.Errorf("%s: the page shows %q", name, leak)
	}
	e.audit(t, name)
	e.shot(t, name)
	e.checkConsole(t)
}

// jsString quotes s for use inside a JavaScript expression.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func mustContain(t *testing.T, what, got, want string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Errorf("%s: %q does not contain %q", what, got, want)
	}
}

// brokenWords lists the words in table cells that the layout split over
// two lines: a word whose text range has more than one line box.
const brokenWords = `(() => {
	const out = [];
	for (const cell of document.querySelectorAll('table td, table th')) {
		const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const re = /\S+/g;
			let m;
			while ((m = re.exec(n.data))) {
				const r = document.createRange();
				r.setStart(n, m.index);
				r.setEnd(n, m.index + m[0].length);
				const tops = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
				if (tops.size > 1) out.push(m[0]);
			}
		}
	}
	return out;
})()`
