package findings

import (
	"slices"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

func TestOneCommitmentOneEntry(t *testing.T) {
	tests := []struct {
		name        string
		text        string
		want        []string // the commitments' texts
		occurrences []int    // occurrences of each
	}{
		{
			name:        "a prose sentence and its bullet",
			text:        "Regjeringen vil derfor sørge for en helhetlig og langsiktig prioritering av digitaliseringstiltak i offentlig sektor. Det gir retning.\n\nRegjeringen vil:\n• sørge for en helhetlig og langsiktig prioritering av digitaliseringstiltak i offentlig sektor\n• styrke samarbeidet med KS",
			want:        []string{"sørge for en helhetlig og langsiktig prioritering av digitaliseringstiltak i offentlig sektor", "styrke samarbeidet med KS"},
			occurrences: []int{1, 0},
		},
		{
			name:        "a sentence that says more is its own commitment",
			text:        "Regjeringen vil styrke samarbeidet med KS om digitale fellesløsninger for kommunene og fylkeskommunene i hele landet.\n\nRegjeringen vil:\n• styrke samarbeidet med KS\n• etablere et nasjonalt program",
			want:        []string{"Regjeringen vil styrke samarbeidet med KS om digitale fellesløsninger for kommunene og fylkeskommunene i hele landet.", "styrke samarbeidet med KS", "etablere et nasjonalt program"},
			occurrences: []int{0, 0, 0},
		},
		{
			name:        "the same bullet in two lists",
			text:        "Regjeringen vil:\n• etablere et nasjonalt program for datadeling\n• styrke KS\n\nKapittel 2\n\nRegjeringen vil:\n• etablere et nasjonalt program for datadeling",
			want:        []string{"etablere et nasjonalt program for datadeling", "styrke KS"},
			occurrences: []int{1, 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc(corpus.TypeStrategi, "Digitaliserings- og forvaltningsdepartementet", corpus.Section{Heading: "Styring", Text: tt.text})
			Find(&d)
			var got []string
			var occ []int
			for _, c := range d.Commitments {
				got = append(got, c.Text)
				occ = append(occ, len(c.Occurrences))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("commitments = %q, want %q", got, tt.want)
			}
			if !slices.Equal(occ, tt.occurrences) {
				t.Errorf("occurrences = %v, want %v", occ, tt.occurrences)
			}
		})
	}
}
