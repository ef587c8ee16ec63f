package pdftext

import (
	"slices"
	"strings"
	"testing"
)

func TestDropGarbled(t *testing.T) {
	const (
		norsk   = "Regjeringen vil styrke samarbeidet med kommunene om digitale tjenester for innbyggere og næringsliv i hele landet"
		garbage = "3HQČåQt SURVWĜHGN\\ QD ~þWHFK ]D VOXåEX 9\\ÿNRQX SĜHGVHGQLFWYD NDQFHOiĜH PLQLVWUD SUR PtVWQt UR]YRM"
		acronym = "Digdir og NAVs eID-løsning ID-porten brukes av innbyggere i mange kommuner og etater hver dag uten problemer"
	)
	page := func(n int, text string) line { return line{text: text, page: n} }
	tests := []struct {
		name        string
		lines       []line
		wantPages   []int // pages kept
		wantDropped []int
	}{
		{"clean", []line{page(1, norsk), page(2, acronym)}, []int{1, 2}, nil},
		{"all garbled", []line{page(1, garbage), page(2, garbage)}, nil, []int{1, 2}},
		{"one garbled page among clean ones", []line{page(1, norsk), page(2, garbage), page(3, norsk), page(4, acronym)}, []int{1, 3, 4}, []int{2}},
		{"a short page is not judged alone", []line{page(1, "PDF-en iPhone-appen"), page(2, norsk), page(3, norsk)}, []int{1, 2, 3}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kept, dropped := dropGarbled(tt.lines)
			if !slices.Equal(pagesOf(kept), tt.wantPages) {
				t.Errorf("kept pages %v, want %v", pagesOf(kept), tt.wantPages)
			}
			if !slices.Equal(dropped, tt.wantDropped) {
				t.Errorf("dropped %v, want %v", dropped, tt.wantDropped)
			}
		})
	}
}

func TestDroppedWarning(t *testing.T) {
	tests := []struct {
		pages []int
		want  string
	}{
		{[]int{4}, "page 4 dropped"},
		{[]int{2, 5, 9}, "pages 2, 5 and 9 dropped"},
		{[]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, "11 pages dropped (first 1, 2 and 3)"},
	}
	for _, tt := range tests {
		if got := droppedWarning(tt.pages); !strings.HasPrefix(got, tt.want) {
			t.Errorf("droppedWarning(%v) = %q, want prefix %q", tt.pages, got, tt.want)
		}
	}
}
