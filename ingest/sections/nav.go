package sections

import (
	"strings"

	"github.com/strategispor/strategispor/ingest/block"
)

// navigation holds web-page chrome that ends up in copied or extracted text:
// links, teasers and buttons, lower-cased, without final ":" or ".".
var navigation = map[string]bool{
	"gå til hovedsiden": true, "gå til hovedinnhold": true, "hopp til hovedinnhold": true,
	"hopp over navigasjon": true, "til toppen": true, "tilbake til toppen": true,
	"les mer": true, "les også": true, "mest populære": true, "mest lest": true,
	"last ned rapporten her": true, "last ned rapporten": true, "last ned": true,
	"hele rapporten finner du her": true, "skriv ut": true, "del": true, "del artikkelen": true,
	"del denne siden": true, "del på facebook": true, "del på linkedin": true, "del på x": true,
	"relaterte artikler": true, "relatert innhold": true, "meny": true, "lukk": true,
	"søk": true, "vis mer": true, "vis flere": true, "neste": true, "forrige": true,
}

// isNavigation reports whether a line is web navigation rather than content:
// the fixed phrases above, "Du kan lese mer om … her.", "… finner du her.",
// "Last ned … her" and image labels ("Ikon samordning").
func isNavigation(b block.Block) bool {
	if b.Kind == block.Footnote || b.Kind == block.ListItem {
		return false
	}
	s := strings.TrimRight(b.Text, ":. ")
	if s == "" {
		return false
	}
	// Every phrase and pattern below has at most 20 words; lower-casing
	// keeps the spaces, so a longer line needs no lower-casing.
	if strings.Count(s, " ") >= 20 {
		return false
	}
	s = strings.ToLower(s)
	if navigation[s] {
		return true
	}
	words := strings.Count(s, " ") + 1
	switch {
	case words <= 20 && strings.HasPrefix(s, "du kan lese mer om ") && strings.HasSuffix(s, " her"):
		return true
	case words <= 10 && strings.HasSuffix(s, " finner du her"):
		return true
	case words <= 8 && strings.HasPrefix(s, "last ned ") && strings.HasSuffix(s, " her"):
		return true
	case words <= 4 && strings.HasPrefix(s, "ikon ") && b.Kind != block.Heading:
		return true
	}
	return false
}
