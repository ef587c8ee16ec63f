package htmltext

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/strategispor/strategispor/ingest/block"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// metaKeys maps <meta name|property> values (lower case) to Meta keys, in
// order of preference: the first one found for a key wins.
var metaKeys = []struct{ name, key string }{
	{"dc.date", "date"}, {"article:published_time", "date"}, {"dcterms.created", "date"},
	{"dcterms.issued", "date"}, {"citation_publication_date", "date"}, {"date", "date"},
	{"dc.date.issued", "date"},
	{"last-modified", "modified"}, {"article:modified_time", "modified"}, {"dcterms.modified", "modified"},
	{"author", "author"}, {"dc.creator", "author"}, {"article:author", "author"},
	{"dc.publisher", "publisher"}, {"og:site_name", "publisher"}, {"publisher", "publisher"},
	{"description", "description"}, {"dc.description", "description"}, {"og:description", "description"},
	{"dc.type", "dc_type"}, {"dc.subject", "subject"}, {"keywords", "keywords"},
	{"dc.language", "language"}, {"og:locale", "language"}, {"content-language", "language"},
	{"og:title", "og_title"}, {"dc.title", "og_title"},
}

// readHead reads <html lang>, <title> and <meta> tags.
func readHead(doc *html.Node, ex *block.Extracted) {
	found := map[string]string{}
	var title string
	visit(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		switch n.DataAtom {
		case atom.Html:
			if l := language(attr(n, "lang")); l != "" {
				ex.SetMeta("language", l, "html: <html lang>")
			}
		case atom.Title:
			if title == "" {
				title = text(n)
			}
			return false
		case atom.Meta:
			name := strings.ToLower(attr(n, "name"))
			if name == "" {
				name = strings.ToLower(attr(n, "property"))
			}
			if name == "" {
				name = strings.ToLower(attr(n, "http-equiv"))
			}
			if _, ok := found[name]; !ok && name != "" {
				found[name] = collapse(attr(n, "content"))
			}
		case atom.Body:
			return false
		}
		return true
	})
	for _, mk := range metaKeys {
		v := found[mk.name]
		if v == "" || ex.Meta[mk.key] != "" {
			continue
		}
		switch mk.key {
		case "date", "modified":
			v = isoDate(v)
		case "language":
			v = language(v)
		}
		ex.SetMeta(mk.key, v, fmt.Sprintf("html: <meta %s>", mk.name))
	}
	if a := ex.Meta["author"]; a != "" {
		ex.SetMeta("organisation", a, ex.MetaSource["author"])
	}
	ex.Title = cleanTitle(title, ex.Meta["publisher"])
	if ex.Title == "" {
		ex.Title = cleanTitle(ex.Meta["og_title"], "")
	}
}

// language reduces a language tag to its primary subtag ("nb-NO" → "nb").
func language(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	tag, _, _ = strings.Cut(tag, "-")
	tag, _, _ = strings.Cut(tag, "_")
	return tag
}

// cleanTitle strips a trailing site name (" - regjeringen.no", " | Digdir")
// and writes a spaced hyphen as a dash, as Norwegian typography does.
func cleanTitle(t, site string) string {
	t = collapse(t)
	for _, sep := range []string{" - ", " | ", " – ", " — "} {
		i := strings.LastIndex(t, sep)
		if i <= 0 {
			continue
		}
		tail := strings.TrimSpace(t[i+len(sep):])
		if strings.EqualFold(tail, site) || (strings.Contains(tail, ".") && !strings.Contains(tail, " ")) {
			t = strings.TrimSpace(t[:i])
			break
		}
	}
	return strings.ReplaceAll(t, " - ", " – ")
}

var (
	dateLabelRe = regexp.MustCompile(`(?i)\b(publisert|publisert dato|dato|sist endret|sist oppdatert|oppdatert|utgitt)\s*:\s*(\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+\p{L}+\s+\d{4})`)
	deadlineRe  = regexp.MustCompile(`(?i)\b(høringsfrist|høyringsfrist|frist)\s*:\s*(\d{1,2}\.\s?\d{1,2}\.\s?\d{4})`)
)

// readBodyMeta fills what <meta> tags did not give from the page itself:
// <time datetime>, "Dato:"/"Publisert:" labels and regjeringen.no's owner line.
func readBodyMeta(doc *html.Node, ex *block.Extracted) {
	visit(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode || n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.Head {
			return n.Type != html.ElementNode
		}
		switch {
		case n.DataAtom == atom.Time && ex.Meta["date"] == "":
			if d := isoDate(attr(n, "datetime")); d != "" {
				ex.SetMeta("date", d, "html: <time datetime>")
			}
		case ex.Meta["organisation"] == "" && (hasClass(n, "owner") || hasClass(n, "content-owner-dep")):
			if o := strings.Trim(text(n), " |"); o != "" {
				ex.SetMeta("organisation", o, "html: owner line")
			}
		}
		return true
	})
	for _, b := range ex.Blocks {
		if ex.Meta["date"] == "" {
			if m := dateLabelRe.FindStringSubmatch(b.Text); m != nil {
				if d := isoDate(m[2]); d != "" {
					ex.SetMeta("date", d, "text: "+m[0])
				}
			}
		}
		if ex.Meta["deadline"] == "" {
			if m := deadlineRe.FindStringSubmatch(b.Text); m != nil {
				if d := isoDate(m[2]); d != "" {
					ex.SetMeta("deadline", d, "text: "+m[0])
				}
			}
		}
	}
}

func hasClass(n *html.Node, c string) bool {
	for _, f := range strings.Fields(attr(n, "class")) {
		if f == c {
			return true
		}
	}
	return false
}

var months = map[string]time.Month{
	"januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
	"august": 8, "september": 9, "oktober": 10, "november": 11, "desember": 12,
}

var (
	isoRe    = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)
	dottedRe = regexp.MustCompile(`^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$`)
	wordyRe  = regexp.MustCompile(`^(\d{1,2})\.?\s+(\p{L}+)\s+(\d{4})$`)
)

// isoDate turns the date formats seen on Norwegian public sites into
// "2006-01-02"; it returns "" for anything it does not understand.
func isoDate(s string) string {
	s = strings.TrimSpace(s)
	if m := isoRe.FindStringSubmatch(s); m != nil {
		return valid(m[1], m[2], m[3])
	}
	if m := dottedRe.FindStringSubmatch(s); m != nil {
		return valid(m[3], m[2], m[1])
	}
	if m := wordyRe.FindStringSubmatch(strings.ToLower(s)); m != nil {
		if mon, ok := months[m[2]]; ok {
			return valid(m[3], fmt.Sprint(int(mon)), m[1])
		}
	}
	for _, layout := range []string{time.RFC1123, time.RFC1123Z, time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	return ""
}

func valid(y, m, d string) string {
	t, err := time.Parse("2006-1-2", y+"-"+strings.TrimLeft(m, "0")+"-"+strings.TrimLeft(d, "0"))
	if err != nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

var (
	boilerExact = map[string]bool{
		"gå til hovedsiden": true, "gå til hovudsida": true, "hopp til innhold": true,
		"hopp til hovedinnhold": true, "til toppen": true, "til toppen av siden": true,
		"til toppen av sida": true, "skriv ut": true, "del": true, "del siden": true,
		"del artikkelen": true, "les mer": true, "les meir": true, "les mer:": true,
		"tilbake": true, "lukk": true, "lukk meny": true, "meny": true, "søk": true,
		"back to top": true, "skip to content": true, "read more": true, "share": true,
		"print": true, "facebook": true, "twitter": true, "linkedin": true, "e-post": true,
	}
	boilerPrefixRe = regexp.MustCompile(`(?i)^(del på|del pa|del denne|del via|share on|du er her:?)\b`)
	linkBoilerRe   = regexp.MustCompile(`(?i)^(les mer|les meir|lese meir|read more)\b`)
	cookieRe       = regexp.MustCompile(`(?i)(informasjonskapsl|cookies)`)
)

// dropBoilerplate removes navigation phrases that survived the structural
// filter (links such as "Les mer", "Del på Facebook", "Til toppen").
func dropBoilerplate(items []item) []block.Block {
	out := make([]block.Block, 0, len(items))
	for _, it := range items {
		t := strings.ToLower(strings.TrimSpace(it.block.Text))
		switch {
		case boilerExact[t]:
			continue
		case boilerPrefixRe.MatchString(t) && len(t) < 80:
			continue
		case it.linkOnly && linkBoilerRe.MatchString(t) && len(t) < 120:
			continue
		case cookieRe.MatchString(t) && len(t) < 400 && it.block.Kind == block.Paragraph &&
			(strings.Contains(t, "godta") || strings.Contains(t, "samtykke") || strings.Contains(t, "accept")):
			continue
		}
		out = append(out, it.block)
	}
	return out
}

// classifyPage records the share of text that is link text and calls the
// page a listing when most of its headings and items are links to elsewhere
// (search results, news archives) rather than content of its own.
func classifyPage(w *walker, ex *block.Extracted) {
	density := 0.0
	if w.totalChars > 0 {
		density = float64(w.linkChars) / float64(w.totalChars)
	}
	ex.SetMeta("link_density", fmt.Sprintf("%.2f", density), "html: link text / all text")
	var entries, linked int
	for _, it := range w.items {
		if it.block.Kind == block.Heading || it.block.Kind == block.ListItem {
			entries++
			if it.linkOnly {
				linked++
			}
		}
	}
	if (linked >= 8 && linked*2 >= entries) || (density > 0.6 && w.anchors >= 10) {
		ex.SetMeta("page_kind", "listing", fmt.Sprintf("html: %d of %d headings and list items are links; link density %.2f", linked, entries, density))
	} else {
		ex.SetMeta("page_kind", "document", fmt.Sprintf("html: %d of %d headings and list items are links; link density %.2f", linked, entries, density))
	}
}
