package block

import (
	"regexp"
	"strings"
)

// metaLineRe finds a front-matter field that a conversion from Markdown
// left as a paragraph at the top of a Word file or a PDF printed from it
// ("title: Anbefalte tiltak").
var metaLineRe = regexp.MustCompile(`(?i)^(title|tittel|subtitle|date|dato|author|forfatter|description|lang|language):\s*(\S.*)$`)

// TakeFrontMatter takes leading "title: …"-style paragraphs, when one of
// them is a "title:" in Markdown's lower case, (and the "---"
// lines around them) out of the body: the title becomes ex.Title (the
// visible title wins over the file's properties, which are often a
// template's) and Meta["front_matter_title"]; the other fields fill
// metadata the file left empty. format names the source in MetaSource
// ("docx").
func (ex *Extracted) TakeFrontMatter(format string) {
	n := 0
	var fields [][2]string
	titled := false // a block of fields is front matter only with a "title:" written so
	for ; n < len(ex.Blocks) && n < 12; n++ {
		b := ex.Blocks[n]
		t := strings.TrimSpace(b.Text)
		if b.Kind != Paragraph {
			break
		}
		if t == "---" || t == "..." {
			continue
		}
		m := metaLineRe.FindStringSubmatch(t)
		if m == nil {
			break
		}
		titled = titled || m[1] == "title"
		fields = append(fields, [2]string{strings.ToLower(m[1]), strings.Trim(strings.TrimSpace(m[2]), `"'`)})
	}
	// "Dato: 13.6.2019" atop a case document is its text, not front matter.
	if len(fields) == 0 || !titled {
		return
	}
	ex.Blocks = ex.Blocks[n:]
	keys := map[string]string{"tittel": "title", "dato": "date", "forfatter": "author", "lang": "language"}
	for _, f := range fields {
		key := f[0]
		if k, ok := keys[key]; ok {
			key = k
		}
		if key == "title" {
			ex.Title = f[1]
			key = "front_matter_title"
		} else if ex.Meta[key] != "" {
			continue
		}
		ex.SetMeta(key, f[1], format+": front-matter paragraph "+f[0])
	}
}
