package adoctext

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	// footnoteRe finds footnote:[text] and footnote:id[text].
	footnoteRe = regexp.MustCompile(`footnote:[\w-]*\[((?:\\\]|[^\]])*)\]`)
	// urlMacroRe finds https://host/path[text], link:target[text],
	// mailto:addr[text], xref:target[text] and inline image:target[alt].
	urlMacroRe = regexp.MustCompile(`(?:(?:https?|ftp|irc)://|link:|mailto:|xref:|image:)([^\s\[]*)\[([^\]]*)\]`)
	// crossRefRe finds <<id>> and <<id,text>>.
	crossRefRe = regexp.MustCompile(`<<([^,>]+)(?:,\s*([^>]+))?>>`)
	// uiMacroRe finds kbd:[…], btn:[…], pass:[…], menu:x[…].
	uiMacroRe = regexp.MustCompile(`(?:kbd|btn|pass|menu|stem|latexmath|asciimath):[\w-]*\[([^\]]*)\]`)
	anchorRe  = regexp.MustCompile(`\[\[[^\]]*\]\]|\[#[\w-]+\]`)
	// superRe finds a footnote number set as superscript ("^3^").
	superRe = regexp.MustCompile(`\^(\d{1,3})\^`)
	// unconstrained marks come in pairs and may sit inside words.
	unconstrained = strings.NewReplacer("**", "", "__", "", "``", "", "##", "", "++", "", "\u200b", "", "\ufeff", "")
	// constrained marks need a non-word character (or the edge) on each side.
	constrainedRe = regexp.MustCompile(`(^|[^\p{L}\p{N}\\])([*_` + "`" + `#^~])(\S|\S.*?\S)([*_` + "`" + `#^~])($|[^\p{L}\p{N}])`)
)

// inline reduces AsciiDoc inline markup to its text: link macros to their
// text (or the address when the text is empty), cross references to their
// text, formatting marks dropped.
func inline(s string) string {
	if !strings.ContainsAny(s, "[<*_`#^~+\u200b\ufeff") {
		return s
	}
	s = urlMacroRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := urlMacroRe.FindStringSubmatch(m)
		text := strings.TrimSpace(sub[2])
		// [text,window=_blank]: attributes after the text, not part of it.
		if before, after, ok := strings.Cut(text, ","); ok && strings.Contains(after, "=") {
			text = strings.TrimSpace(before)
		}
		switch {
		case strings.HasPrefix(m, "image:"):
			return text
		case text != "":
			return strings.Trim(text, `"`)
		case strings.HasPrefix(m, "link:") || strings.HasPrefix(m, "xref:") || strings.HasPrefix(m, "mailto:"):
			return sub[1]
		}
		return strings.TrimSuffix(m, "[]")
	})
	s = crossRefRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := crossRefRe.FindStringSubmatch(m)
		if sub[2] != "" {
			return sub[2]
		}
		return sub[1]
	})
	s = uiMacroRe.ReplaceAllString(s, "$1")
	s = anchorRe.ReplaceAllString(s, "")
	s = superRe.ReplaceAllString(s, "")
	s = unconstrained.Replace(s)
	// Apply twice: the right boundary of one span may be the left of the next.
	for range 2 {
		s = constrainedRe.ReplaceAllStringFunc(s, func(m string) string {
			sub := constrainedRe.FindStringSubmatch(m)
			if sub[2] != sub[4] {
				return m
			}
			return sub[1] + sub[3] + sub[5]
		})
	}
	return strings.Join(strings.Fields(s), " ")
}

// footnotes moves footnote:[…] out of text into r.notes, numbered through
// the document, and returns the text without them.
func (r *reader) footnotes(text string) string {
	if !strings.Contains(text, "footnote:") {
		return text
	}
	text = footnoteRe.ReplaceAllStringFunc(text, func(m string) string {
		body := footnoteRe.FindStringSubmatch(m)[1]
		r.nnotes++
		r.notes = append(r.notes, fmt.Sprintf("[%d] %s", r.nnotes, strings.TrimSpace(strings.ReplaceAll(body, `\]`, "]"))))
		return ""
	})
	return strings.Join(strings.Fields(strings.ReplaceAll(text, " .", ".")), " ")
}
