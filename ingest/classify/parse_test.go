package classify

import "testing"

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"13.6.2019", "2019-06-13", true},
		{"13.06.2019", "2019-06-13", true},
		{"1. 11. 2023", "2023-11-01", true},
		{"27.5.19", "2019-05-27", true},
		{"13. juni 2019", "2019-06-13", true},
		{"13 juni 2019", "2019-06-13", true},
		{"3. Desember 2024", "2024-12-03", true},
		{"13. jun. 2019", "2019-06-13", true},
		{"2019-06-13", "2019-06-13", true},
		{"2026-07-03T10:00:00+02:00", "2026-07-03", true},
		{"D:20190613120000+02'00'", "2019-06-13", true},
		{"20190613", "2019-06-13", true},
		{"31.2.2019", "", false},
		{"13.13.2019", "", false},
		{"13. smarch 2019", "", false},
		{"0.1.2019", "", false},
		{"2019", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseDate(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ParseDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"en dash", "Én digital offentlig sektor 2019–2025", "2019–2025", true},
		{"hyphen in parentheses", "(2019-2025)", "2019–2025", true},
		{"spaced", "2024 - 2030", "2024–2030", true},
		{"em dash", "2024—2030", "2024–2030", true},
		{"session is no period", "Meld. St. 9 (2023–2024)", "", false},
		{"backwards", "2025–2019", "", false},
		{"too long", "1990–2030", "", false},
		{"not years", "1-3 lysbilder", "", false},
		{"part of a number", "12019-2025", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParsePeriod(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ParsePeriod(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParseCaseNumber(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"saksframlegg line", "Sak 13/2019 Regjeringens digitaliseringsstrategi", "Sak 13/2019", true},
		{"lower case", "jf. sak 4/2020", "Sak 4/2020", true},
		{"two-digit year", "Sak 13/19", "Sak 13/19", true},
		{"saksnr", "Saksnr.: 19/1234", "Sak 19/1234", true},
		{"saksnummer", "Saksnummer 2021/77", "Sak 2021/77", true},
		{"hyphen is an attachment name", "Sak 13-19 Vedlegg", "", false},
		{"word inside another", "Forsak 13/2019", "", false},
		{"none", "Møtedato: 13.6.2019", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseCaseNumber(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ParseCaseNumber(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}
