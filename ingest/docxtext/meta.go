package docxtext

import (
	"regexp"
	"strings"

	"github.com/strategispor/strategispor/ingest/block"
)

// metaLineRe finds a front-matter field that a conversion from Markdown
// left as a paragraph at the top of a Word file ("title: Anbefalte tiltak").
var metaLineRe = regexp.MustCompile(`(?i)^(title|tittel|subtitle|date|dato|author|forfatter|description|lang|language):\s*(\S.*)$`)

// frontMatter takes leading "title: …"-style paragraphs (and the "---"
// lines around them) out of the body: the title becomes ex.Title (the
// visible title wins over the core properties', which are often a
// template's) and Meta["front_matter_title"]; the other
// fields fill metadata the core properties left empty.
func frontMatter(ex *block.Extracted) {
	n := 0
	var fields [][2]string
	for ; n < len(ex.Blocks) && n < 12; n++ {
		b := ex.Blocks[n]
		t := strings.TrimSpace(b.Text)
		if b.Kind != block.Paragraph {
			break
		}
		if t == "---" || t == "..." {
			continue
		}
		m := metaLineRe.FindStringSubmatch(t)
		if m == nil {
			break
		}
		fields = append(fields, [2]string{strings.ToLower(m[1]), strings.Trim(strings.TrimSpace(m[2]), `"'`)})
	}
	if len(fields) == 0 {
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
		ex.SetMeta(key, f[1], "docx: front-matter paragraph "+f[0])
	}
}
