package pdftext

import (
	"errors"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// The library's Page.Content re-parses a font's ToUnicode map at every font
// change, ignores word spacing, mis-measures two-byte (CID) fonts and skips
// form XObjects. This interpreter runs over the same content-stream parser
// (pdf.Interpret) with fonts decoded once per page and glyph positions kept
// exact, which is what word-gap detection needs.

// Limits against hostile content.
const (
	maxFormDepth = 8       // nested form XObjects (a cycle stops here)
	maxForms     = 256     // form XObjects run per page
	maxOps       = 2 << 20 // operators per page
	maxGlyphs    = 1 << 20 // glyphs per page
)

var errBudget = errors.New("page content exceeds the processing budget")

// glyph is one decoded character with its position in page space.
type glyph struct {
	s          string
	x, y, w    float64 // origin and advance width
	size       float64 // effective font size (vertical scale of the text space)
	bold       bool
	face       string // font name without the subset tag, and the bold flag
	rotated    bool
	widthKnown bool
}

type mat [6]float64 // a b c d e f

var identity = mat{1, 0, 0, 1, 0, 0}

func (m mat) mul(n mat) mat {
	return mat{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

type gstate struct {
	ctm                                     mat
	font                                    *font
	size, charSp, wordSp, scale, lead, rise float64
}

// font is a font resource prepared for decoding.
type font struct {
	enc        pdf.TextEncoding
	uni        *toUnicode
	twoByte    bool
	ucs2       bool // Identity-encoded without ToUnicode: codes are taken as UCS-2
	widths     map[int]float64
	defWidth   float64
	widthKnown bool
	bold       bool
	face       string
}

type interp struct {
	glyphs []glyph
	forms  int
	ops    int
	fonts  map[string]*font // keyed by resources scope and name
}

// pageGlyphs returns the glyphs on a page in content-stream order.
func pageGlyphs(p pdf.Page, resources pdf.Value) (glyphs []glyph, err error) {
	in := &interp{fonts: map[string]*font{}}
	defer func() {
		if x := recover(); x != nil {
			glyphs, err = in.glyphs, errorf("%v", x)
		}
	}()
	err = in.run(p.V.Key("Contents"), resources, identity, 0, "page")
	return in.glyphs, err
}

func (in *interp) run(content, res pdf.Value, ctm mat, depth int, scope string) (err error) {
	if content.IsNull() {
		return nil
	}
	defer func() {
		if x := recover(); x != nil {
			if e, ok := x.(error); ok && errors.Is(e, errBudget) {
				panic(e) // let the budget stop every level
			}
			// Damage in one stream ends that stream; what was read stays.
			err = errorf("damaged content stream: %v", x)
		}
	}()
	g := gstate{ctm: ctm, scale: 1}
	var stack []gstate
	var tm, tlm mat
	pdf.Interpret(content, func(stk *pdf.Stack, op string) {
		in.ops++
		if in.ops > maxOps || len(in.glyphs) > maxGlyphs {
			panic(errBudget)
		}
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		show := func(s string) { tm = in.show(s, &g, tm) }
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, g)
			}
		case "Q":
			if n := len(stack); n > 0 {
				g, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			if len(args) == 6 {
				g.ctm = mat{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(args) == 2 {
				g.font = in.font(res, args[0].Name(), scope)
				g.size = num(1)
			}
		case "Tc":
			g.charSp = num(0)
		case "Tw":
			g.wordSp = num(0)
		case "Tz":
			g.scale = num(0) / 100
		case "TL":
			g.lead = num(0)
		case "Ts":
			g.rise = num(0)
		case "Td", "TD":
			if op == "TD" {
				g.lead = -num(1)
			}
			tlm = mat{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "Tm":
			if len(args) == 6 {
				tlm = mat{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			tlm = mat{1, 0, 0, 1, 0, -g.lead}.mul(tlm)
			tm = tlm
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "'", "\"":
			if op == "\"" && len(args) == 3 {
				g.wordSp, g.charSp = num(0), num(1)
				args = args[2:]
			}
			tlm = mat{1, 0, 0, 1, 0, -g.lead}.mul(tlm)
			tm = tlm
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			a := args[0]
			for i := 0; i < a.Len(); i++ {
				v := a.Index(i)
				if v.Kind() == pdf.String {
					show(v.RawString())
				} else {
					tm = mat{1, 0, 0, 1, -v.Float64() / 1000 * g.size * g.scale, 0}.mul(tm)
				}
			}
		case "Do":
			if len(args) == 1 {
				in.form(res, args[0].Name(), g.ctm, depth, scope)
			}
		}
	})
	return nil
}

// form runs a form XObject's content with its own resources and matrix.
func (in *interp) form(res pdf.Value, name string, ctm mat, depth int, scope string) {
	x := res.Key("XObject").Key(name)
	if x.Key("Subtype").Name() != "Form" || depth >= maxFormDepth {
		return
	}
	in.forms++
	if in.forms > maxForms {
		return
	}
	m := identity
	if mv := x.Key("Matrix"); mv.Kind() == pdf.Array && mv.Len() == 6 {
		for i := range m {
			m[i] = mv.Index(i).Float64()
		}
	}
	fres := x.Key("Resources")
	fscope := scope + "/" + name
	if fres.IsNull() {
		fres, fscope = res, scope
	}
	_ = in.run(x, fres, m.mul(ctm), depth+1, fscope)
}

// font prepares the named font once per resources scope.
func (in *interp) font(res pdf.Value, name, scope string) *font {
	key := scope + "\x00" + name
	if f, ok := in.fonts[key]; ok {
		return f
	}
	v := res.Key("Font").Key(name)
	pf := pdf.Font{V: v}
	f := &font{enc: pf.Encoder(), uni: readToUnicode(v.Key("ToUnicode"), v), bold: isBold(pf.BaseFont())}
	if d := v.Key("FontDescriptor"); !d.IsNull() && int(d.Key("Flags").Int64())&(1<<18) != 0 {
		f.bold = true
	}
	f.face = pf.BaseFont()
	if v.Key("Subtype").Name() == "Type0" {
		f.twoByte = strings.HasPrefix(v.Key("Encoding").Name(), "Identity")
		desc := v.Key("DescendantFonts").Index(0)
		// Without ToUnicode, Identity-ordered CIDs are often Unicode (iText
		// does this); CIDs in Adobe's CJK orderings are not.
		f.ucs2 = f.twoByte && f.uni == nil && desc.Key("CIDSystemInfo").Key("Ordering").Text() == "Identity"
		if d := desc.Key("FontDescriptor"); !d.IsNull() && int(d.Key("Flags").Int64())&(1<<18) != 0 {
			f.bold = true
		}
		f.bold = f.bold || isBold(desc.Key("BaseFont").Name())
		if f.face == "" {
			f.face = desc.Key("BaseFont").Name()
		}
		f.defWidth = 1000
		if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.defWidth = dw.Float64()
		}
		f.widths = cidWidths(desc.Key("W"))
		f.widthKnown = true
	} else {
		first := int(v.Key("FirstChar").Int64())
		w := v.Key("Widths")
		if n := w.Len(); n > 0 && n <= 65536 {
			f.widths = make(map[int]float64, n)
			for i := 0; i < n; i++ {
				f.widths[first+i] = w.Index(i).Float64()
			}
			f.widthKnown = true
		}
		if d := v.Key("FontDescriptor"); !d.IsNull() {
			f.defWidth = d.Key("MissingWidth").Float64()
		}
	}
	f.face = f.faceKey()
	in.fonts[key] = f
	return f
}

// cidWidths reads a CIDFont /W array: "c [w1 w2 …]" and "cfirst clast w".
func cidWidths(w pdf.Value) map[int]float64 {
	out := map[int]float64{}
	n := w.Len()
	for i := 0; i < n && len(out) < 1<<16; {
		c := int(w.Index(i).Int64())
		if i+1 < n && w.Index(i+1).Kind() == pdf.Array {
			arr := w.Index(i + 1)
			for j := 0; j < arr.Len() && j < 1<<16; j++ {
				out[c+j] = arr.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 < n {
			last, width := int(w.Index(i+1).Int64()), w.Index(i+2).Float64()
			for k := c; k <= last && k-c < 1<<16; k++ {
				out[k] = width
			}
		}
		i += 3
	}
	return out
}

// show decodes and places the glyphs of one string, returning the advanced
// text matrix.
func (in *interp) show(s string, g *gstate, tm mat) mat {
	f := g.font
	if f == nil {
		f = &font{enc: nil}
	}
	step := 1
	if f.twoByte {
		step = 2
	}
	for i := 0; i+step <= len(s); i += step {
		raw := s[i : i+step]
		code := int(raw[0])
		if step == 2 {
			code = code<<8 | int(raw[1])
		}
		text := decodeCode(f, raw, code)
		w0, known := f.defWidth, f.widthKnown
		if w, ok := f.widths[code]; ok {
			w0 = w
		} else if !f.twoByte {
			known = false
		}
		trm := mat{g.size * g.scale, 0, 0, g.size, 0, g.rise}.mul(tm).mul(g.ctm)
		vsize := math.Hypot(trm[2], trm[3])
		hscale := math.Hypot(trm[0], trm[1])
		adv := w0 / 1000 * g.size
		tx := (adv + g.charSp) * g.scale
		if step == 1 && code == 32 {
			tx += g.wordSp * g.scale
		}
		if text != "" {
			in.glyphs = append(in.glyphs, glyph{
				s: text, x: trm[4], y: trm[5], size: vsize, bold: f.bold, face: f.face,
				w:          adv / max(g.size, 1e-9) * hscale,
				rotated:    math.Abs(trm[1]) > math.Abs(trm[0]),
				widthKnown: known && w0 > 0,
			})
		}
		tm = mat{1, 0, 0, 1, tx, 0}.mul(tm)
	}
	return tm
}

func decodeCode(f *font, raw string, code int) string {
	if f.uni != nil {
		if t, ok := f.uni.codes[code]; ok {
			return t
		}
	}
	if f.ucs2 {
		if r := rune(code); utf8.ValidRune(r) && unicode.IsPrint(r) {
			return string(r)
		}
		return ""
	}
	if f.twoByte {
		return "" // CIDs with no Unicode map cannot be read
	}
	if f.enc == nil {
		return raw
	}
	return f.enc.Decode(raw)
}

// faceKey names the font's face for telling heading styles from the body
// text: the base font without its subset tag ("DAAAAA+"), marked when the
// descriptor alone says bold.
func (f *font) faceKey() string {
	name := f.face
	if i := strings.IndexByte(name, '+'); i == 6 {
		name = name[i+1:]
	}
	if f.bold && !isBold(name) {
		name += ",bold"
	}
	return name
}
