package classify

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var monthNames = map[string]time.Month{
	"januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
	"august": 8, "september": 9, "oktober": 10, "november": 11, "desember": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
	"sept": 9, "okt": 10, "nov": 11, "des": 12,
}

var (
	// 13.6.2019, 13.06.19, 1. 11. 2023
	numericDateRe = regexp.MustCompile(`^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})$`)
	// 13. juni 2019, 13 juni 2019
	wordDateRe = regexp.MustCompile(`^(\d{1,2})\.?\s+(\p{L}+)\.?\s+(\d{4})$`)
	isoDateRe  = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)
	// PDF dates: D:20190613120000+02'00'
	pdfDateRe = regexp.MustCompile(`^D?:?(\d{4})(\d{2})(\d{2})`)

	dateLabels = `møtedato|dato|publisert|utgitt|vedtatt|signert|date`
	dateInText = `\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})\b|\d{1,2}\.?\s+(?i:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\s+\d{4}`
	// "Møtedato: 13.6.2019", "Dato: 13. juni 2019", "Publisert: …"
	// "Oslo, 27.5.2019" on a line of its own, as under a signature.

	periodRe = regexp.MustCompile(`\b((?:19|20)\d{2})\s?[-–—]\s?((?:19|20)\d{2})\b`)
	// "(2019–2025)", "(2024-2030)"
	parenPeriodRe = regexp.MustCompile(`\(\s*((?:19|20)\d{2})\s?[-–—]\s?((?:19|20)\d{2})\s*\)`)
	caseRe        = regexp.MustCompile(`(?i)\b(?:sak|saksnr\.?|saksnummer)\s*:?\s*(\d{1,4})\s?/\s?(\d{4}|\d{2})\b`)
)

// ParseDate reads one date as written in Norwegian documents and metadata —
// "13.6.2019", "13.06.19", "13. juni 2019", "2019-06-13", PDF
// "D:20190613…" — and returns it as "2019-06-13". ok is false for anything
// else, including impossible dates (31.2.2019).
func ParseDate(s string) (iso string, ok bool) {
	s = strings.TrimSpace(s)
	var y, m, d int
	switch {
	case numericDateRe.MatchString(s):
		p := numericDateRe.FindStringSubmatch(s)
		d, m, y = atoi(p[1]), atoi(p[2]), atoi(p[3])
		if len(p[3]) == 2 {
			y += 2000
			if y > time.Now().Year()+5 {
				y -= 100
			}
		}
	case wordDateRe.MatchString(s):
		p := wordDateRe.FindStringSubmatch(s)
		mon, known := monthNames[strings.ToLower(p[2])]
		if !known {
			return "", false
		}
		d, m, y = atoi(p[1]), int(mon), atoi(p[3])
	case isoDateRe.MatchString(s):
		p := isoDateRe.FindStringSubmatch(s)
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	case pdfDateRe.MatchString(s):
		p := pdfDateRe.FindStringSubmatch(s)
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	default:
		return "", false
	}
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// ParsePeriod reads a span of years — "2019–2025", "(2024-2030)", "2019 - 2025"
// — and returns it as "2019–2025" with an en dash. Spans must run forward
// and last 2 to 20 years: "2023–2024" is a parliamentary session, not a
// strategy period.
func ParsePeriod(s string) (string, bool) {
	m := periodRe.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	return period(m[1], m[2])
}

func period(from, to string) (string, bool) {
	a, b := atoi(from), atoi(to)
	if b-a < 2 || b-a > 20 {
		return "", false
	}
	return fmt.Sprintf("%d–%d", a, b), true
}

// ParseCaseNumber finds a case number — "Sak 13/2019", "Saksnr. 19/1234" — and
// returns it as "Sak 13/2019".
func ParseCaseNumber(s string) (string, bool) {
	if strings.IndexByte(s, '/') < 0 {
		return "", false // the pattern needs the slash
	}
	m := caseRe.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	return "Sak " + m[1] + "/" + m[2], true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
