package pdftext

import (
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// toUnicode is a font's ToUnicode CMap: character code → text. The library
// only consults ToUnicode when a font has no /Encoding dictionary, so fonts
// with both (common in InDesign output, where small caps and old-style
// figures sit in a /Differences array) lose those characters otherwise.
type toUnicode struct {
	codes    map[int]string
	twoBytes bool // codes are two bytes wide
}

const maxCMapEntries = 1 << 17

// readToUnicode parses the bfchar and bfrange sections of a ToUnicode
// stream. scratch is any dictionary value: the CMap's "findresource" needs a
// dictionary on the stack for the following "begin", and the library offers
// no way to make one.
func readToUnicode(strm, scratch pdf.Value) (m *toUnicode) {
	if strm.Kind() != pdf.Stream {
		return nil
	}
	defer func() {
		if recover() != nil && (m == nil || len(m.codes) == 0) {
			m = nil
		}
	}()
	m = &toUnicode{codes: map[int]string{}}
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		switch op {
		case "findresource":
			pop(stk)
			stk.Push(scratch)
		case "defineresource":
			args := pop(stk)
			if len(args) == 3 {
				stk.Push(args[1])
			}
		case "begincmap", "endcmap", "usecmap":
		case "begincodespacerange", "beginbfchar", "beginbfrange", "begincidrange", "beginnotdefrange":
			pop(stk) // the entry count
		case "endcodespacerange":
			args := pop(stk)
			if len(args) >= 2 && len(args[0].RawString()) == 2 {
				m.twoBytes = true
			}
		case "endbfchar":
			args := pop(stk)
			for i := 0; i+1 < len(args) && len(m.codes) < maxCMapEntries; i += 2 {
				src := args[i].RawString()
				if len(src) == 2 {
					m.twoBytes = true
				}
				m.codes[codeOf(src)] = utf16Text(args[i+1].RawString())
			}
		case "endbfrange":
			args := pop(stk)
			for i := 0; i+2 < len(args) && len(m.codes) < maxCMapEntries; i += 3 {
				lo, hi := codeOf(args[i].RawString()), codeOf(args[i+1].RawString())
				if len(args[i].RawString()) == 2 {
					m.twoBytes = true
				}
				if hi < lo || hi-lo > 0xFFFF {
					continue
				}
				dst := args[i+2]
				if dst.Kind() == pdf.Array {
					for k := 0; k <= hi-lo && k < dst.Len(); k++ {
						m.codes[lo+k] = utf16Text(dst.Index(k).RawString())
					}
					continue
				}
				base := []rune(utf16Text(dst.RawString()))
				if len(base) == 0 {
					continue
				}
				for k := 0; k <= hi-lo && len(m.codes) < maxCMapEntries; k++ {
					r := append([]rune(nil), base...)
					r[len(r)-1] += rune(k)
					m.codes[lo+k] = string(r)
				}
			}
		default:
			pop(stk)
		}
	})
	if len(m.codes) == 0 {
		return nil
	}
	return m
}

func pop(stk *pdf.Stack) []pdf.Value {
	args := make([]pdf.Value, stk.Len())
	for i := len(args) - 1; i >= 0; i-- {
		args[i] = stk.Pop()
	}
	return args
}

func codeOf(s string) int {
	c := 0
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | int(s[i])
	}
	return c
}

// utf16Text decodes a big-endian UTF-16 string from a CMap.
func utf16Text(s string) string {
	if len(s)%2 == 1 {
		return s
	}
	u := make([]uint16, len(s)/2)
	for i := range u {
		u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
	}
	return string(utf16.Decode(u))
}
