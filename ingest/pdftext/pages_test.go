package pdftext

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

// kids returns n references to object obj.
func kids(n int, obj string) string { return strings.Repeat(obj+" 0 R ", n) }

// TestPageTreeFanOut: a page tree wider than maxPages is refused as too
// large, whether one /Kids array is too wide (found by the scan before the
// library parses it) or the arrays add up to too many pages (found by
// pageList as it reads each array, before resolving its entries); a tree
// within the limit is read.
func TestPageTreeFanOut(t *testing.T) {
	page := "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
	content := stream("BT /F1 12 Tf 72 720 Td (Side med tekst) Tj ET")
	tests := []struct {
		name string
		pdf  []byte
		want string // "" means the file must be read
	}{
		{"one wide array", buildPDF("<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids ["+kids(maxPages+1, "5")+"] /Count 1 >>", helvetica, content, page),
			"a /Kids array of more than 20000 entries"},
		{"two arrays adding up", buildPDF("<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [5 0 R 6 0 R] /Count 2 >>", helvetica, content,
			"<< /Type /Pages /Parent 2 0 R /Kids ["+kids(maxPages*3/4, "7")+"] >>",
			"<< /Type /Pages /Parent 2 0 R /Kids ["+kids(maxPages*3/4, "7")+"] >>", page),
			"a /Kids array of 15000 entries"},
		{"within the limit", buildPDF("<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids ["+kids(50, "5")+"] /Count 50 >>", helvetica, content, page), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := Extract(context.Background(), tt.pdf)
			if tt.want == "" {
				if err != nil || ex.Pages != 50 {
					t.Fatalf("pages %d, err %v; want 50 pages", ex.Pages, err)
				}
				return
			}
			if !errors.Is(err, corpus.ErrTooLarge) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want ErrTooLarge with %q", err, tt.want)
			}
		})
	}
}

func TestWidestKids(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"/Kids [3 0 R 4 0 R]", 2},
		{"/Kids[3 0 R]/Kids\n[1 0 R 2 0 R 3 0 R]", 3},
		{"/Kids 5 0 R", 0},
		{"/Kids [" + kids(100, "3"), 11}, // unterminated: counts to limit+1
	}
	for _, tt := range tests {
		if got := widestKids([]byte(tt.in), 10); got != tt.want {
			t.Errorf("widestKids(%.30q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
