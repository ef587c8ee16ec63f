package findings

import (
	"unicode"
	"unicode/utf8"
)

// The helpers below are literal prechecks in front of the (?i) regular
// expressions: they fold case exactly as regexp does (Unicode simple
// folding, so "ſ" matches "s" and the Kelvin sign matches "k"), which makes
// them safe to skip a regexp on: when they say no, the regexp says no too.

// equalFoldRune reports whether a and b are in the same simple-folding orbit.
func equalFoldRune(a, b rune) bool {
	if a == b {
		return true
	}
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		return 'A' <= a && a <= 'Z' && a+'a'-'A' == b || 'A' <= b && b <= 'Z' && b+'a'-'A' == a
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

// hasPrefixFold reports whether s starts with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	for _, p := range prefix {
		if s == "" {
			return false
		}
		r, w := rune(s[0]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s)
		}
		if !equalFoldRune(r, p) {
			return false
		}
		s = s[w:]
	}
	return true
}

// hasSuffixFold reports whether s ends with suffix, ignoring case.
func hasSuffixFold(s, suffix string) bool {
	for len(suffix) > 0 {
		if s == "" {
			return false
		}
		p, pw := utf8.DecodeLastRuneInString(suffix)
		r, w := utf8.DecodeLastRuneInString(s)
		if !equalFoldRune(r, p) {
			return false
		}
		s, suffix = s[:len(s)-w], suffix[:len(suffix)-pw]
	}
	return true
}

// containsFold reports whether s contains substr, ignoring case. substr
// must be non-empty.
func containsFold(s, substr string) bool {
	first, _ := utf8.DecodeRuneInString(substr)
	for i := 0; i < len(s); i++ {
		c := s[i]
		// Only a rune folding to substr's first rune can start a match;
		// non-ASCII lead bytes are checked in full.
		if c < utf8.RuneSelf && !equalFoldRune(rune(c), first) || c >= utf8.RuneSelf && c < 0xC0 {
			continue
		}
		if hasPrefixFold(s[i:], substr) {
			return true
		}
	}
	return false
}
