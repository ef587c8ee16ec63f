// Package fold holds literal prechecks for the (?i) regular expressions of
// the ingest packages. The functions fold case exactly as regexp does
// (Unicode simple folding, so "ſ" matches "s" and the Kelvin sign matches
// "k"), which makes them safe to skip a regexp on: when they say no, the
// regexp says no too.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// EqualRune reports whether a and b are in the same simple-folding orbit.
func EqualRune(a, b rune) bool {
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

// HasPrefix reports whether s starts with prefix, ignoring case.
func HasPrefix(s, prefix string) bool {
	for _, p := range prefix {
		if s == "" {
			return false
		}
		r, w := rune(s[0]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s)
		}
		if !EqualRune(r, p) {
			return false
		}
		s = s[w:]
	}
	return true
}

// HasSuffix reports whether s ends with suffix, ignoring case.
func HasSuffix(s, suffix string) bool {
	for len(suffix) > 0 {
		if s == "" {
			return false
		}
		p, pw := utf8.DecodeLastRuneInString(suffix)
		r, w := utf8.DecodeLastRuneInString(s)
		if !EqualRune(r, p) {
			return false
		}
		s, suffix = s[:len(s)-w], suffix[:len(suffix)-pw]
	}
	return true
}

// Contains reports whether s contains substr, ignoring case. substr must
// be non-empty.
func Contains(s, substr string) bool { return Index(s, substr) >= 0 }

// Index returns the byte offset of the first match of substr in s, ignoring
// case, or -1. substr must be non-empty.
func Index(s, substr string) int {
	c := substr[0]
	if lo := c | 0x20; 'a' <= lo && lo <= 'z' && lo != 'k' && lo != 's' {
		// The first letter folds only to its ASCII pair: find both
		// quickly and check the rest at each.
		i, j := indexFrom(s, substr, lo), indexFrom(s, substr, lo&^0x20)
		if i < 0 || j >= 0 && j < i {
			return j
		}
		return i
	}
	first, _ := utf8.DecodeRuneInString(substr)
	for i := 0; i < len(s); i++ {
		b := s[i]
		// Only a rune folding to substr's first rune can start a match;
		// continuation bytes never start one.
		if b < utf8.RuneSelf && !EqualRune(rune(b), first) || b >= utf8.RuneSelf && b < 0xC0 {
			continue
		}
		if HasPrefix(s[i:], substr) {
			return i
		}
	}
	return -1
}

// indexFrom returns the first offset of byte b in s at which substr,
// folded, starts, or -1.
func indexFrom(s, substr string, b byte) int {
	for off := 0; ; {
		i := strings.IndexByte(s[off:], b)
		if i < 0 {
			return -1
		}
		if HasPrefix(s[off+i:], substr) {
			return off + i
		}
		off += i + 1
	}
}
