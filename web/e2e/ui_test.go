package e2e

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestUI walks through the web UI as an adviser would, with one server and
// one browser for all steps.
func TestUI(t *testing.T) {
	e := setup(t)

	t.Run("start page leads to search and commitments", func(t *testing.T) {
		e.visit(t, "/")
		e.waitFor(t, "start cards", `!!document.querySelector('a.card[href="/forpliktelser"]')`)
		if !eval[bool](t, e, `!!document.querySelector('a.skip-link[href="#main"]') && !!document.querySelector('header nav') && !!document.querySelector('main#main')`) {
			t.Error("skip link, header nav or main landmark missing")
		}
		mustContain(t, "search label", eval[string](t, e, `document.querySelector('label[for="q"]').textContent`), "Søk")
		e.checkPage(t, "01-start", "Søk")
	})

	t.Run("search as you type with snippets and facets", func(t *testing.T) {
		e.visit(t, "/")
		e.do(t, chromedp.SendKeys(chromedp.CSS("#q"), "regelverk"))
		e.waitFor(t, "hits", `location.search.includes('q=regelverk') && document.getElementById('result-status').textContent.includes('«regelverk»') && document.querySelectorAll('.hit').length > 0`)
		mustContain(t, "URL", e.location(t), "q=regelverk")
		mustContain(t, "result count", eval[string](t, e, `document.getElementById('result-status').textContent`), "treff for «regelverk»")
		if eval[string](t, e, `document.getElementById('result-status').getAttribute('aria-live')`) != "polite" {
			t.Error("result count is not in an aria-live region")
		}
		if n := eval[int](t, e, `document.querySelectorAll('.snippet mark').length`); n == 0 {
			t.Error("no highlighted words in the snippets")
		}
		if n := eval[int](t, e, `document.querySelectorAll('.snippet *:not(mark)').length`); n != 0 {
			t.Errorf("snippets hold %d elements other than <mark>", n)
		}
		e.checkPage(t, "02-search", "regelverk")

		// Filter by document type.
		before := eval[int](t, e, `document.querySelectorAll('.hit').length`)
		facet := `document.querySelector('a.facet[data-facet="type"]')`
		if !eval[bool](t, e, `!!`+facet) {
			t.Fatal("no document type facet")
		}
		value := eval[string](t, e, facet+`.dataset.value`)
		label := eval[string](t, e, facet+`.firstChild.textContent.trim()`)
		e.do(t, chromedp.Click(chromedp.CSS(`a.facet[data-facet="type"]`)))
		e.waitFor(t, "filtered hits", `location.search.includes('type=`+value+`') && document.getElementById('result-status').textContent.includes('avgrenset')`)
		metas := eval[[]string](t, e, `[...document.querySelectorAll('.hit-meta')].map(m => m.textContent)`)
		if len(metas) == 0 || len(metas) > before {
			t.Errorf("after filtering on %s: %d hits, before %d", value, len(metas), before)
		}
		for _, m := range metas {
			if !strings.HasPrefix(m, label) {
				t.Errorf("hit %q is not of type %s", m, label)
			}
		}
		if !eval[bool](t, e, `document.querySelector('a.facet.on[data-facet="type"]').getAttribute('aria-current') === 'true'`) {
			t.Error("the chosen facet is not marked aria-current")
		}
		e.shot(t, "02b-search-filtered")

		// The back button returns to the unfiltered search.
		e.do(t, chromedp.NavigateBack())
		e.waitFor(t, "unfiltered search after back", `!location.search.includes('type=') && location.search.includes('q=regelverk') && document.querySelectorAll('.hit').length > 0 && !document.getElementById('result-status').textContent.includes('avgrenset')`)
		if got := eval[string](t, e, `document.getElementById('q').value`); got != "regelverk" {
			t.Errorf("search box after back: %q", got)
		}
		// Enter on a facet keeps focus on that facet, drawn anew as chosen.
		e.do(t, chromedp.Focus(chromedp.CSS(`a.facet[data-facet="type"][data-value="`+value+`"]`)), chromedp.KeyEvent(kb.Enter))
		e.waitFor(t, "filtered by keyboard", `location.search.includes('type=`+value+`') && !!document.querySelector('a.facet.on')`)
		if !eval[bool](t, e, `document.activeElement.matches('a.facet.on[data-facet="type"][data-value="`+value+`"]')`) {
			t.Errorf("focus after Enter on a facet: %s", eval[string](t, e, `document.activeElement.outerHTML.slice(0, 100)`))
		}
		e.checkConsole(t)

		// A misspelling is searched corrected, and says so ("Viser treff
		// for …"), with a link to the query as typed; that one offers the
		// correction as a clickable suggestion.
		e.visit(t, "/?q=regelverkk")
		e.waitFor(t, "corrected search", `!!document.querySelector('.suggestion strong') && document.querySelectorAll('.hit').length > 0`)
		mustContain(t, "corrected search", eval[string](t, e, `document.querySelector('.suggestion').textContent`), "Viser treff for «regelverk»")
		e.do(t, chromedp.Click(chromedp.CSS(".as-typed a")))
		e.waitFor(t, "search as typed", `new URLSearchParams(location.search).get('correct') === 'false' && !!document.querySelector('.suggestion a')`)
		if got := eval[string](t, e, `document.querySelector('.suggestion a').textContent`); got != "regelverk" {
			t.Errorf("suggestion %q, want regelverk", got)
		}
		e.do(t, chromedp.Click(chromedp.CSS(".suggestion a")))
		e.waitFor(t, "search for the suggestion", `new URLSearchParams(location.search).get('q') === 'regelverk' && !new URLSearchParams(location.search).has('correct') && document.getElementById('q').value === 'regelverk' && !document.querySelector('.suggestion')`)

		// A query the server cannot parse says what to fix, in Norwegian.
		e.visit(t, "/")
		e.do(t, chromedp.SendKeys(chromedp.CSS("#q"), `"klart språk`+kb.Enter))
		e.waitFor(t, "error message", `!!document.querySelector('main .notice-error')`)
		mustContain(t, "error message", eval[string](t, e, `document.querySelector('main .notice-error').textContent`), "anførselstegn")
		e.shot(t, "02c-search-error")

		// No hits: the page says what to try.
		e.visit(t, "/?q=xyzzyqwv")
		e.waitFor(t, "empty state", `!!document.querySelector('.results .notice')`)
		mustContain(t, "empty state", eval[string](t, e, `document.querySelector('.results .notice').textContent`), "Sjekk skrivemåten")
		e.checkConsole(t)
	})

	t.Run("a hit opens the document at its section", func(t *testing.T) {
		e.visit(t, "/?q=regelverk")
		e.waitFor(t, "hits", `document.querySelectorAll('.hit').length > 0`)
		href := eval[string](t, e, `document.querySelector('.hit-title a').getAttribute('href')`)
		hash := href[strings.Index(href, "#"):]
		if !strings.HasPrefix(href, "/dokument/") || !strings.Contains(href, "q=regelverk") || len(hash) < 2 {
			t.Fatalf("hit link %q does not point at a section of a document with the query", href)
		}
		e.do(t, chromedp.Click(chromedp.CSS(".hit-title a")))
		e.waitFor(t, "document page", `location.pathname.startsWith('/dokument/') && `+pageReady)
		e.waitFor(t, "section in view", `(() => {
			const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
			if (!el) return false;
			const r = el.getBoundingClientRect();
			return r.top >= -1 && r.top < innerHeight && document.activeElement === el;
		})()`)
		if got := eval[string](t, e, `location.hash`); got != hash {
			t.Errorf("fragment %q, want %q", got, hash)
		}
		if n := eval[int](t, e, `document.querySelectorAll('.doc-text mark').length`); n == 0 {
			t.Error("searched word not highlighted in the document")
		}
		if n := eval[int](t, e, `document.querySelectorAll('nav.outline a[href^="#"]').length`); n == 0 {
			t.Error("document has no outline")
		}
		e.shotViewport(t, "03b-document-at-section")
		e.checkPage(t, "03-document", "")

		// The outline jumps to a section.
		target := eval[string](t, e, `document.querySelectorAll('nav.outline a[href^="#"]')[1]?.getAttribute('href') || document.querySelector('nav.outline a[href^="#"]').getAttribute('href')`)
		e.do(t, chromedp.Click(chromedp.CSS(`nav.outline a[href="`+target+`"]`)))
		e.waitFor(t, "outline jump", `location.hash === `+jsString(target)+` && (() => { const r = document.getElementById(decodeURIComponent(location.hash.slice(1))).getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; })()`)
	})

	t.Run("commitments overview with statuses and filters", func(t *testing.T) {
		e.visit(t, "/forpliktelser")
		e.waitFor(t, "commitments", `document.querySelectorAll('li.commitment').length > 0`)
		n := eval[int](t, e, `document.querySelectorAll('li.commitment').length`)
		badges := eval[[]string](t, e, `[...document.querySelectorAll('li.commitment .badge')].map(b => b.textContent.trim())`)
		if len(badges) != n {
			t.Errorf("%d commitments but %d status badges", n, len(badges))
		}
		for _, b := range badges {
			if b == "" {
				t.Error("a status badge has no text")
			}
		}
		if eval[int](t, e, `document.querySelectorAll('.commitment-doc h2').length`) == 0 || eval[int](t, e, `document.querySelectorAll('.commitment-doc h3.chapter').length`) == 0 {
			t.Error("commitments are not grouped by document and chapter")
		}
		csv := eval[string](t, e, `document.querySelector('a[href^="/api/commitments.csv"]')?.getAttribute('href') || ''`)
		if csv == "" {
			t.Error("no CSV download link")
		} else if res, err := http.Get(e.base + csv); err != nil {
			t.Errorf("CSV link %s: %v", csv, err)
		} else {
			res.Body.Close()
			if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
				t.Errorf("CSV link %s: %s, Content-Type %q", csv, res.Status, res.Header.Get("Content-Type"))
			}
		}
		e.checkPage(t, "04-forpliktelser", "Forpliktelser")

		e.do(t, chromedp.Click(chromedp.CSS("#cf-uten")))
		e.waitFor(t, "unlinked filter", `location.search.includes('uten=1') && `+pageReady)
		got := eval[[]string](t, e, `[...document.querySelectorAll('li.commitment .badge')].map(b => b.textContent.trim())`)
		t.Logf("%d of %d commitments are without follow-up", len(got), n)
		for _, b := range got {
			if b != "Uten oppfølging" {
				t.Errorf("filter uten oppfølging shows a commitment with status %q", b)
			}
		}
		e.checkConsole(t)
	})

	t.Run("new user finds the regelverk commitment and its tiltak status", func(t *testing.T) {
		e.visit(t, "/")
		e.do(t, chromedp.Click(chromedp.CSS(`a.card[href="/forpliktelser"]`)))
		e.waitFor(t, "commitments", `location.pathname === '/forpliktelser' && document.querySelectorAll('li.commitment').length > 0`)
		href := eval[string](t, e, `[...document.querySelectorAll('li.commitment a')].find(a => /digitaliseringsvennlig regelverk/i.test(a.textContent))?.getAttribute('href') || ''`)
		if href == "" {
			t.Fatal("no commitment about digitaliseringsvennlig regelverk in the overview")
		}
		e.do(t, chromedp.Click(chromedp.CSS(`li.commitment a[href="`+href+`"]`)))
		e.waitFor(t, "commitment page", `location.pathname === `+jsString(href)+` && `+pageReady)
		statuses := eval[[]string](t, e, `[...document.querySelectorAll('.link-item')].filter(li => li.querySelector('.link-title a[href^="/tiltak/"]')).map(li => li.querySelector('.badge')?.textContent.trim() || '')`)
		if len(statuses) == 0 {
			t.Fatal("the commitment shows no linked tiltak")
		}
		for _, s := range statuses {
			if s == "" {
				t.Error("a linked tiltak has no status badge")
			}
		}
		t.Logf("linked tiltak statuses: %v", statuses)
		if eval[int](t, e, `document.querySelectorAll('.link-item .reasons li').length`) == 0 {
			t.Error("links show no reasons")
		}
		e.checkPage(t, "05-forpliktelse", "Forpliktelse")

		e.do(t, chromedp.Click(chromedp.CSS(`.link-item .link-title a[href^="/tiltak/"]`)))
		e.waitFor(t, "tiltak page", `location.pathname.startsWith('/tiltak/') && `+pageReady)
		if eval[string](t, e, `document.querySelector('.status-line .badge')?.textContent || ''`) == "" {
			t.Error("tiltak page shows no status")
		}
		if eval[int](t, e, `document.querySelectorAll('.links .link-item a[href^="/forpliktelser/"]').length`) == 0 {
			t.Error("tiltak page does not list the commitment it follows up")
		}
		e.checkPage(t, "06-tiltak", "Tiltak")
	})

	t.Run("an adviser rejects, confirms and undoes links", func(t *testing.T) {
		if e.token == "" {
			t.Skip("no token for the server under test")
		}
		e.visit(t, "/forpliktelser")
		e.waitFor(t, "commitments", `document.querySelectorAll('li.commitment').length > 0`)
		href := eval[string](t, e, `[...document.querySelectorAll('li.commitment a')].find(a => /digitaliseringsvennlig regelverk/i.test(a.textContent))?.getAttribute('href') || ''`)
		if href == "" {
			t.Fatal("no commitment about digitaliseringsvennlig regelverk")
		}
		e.visit(t, href)
		e.waitFor(t, "verdict panel", `!!document.getElementById('verdict-token') && document.querySelectorAll('.link-item').length > 1`)
		before := eval[int](t, e, `document.querySelectorAll('.link-item').length`)
		second := eval[string](t, e, `document.querySelectorAll('.link-item .link-title a')[1].textContent`)
		e.do(t, chromedp.SendKeys(chromedp.CSS("#verdict-token"), e.token))
		e.do(t, chromedp.Click(chromedp.CSS(`.link-item:nth-child(2) .verdict-buttons button:last-child`)))
		e.waitFor(t, "rejection", `(document.querySelector('.verdict-status')?.textContent || '').includes('avvist')`)
		if n := eval[int](t, e, `document.querySelectorAll('.link-item').length`); n != before-1 {
			t.Errorf("%d links after rejecting one of %d", n, before)
		}
		if eval[bool](t, e, `[...document.querySelectorAll('.link-item .link-title a')].some(a => a.textContent === `+jsString(second)+`)`) {
			t.Error("the rejected link is still shown")
		}
		if !eval[bool](t, e, `document.activeElement === document.querySelector('.verdict-status')`) {
			t.Error("focus is not on the message after the verdict")
		}
		e.do(t, chromedp.Click(chromedp.CSS(`.verdict-status button`)))
		e.waitFor(t, "undo", `(document.querySelector('.verdict-status')?.textContent || '').includes('tatt tilbake') && document.querySelectorAll('.link-item').length === `+strconv.Itoa(before))

		e.do(t, chromedp.Click(chromedp.CSS(`.link-item:nth-child(1) .verdict-buttons button:first-child`)))
		e.waitFor(t, "confirmation", `!!document.querySelector('.link-item:nth-child(1) .badge-confirmed')`)
		e.checkPage(t, "05b-vurdert-kobling", "Forpliktelse")
		e.visit(t, href)
		e.waitFor(t, "confirmation after reload", `!!document.querySelector('.link-item:nth-child(1) .badge-confirmed')`)
		e.do(t, chromedp.SendKeys(chromedp.CSS("#verdict-token"), e.token))
		e.do(t, chromedp.Click(chromedp.CSS(`.link-item:nth-child(1) .verdict-buttons button:first-child`)))
		e.waitFor(t, "confirmation taken back", `(document.querySelector('.verdict-status')?.textContent || '').includes('tatt tilbake') && !document.querySelector('.badge-confirmed')`)
		e.checkConsole(t)
	})

	t.Run("tiltak overview counts, groups, sorts and filters", func(t *testing.T) {
		for _, width := range []int64{1366, 390} {
			e.do(t, chromedp.EmulateViewport(width, 900))
			w := strconv.FormatInt(width, 10)
			e.visit(t, "/tiltak")
			e.waitFor(t, "tiltak overview", `document.querySelectorAll('section.plan table.tiltak-table tbody tr').length > 0`)
			// The tiles count every tiltak; their sum is the total on the page.
			total := eval[int](t, e, `[...document.querySelectorAll('.status-tiles .tile-count')].reduce((a, el) => a + Number(el.textContent), 0)`)
			rows := eval[int](t, e, `document.querySelectorAll('table.tiltak-table tbody tr').length`)
			if total == 0 || total != rows {
				t.Errorf("%s px: tiles count %d tiltak, tables show %d", w, total, rows)
			}
			// One section per plan, with a bar and its counts in words.
			plans := eval[int](t, e, `document.querySelectorAll('section.plan').length`)
			bars := eval[int](t, e, `document.querySelectorAll('section.plan .status-bar').length`)
			if plans < 2 || bars != plans {
				t.Errorf("%s px: %d plans, %d status bars", w, plans, bars)
			}
			mustContain(t, "plan counts", eval[string](t, e, `document.querySelector('section.plan .status-counts').textContent`), "tiltak –")
			if eval[int](t, e, `document.querySelectorAll('section.plan h3').length`) == 0 {
				t.Errorf("%s px: no innsatsområde headings", w)
			}
			if width == 390 {
				if sw := eval[int](t, e, `document.documentElement.scrollWidth`); sw > 390 {
					t.Errorf("page is %d px wide at 390 px", sw)
				}
				e.do(t, chromedp.ScrollIntoView(chromedp.CSS(`section.plan`)))
				e.shotViewport(t, "07c-tiltak-plan-390")
			}
			e.checkPage(t, "07-tiltak-oversikt-"+w, "Tiltak")

			// The downloads answer the files they name.
			if width == 1366 {
				got := eval[[]string](t, e, `Promise.all([...document.querySelectorAll('.export-links a')].map(async (a) => {
					const r = await fetch(a.href);
					const b = new Uint8Array(await r.arrayBuffer());
					return r.status + ' ' + r.headers.get('content-type') + ' ' + b.slice(0, 3).join(',');
				}))`)
				want := []string{
					"200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet 80,75,3",      // PK\x03: a zip
					"200 text/csv; charset=utf-8 239,187,191", "200 text/csv; charset=utf-8 239,187,191", // UTF-8 BOM
				}
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("downloads: %q, want %q", got, want)
				}
			}

			// A tile filters to its status and keeps focus on itself.
			e.do(t, chromedp.Focus(chromedp.CSS(`.status-tiles .tile.badge-minor`)), chromedp.KeyEvent(kb.Enter))
			e.waitFor(t, "filtered by tile", `new URLSearchParams(location.search).get('status') === 'mindre forsinkelser' && `+pageReady+` && document.querySelectorAll('table.tiltak-table tbody tr').length > 0`)
			badges := eval[[]string](t, e, `[...document.querySelectorAll('table.tiltak-table tbody .badge')].map(b => b.textContent.trim())`)
			for _, b := range badges {
				if b != "Mindre forsinkelser" {
					t.Errorf("%s px: status filter shows %q", w, b)
				}
			}
			if !eval[bool](t, e, `document.activeElement.classList.contains('tile') && document.activeElement.getAttribute('aria-current') === 'true'`) {
				t.Errorf("%s px: focus after the tile: %s", w, eval[string](t, e, `document.activeElement.outerHTML.slice(0, 100)`))
			}

			// Sorting by status gives one table with a document column, in status order.
			e.visit(t, "/tiltak?sortering=status")
			e.waitFor(t, "sorted", `document.querySelectorAll('table.tiltak-table').length === 1 && document.querySelectorAll('table.tiltak-table thead th').length === 6`)
			order := eval[[]string](t, e, `[...document.querySelectorAll('table.tiltak-table tbody .badge')].map(b => b.textContent.trim())`)
			if len(order) != total || order[0] != "På plan" || order[len(order)-1] != "Status ukjent" {
				t.Errorf("%s px: sorted by status: %v", w, order)
			}
			e.checkPage(t, "07b-tiltak-sortert-"+w, "Tiltak")
		}
		e.do(t, chromedp.ResetViewport())
	})

	t.Run("documents", func(t *testing.T) {
		e.visit(t, "/dokumenter")
		e.waitFor(t, "documents", `document.querySelectorAll('table.data tbody tr').length > 0`)
		e.checkPage(t, "08-dokumenter", "Dokumenter")
	})

	t.Run("tables never break words, and scroll when narrow", func(t *testing.T) {
		defer e.do(t, chromedp.ResetViewport())
		for _, width := range []int64{320, 390, 768, 1366} {
			e.do(t, chromedp.EmulateViewport(width, 900))
			for _, p := range []struct{ path, ready string }{
				{"/dokumenter", `document.querySelectorAll('table.data tbody tr').length > 0`},
				{"/tiltak", `document.querySelectorAll('table.tiltak-table tbody tr').length > 0`},
				{"/tiltak?sortering=status", `document.querySelectorAll('table.tiltak-table thead th').length === 6`},
			} {
				e.visit(t, p.path)
				e.waitFor(t, p.path, p.ready)
				if broken := eval[[]string](t, e, brokenWords); len(broken) > 0 {
					t.Errorf("%s at %d px: words broken over two lines: %q", p.path, width, broken)
				}
				if sw := eval[int](t, e, `document.documentElement.scrollWidth`); sw > int(width) {
					t.Errorf("%s at %d px: the page is %d px wide", p.path, width, sw)
				}
			}
			if width == 320 {
				e.visit(t, "/dokumenter")
				e.waitFor(t, "documents", `document.querySelectorAll('table.data tbody tr').length > 0`)
				if !eval[bool](t, e, `(() => { const w = document.querySelector('.table-wrap'); return w.scrollWidth > w.clientWidth; })()`) {
					t.Error("at 320 px the documents table does not scroll sideways")
				}
				e.shotViewport(t, "08b-dokumenter-320")
			}
		}
	})

	t.Run("keyboard only search", func(t *testing.T) {
		e.visit(t, "/")
		e.do(t, chromedp.KeyEvent(kb.Tab))
		if !eval[bool](t, e, `document.activeElement.classList.contains('skip-link') && document.activeElement.getBoundingClientRect().top >= 0`) {
			t.Error("the first Tab does not show the skip link")
		}
		e.tabUntil(t, "search box", `document.activeElement.id === 'q'`, 20)
		if !eval[bool](t, e, `(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; })()`) {
			t.Error("the focused search box has no visible focus style")
		}
		e.do(t, chromedp.KeyEvent("regelverk"))
		e.waitFor(t, "hits", `document.getElementById('result-status').textContent.includes('«regelverk»') && document.querySelectorAll('.hit').length > 0`)
		// Enter searches and moves focus to the results; the first hit follows
		// the commitments box that opens them.
		e.do(t, chromedp.KeyEvent(kb.Enter))
		e.waitFor(t, "focus on the results", `document.activeElement.id === 'results'`)
		n := 0
		for ; n < 8 && !eval[bool](t, e, `!!document.activeElement.closest('.hits')`); n++ {
			e.do(t, chromedp.KeyEvent(kb.Tab))
		}
		if !eval[bool](t, e, `!!document.activeElement.closest('.hits')`) {
			t.Errorf("8 Tabs after the search land on %s, not a hit", eval[string](t, e, `document.activeElement.outerHTML.slice(0, 100)`))
		}
		t.Logf("after Enter, the first hit is %d Tabs away", n)
		// From the search box, the skip link to the results comes within a few Tabs.
		e.do(t, chromedp.Focus(chromedp.CSS("#q")))
		tabs := 0
		for ; tabs < 5 && !eval[bool](t, e, `document.activeElement.classList.contains('skip-results')`); tabs++ {
			e.do(t, chromedp.KeyEvent(kb.Tab))
		}
		if !eval[bool](t, e, `document.activeElement.classList.contains('skip-results') && document.activeElement.getBoundingClientRect().width > 10`) {
			t.Fatalf("no visible skip link to the results within 5 Tabs of the search box")
		}
		e.do(t, chromedp.KeyEvent(kb.Enter))
		e.waitFor(t, "hits focused by the skip link", `document.activeElement.id === 'hits'`)
		e.do(t, chromedp.KeyEvent(kb.Tab))
		if !eval[bool](t, e, `document.activeElement.matches('.hits .hit:first-child a')`) {
			t.Errorf("one Tab after the skip link lands on %s, not the first hit", eval[string](t, e, `document.activeElement.outerHTML.slice(0, 100)`))
		}
		t.Logf("the first hit is %d Tabs from the search box by the skip link", tabs+2)
		e.tabUntil(t, "first result", `!!document.activeElement.closest('.hits')`, 80)
		if !eval[bool](t, e, `(() => { const s = getComputedStyle(document.activeElement); return s.boxShadow !== 'none' || s.outlineStyle !== 'none'; })()`) {
			t.Error("the focused result link has no visible focus style")
		}
		e.shot(t, "09-keyboard-focus")
		href := eval[string](t, e, `document.activeElement.getAttribute('href')`)
		e.do(t, chromedp.KeyEvent(kb.Enter))
		e.waitFor(t, "document after Enter", `location.pathname.startsWith('/dokument/') && `+pageReady)
		if got := eval[string](t, e, `location.pathname + location.search + location.hash`); got != href {
			t.Errorf("Enter opened %q, want %q", got, href)
		}
		e.checkConsole(t)
	})

	t.Run("upload shows the report and documents stay text", func(t *testing.T) {
		if e.token == "" {
			t.Skip("no token for the server under test")
		}
		e.visit(t, "/")
		e.waitFor(t, "upload link", `!document.getElementById('nav-upload').hidden`)
		e.visit(t, "/last-opp")
		e.waitFor(t, "upload form", `!!document.getElementById('up-file')`)
		file := filepath.Join(t.TempDir(), "skadelig-innhold.txt")
		body := "Test av <script>window.__pwned = 1</script> i dokumenter\n\n" +
			"Regjeringen vil\n\n" +
			"  • sikre at <img src=x onerror=\"window.__pwned = 2\"> vises som tekst\n\n" +
			"Vanlig tekst om <b>fet</b> skrift og &amp; tegn.\n"
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		e.do(t,
			chromedp.SetUploadFiles(chromedp.CSS("#up-file"), []string{file}),
			chromedp.SendKeys(chromedp.CSS("#up-url"), "https://www.regjeringen.no/no/dokumenter/test/id1/"),
			chromedp.SendKeys(chromedp.CSS("#up-token"), e.token),
		)
		e.checkPage(t, "10-upload", "Last opp")
		e.do(t, chromedp.Click(chromedp.CSS(`.upload-form button[type="submit"]`)))
		e.waitFor(t, "ingest report", `!!document.querySelector('.upload-result a[href^="/dokument/"]') || !!document.querySelector('.upload-result .notice-error')`)
		if msg := eval[string](t, e, `document.querySelector('.upload-result .notice-error')?.textContent || ''`); msg != "" {
			t.Fatalf("upload failed: %s", msg)
		}
		e.shot(t, "10b-upload-report")
		e.do(t, chromedp.Click(chromedp.CSS(`.upload-result a[href^="/dokument/"]`)))
		e.waitFor(t, "uploaded document", `location.pathname.startsWith('/dokument/') && `+pageReady)
		text := eval[string](t, e, `document.querySelector('main').textContent`)
		if got := eval[string](t, e, `document.querySelector('dl.meta a.source-link')?.getAttribute('href') || ''`); got != "https://www.regjeringen.no/no/dokumenter/test/id1/" {
			t.Errorf("source link %q", got)
		}
		mustContain(t, "source link", eval[string](t, e, `document.querySelector('dl.meta a.source-link')?.textContent || ''`), "Originalen hos regjeringen.no")
		mustContain(t, "document text", text, "<script>window.__pwned = 1</script>")
		mustContain(t, "document text", text, "<b>fet</b>")
		if eval[int](t, e, `document.querySelectorAll('main script, main img, main b').length`) != 0 {
			t.Error("markup from the document became elements")
		}
		if eval[bool](t, e, `window.__pwned !== undefined`) {
			t.Error("script from the document ran")
		}
		e.checkPage(t, "11-escaped-document", "")

		// A file that cannot be read: one Norwegian message and what to do,
		// the server's own words folded away under "Teknisk melding".
		broken := filepath.Join(t.TempDir(), "ødelagt.pdf")
		if err := os.WriteFile(broken, []byte("%PDF-1.7\nikke en ekte pdf\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		e.visit(t, "/last-opp")
		e.waitFor(t, "upload form", `!!document.getElementById('up-file')`)
		e.do(t,
			chromedp.SetUploadFiles(chromedp.CSS("#up-file"), []string{broken}),
			chromedp.SendKeys(chromedp.CSS("#up-token"), e.token),
			chromedp.Click(chromedp.CSS(`.upload-form button[type="submit"]`)),
		)
		e.waitFor(t, "upload error", `!!document.querySelector('.upload-result .notice-error')`)
		shown := eval[string](t, e, `(() => { const n = document.querySelector('.upload-result .notice-error').cloneNode(true); n.querySelector('details')?.remove(); return n.textContent; })()`)
		mustContain(t, "error", shown, "Filen kunne ikke leses")
		for _, english := range []string{"ingesting", "extracting", "unreadable"} {
			if strings.Contains(shown, english) {
				t.Errorf("the visible error holds %q: %s", english, shown)
			}
		}
		if n := strings.Count(shown, "kunne ikke leses"); n != 1 {
			t.Errorf("the error is said %d times: %s", n, shown)
		}
		mustContain(t, "technical message", eval[string](t, e, `document.querySelector('.upload-result .notice-error details.technical')?.textContent || ''`), "ødelagt.pdf")
		e.console.take() // the 422 from the API is expected here
		e.shot(t, "10c-upload-unreadable")
	})

	t.Run("usable at 320 px", func(t *testing.T) {
		e.do(t, chromedp.EmulateViewport(320, 720))
		defer e.do(t, chromedp.ResetViewport())
		for _, p := range []struct{ path, name, ready string }{
			{"/", "12-narrow-start", `!!document.querySelector('.cards')`},
			{"/?q=regelverk", "13-narrow-search", `document.querySelectorAll('.hit').length > 0`},
			{"/forpliktelser", "14-narrow-forpliktelser", `document.querySelectorAll('li.commitment').length > 0`},
		} {
			e.visit(t, p.path)
			e.waitFor(t, p.name, p.ready)
			if w := eval[int](t, e, `document.documentElement.scrollWidth`); w > 320 {
				t.Errorf("%s: page is %d px wide at a 320 px viewport", p.path, w)
			}
			e.shotViewport(t, p.name)
		}
		e.checkConsole(t)
	})

	t.Run("unknown pages say what to do", func(t *testing.T) {
		e.visit(t, "/finnes/ikke")
		mustContain(t, "not found page", eval[string](t, e, `document.querySelector('h1').textContent`), "Fant ikke siden")
		e.checkPage(t, "15-not-found", "Fant ikke")
		e.visit(t, "/dokument/finnes-ikke-00000000")
		mustContain(t, "missing document", eval[string](t, e, `document.querySelector('h1').textContent`), "Fant ikke dokumentet")
		e.console.take() // the 404 from the API is expected here
	})
}

// tabUntil presses Tab until cond holds, at most max times.
func (e *env) tabUntil(t *testing.T, what, cond string, max int) {
	t.Helper()
	for range max {
		if eval[bool](t, e, cond) {
			return
		}
		e.do(t, chromedp.KeyEvent(kb.Tab))
	}
	if !eval[bool](t, e, cond) {
		t.Fatalf("Tab never reached %s (focus on %s)", what, eval[string](t, e, `document.activeElement.outerHTML.slice(0, 120)`))
	}
}
