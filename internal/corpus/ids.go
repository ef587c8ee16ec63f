package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Hash8 returns the first 8 hex digits of the sha256 of the parts joined by NUL.
// IDs built from it are stable as long as their inputs are.
func Hash8(parts ...string) string {
	h := sha256.New()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))[:8]
}

// DocumentID derives a readable, stable id from the document's source key:
// a slug of the file's base name plus a hash of the whole key, so that two
// files with the same name in different folders get different ids.
func DocumentID(sourceKey string) string {
	base := filepath.Base(sourceKey)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	slug := Slug(base, 40)
	if slug == "" {
		slug = "dok"
	}
	return slug + "-" + Hash8(sourceKey)
}

// Slug lower-cases s, keeps letters (æøå included) and digits, turns runs of
// anything else into single hyphens, and cuts it to at most max runes.
func Slug(s string, max int) string {
	s = norm.NFC.String(strings.ToLower(s))
	var b strings.Builder
	n, dash := 0, false
	for _, r := range s {
		if n >= max {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
				n++
			}
			b.WriteRune(r)
			n++
			dash = false
			continue
		}
		dash = true
	}
	return strings.Trim(b.String(), "-")
}
