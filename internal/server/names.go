package server

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNameRunes bounds an uploaded file's name, which becomes the document's
// title when the text has none.
const maxNameRunes = 200

// cleanName makes an upload's file name safe to show as a title: control
// characters (newlines, tabs, escapes), format characters (bidi overrides
// such as U+202E, zero-width characters) and line and paragraph separators
// are dropped, invalid UTF-8 is replaced, and a name over maxNameRunes is cut
// at a rune boundary, keeping its extension so the format is still
// recognised.
func cleanName(name string) string { return strings.TrimSpace(cutName(dropUnsafeRunes(name))) }

func dropUnsafeRunes(s string) string {
	return strings.Map(dropUnsafe, strings.ToValidUTF8(s, "\uFFFD"))
}

// cutName cuts s to maxNameRunes, keeping a short extension.
func cutName(s string) string {
	if utf8.RuneCountInString(s) <= maxNameRunes {
		return s
	}
	ext := path.Ext(s)
	if utf8.RuneCountInString(ext) > 16 {
		ext = ""
	}
	stem := []rune(strings.TrimSuffix(s, ext))
	return string(stem[:maxNameRunes-utf8.RuneCountInString(ext)]) + ext
}

func dropUnsafe(r rune) rune {
	if unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp) {
		return -1
	}
	return r
}

// cleanSource cleans each element of an upload's source key the way
// cleanName cleans the file name, since the last element is the title of
// last resort. Ordinary paths are left as they are, so a document uploaded by
// the command line keeps the id a local ingest gives it.
func cleanSource(src string) string {
	parts := strings.Split(src, "/")
	for i, p := range parts {
		parts[i] = cutName(dropUnsafeRunes(p))
	}
	return strings.Join(parts, "/")
}
