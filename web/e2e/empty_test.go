package e2e

import (
	"os"
	"strings"
	"testing"
)

// TestEmptyCollection: a server started without seeds says on every page
// how to add documents (the upload form and the command that works while it
// runs), and no page blames filters or spelling that are not there.
func TestEmptyCollection(t *testing.T) {
	if os.Getenv("STRATEGISPOR_E2E_URL") != "" {
		t.Skip("needs a server of its own with an empty collection")
	}
	e := setup(t, "--no-seeds")
	for _, p := range []struct{ path, name, title string }{
		{"/", "20-tom-start", "Søk"},
		{"/dokumenter", "21-tom-dokumenter", "Dokumenter"},
		{"/forpliktelser", "22-tom-forpliktelser", "Forpliktelser"},
		{"/tiltak", "23-tom-tiltak", "Tiltak"},
		{"/?q=digitalisering", "24-tom-sok", "Søk"},
	} {
		t.Run(p.path, func(t *testing.T) {
			e.visit(t, p.path)
			e.waitFor(t, "the guide", `!!document.querySelector('main .empty-guide')`)
			guide := eval[string](t, e, `document.querySelector('main .empty-guide').textContent`)
			mustContain(t, "guide", guide, "strategispor ingest --server auto MAPPE")
			if !eval[bool](t, e, `!!document.querySelector('main .empty-guide a[href="/last-opp"]')`) {
				t.Error("no link to the upload form")
			}
			main := eval[string](t, e, `document.querySelector('main').textContent`)
			for _, wrong := range []string{"Endre filtrene", "passer filtrene", "Sjekk skrivemåten"} {
				if strings.Contains(main, wrong) {
					t.Errorf("the empty page says %q", wrong)
				}
			}
			if n := eval[int](t, e, `document.querySelectorAll('main .empty-guide').length`); n != 1 {
				t.Errorf("%d guides on the page", n)
			}
			e.checkPage(t, p.name, p.title)
		})
	}
}
