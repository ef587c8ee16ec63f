// Package corpus holds strategispor's domain types: documents split into
// sections, the commitments and tiltak found in them, the links between those,
// and the error kinds shared by every layer. It imports only the standard
// library and golang.org/x/text (Unicode normalization for ids), so that
// ingest, index and server can all depend on it.
package corpus

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// DocType is the kind of document, detected from content or set by the operator.
type DocType string

// The document types strategispor knows.
const (
	TypeStrategi      DocType = "strategi"
	TypeHandlingsplan DocType = "handlingsplan"
	TypeStatusrapport DocType = "statusrapport"
	TypeSaksframlegg  DocType = "saksframlegg"
	// TypeStortingsmelding is a white paper to the Storting (St.meld., Meld. St.).
	TypeStortingsmelding DocType = "stortingsmelding"
	TypeRapport          DocType = "rapport"
	TypeArtikkel         DocType = "artikkel"
	TypeHoring           DocType = "høring"
	TypeLov              DocType = "lov"
	TypeAnnet            DocType = "annet"
)

// DocTypes lists every valid DocType in display order.
var DocTypes = []DocType{
	TypeStrategi, TypeStortingsmelding, TypeHandlingsplan, TypeStatusrapport, TypeSaksframlegg,
	TypeRapport, TypeArtikkel, TypeHoring, TypeLov, TypeAnnet,
}

// Valid reports whether t is one of DocTypes.
func (t DocType) Valid() bool {
	for _, v := range DocTypes {
		if v == t {
			return true
		}
	}
	return false
}

// Document is one ingested file with its structure and findings.
type Document struct {
	ID           string  `json:"id"`
	Title        string  `json:"title"`
	DocType      DocType `json:"doc_type"`
	Date         string  `json:"date,omitempty"` // ISO 8601 date, "2019-06-13"
	Organisation string  `json:"organisation,omitempty"`
	Period       string  `json:"period,omitempty"`      // "2019–2025"
	CaseNumber   string  `json:"case_number,omitempty"` // "Sak 13/2019"
	Language     string  `json:"language,omitempty"`    // "nb" or "nn"
	// Status is the document's own state as it states it ("På høring"):
	// metadata of the document, never the status of a tiltak.
	Status string `json:"status,omitempty"`

	// Provenance says where each metadata value came from, keyed by field name
	// ("title", "date", "doc_type", …), e.g. "text: Møtedato: 13.6.2019" or "pdf: /CreationDate".
	Provenance map[string]string `json:"provenance,omitempty"`

	Source string `json:"source"` // file name or path as given by the operator
	// SourceURL is where the original is published, when the operator gave
	// it (ingest --source-url, the upload's source_url, a folder's .sources).
	SourceURL   string    `json:"source_url,omitempty"`
	Format      string    `json:"format"`       // txt, md, html, pdf, docx
	ContentHash string    `json:"content_hash"` // sha256 of the file bytes, hex
	Bytes       int64     `json:"bytes"`
	Pages       int       `json:"pages,omitempty"`
	IngestedAt  time.Time `json:"ingested_at"`
	Warnings    []string  `json:"warnings,omitempty"`

	// SectionCount is filled by readers that list documents without their
	// sections; it is derived, so it is neither stored nor sent.
	SectionCount int `json:"-"`

	Sections    []Section    `json:"sections,omitempty"`
	Commitments []Commitment `json:"commitments,omitempty"`
	Tiltak      []Tiltak     `json:"tiltak,omitempty"`
}

// Section is a heading with the text under it, the unit search returns.
type Section struct {
	ID         string   `json:"id"` // stable across re-ingest of the same content
	DocumentID string   `json:"document_id"`
	Ordinal    int      `json:"ordinal"` // position in the document, from 0
	Heading    string   `json:"heading"`
	Path       []string `json:"path"`  // parent headings, outermost first, not including Heading
	Level      int      `json:"level"` // 1 for top-level headings; 0 for text before any heading
	Text       string   `json:"text"`  // body paragraphs separated by "\n\n"; list items are included as lines
	ListItems  []string `json:"list_items,omitempty"`
	// References holds footnote and endnote texts ("[i] Digitaliserings- og …") that belong to the section.
	References []string `json:"references,omitempty"`
	Page       int      `json:"page,omitempty"` // 1-based first page, PDF only
}

// CommitmentKind tells how a commitment was expressed.
type CommitmentKind string

// Commitment kinds.
const (
	KindBullet CommitmentKind = "bullet" // an item under a "Regjeringen vil" list
	KindProse  CommitmentKind = "prose"  // a committing sentence in running text
)

// Commitment is something the government (or the document's author) says it will do.
type Commitment struct {
	ID         string         `json:"id"`
	Text       string         `json:"text"`
	Kind       CommitmentKind `json:"kind"`
	DocumentID string         `json:"document_id"`
	SectionID  string         `json:"section_id"`
	Context    Context        `json:"context"`
	// Occurrences are the other places in the document that say the same
	// thing (the prose sentence beside its bullet); the commitment itself
	// is the first of its places, or its bullet.
	Occurrences []Occurrence `json:"occurrences,omitempty"`
}

// Occurrence is one more place where a document states a commitment.
type Occurrence struct {
	SectionID string         `json:"section_id"`
	Kind      CommitmentKind `json:"kind"`
	Text      string         `json:"text"`
	Path      []string       `json:"path"`
}

// Context places a commitment in its document.
type Context struct {
	Path   []string `json:"path"`              // chapter heading path
	LeadIn string   `json:"lead_in,omitempty"` // "Regjeringen vil", or the sentence before a list
}

// Status is a tiltak's normalized progress.
type Status string

// Normalized statuses.
const (
	StatusPaPlan              Status = "på plan"
	StatusMindreForsinkelser  Status = "mindre forsinkelser"
	StatusStoreForsinkelser   Status = "store forsinkelser"
	StatusForsinket           Status = "forsinket"
	StatusIkkeStartet         Status = "ikke startet"
	StatusFerdig              Status = "ferdig"
	StatusAvsluttet           Status = "avsluttet"
	StatusIngenPagaendeTiltak Status = "ingen pågående tiltak"
	StatusUkjent              Status = "ukjent"
)

// Statuses lists every Status in display order.
var Statuses = []Status{
	StatusPaPlan, StatusMindreForsinkelser, StatusStoreForsinkelser, StatusForsinket,
	StatusIkkeStartet, StatusFerdig, StatusAvsluttet, StatusIngenPagaendeTiltak, StatusUkjent,
}

// MaxSourceURL is the longest source URL accepted.
const MaxSourceURL = 2048

// CheckSourceURL accepts an absolute http or https URL with a host, of at
// most MaxSourceURL bytes; the error wraps ErrInvalid and says what is wrong.
func CheckSourceURL(s string) error {
	if len(s) > MaxSourceURL {
		return fmt.Errorf("source URL is longer than %d bytes: %w", MaxSourceURL, ErrInvalid)
	}
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || r == ' ' }) >= 0 {
		return fmt.Errorf("source URL %q holds spaces or control characters: %w", s, ErrInvalid)
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("source URL %q is not an http(s) address like https://www.regjeringen.no/…: %w", s, ErrInvalid)
	}
	return nil
}

// ParseStatus reads a status as a person types it: any case, "-" or "_"
// for spaces, "a" for "å" ("ikke-startet", "pa plan").
func ParseStatus(s string) (Status, bool) {
	fold := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		s = strings.NewReplacer("-", " ", "_", " ", "å", "a").Replace(s)
		return strings.Join(strings.Fields(s), " ")
	}
	want := fold(s)
	for _, st := range Statuses {
		if fold(string(st)) == want {
			return st, true
		}
	}
	return "", false
}

// StatusList names every status for messages: "på plan", "forsinket", ….
func StatusList() string {
	parts := make([]string, len(Statuses))
	for i, st := range Statuses {
		parts[i] = `"` + string(st) + `"`
	}
	return strings.Join(parts, ", ")
}

// TiltakKind tells how a tiltak was found.
type TiltakKind string

// Tiltak kinds.
const (
	TiltakNumbered       TiltakKind = "numbered"       // "Tiltak 7.1 Utarbeide …"
	TiltakReference      TiltakKind = "reference"      // "Tiltak 5 i nasjonal strategi for digital sikkerhet"
	TiltakListItem       TiltakKind = "list_item"      // numbered item in a list introduced as measures
	TiltakInnsatsomraade TiltakKind = "innsatsomraade" // an innsatsområde with a Status: line
)

// Tiltak is a measure that follows up a strategy.
type Tiltak struct {
	ID         string     `json:"id"`
	Ref        string     `json:"ref,omitempty"` // "7.1", "4.4", "5"
	Kind       TiltakKind `json:"kind"`
	Text       string     `json:"text"`
	Status     Status     `json:"status"`
	StatusText string     `json:"status_text,omitempty"` // the words in the document
	Evidence   string     `json:"evidence,omitempty"`    // the sentence the status was read from
	// RefersTo names the other strategy a reference-kind tiltak belongs to.
	RefersTo   string `json:"refers_to,omitempty"`
	DocumentID string `json:"document_id"`
	SectionID  string `json:"section_id"`
}

// TargetType is what a link points at.
type TargetType string

// Link targets.
const (
	TargetTiltak  TargetType = "tiltak"
	TargetSection TargetType = "section"
)

// Link connects a commitment to a tiltak or section that follows it up.
type Link struct {
	CommitmentID  string     `json:"commitment_id"`
	TargetType    TargetType `json:"target_type"`
	TargetID      string     `json:"target_id"`
	DocumentID    string     `json:"document_id"`
	DocumentTitle string     `json:"document_title"`
	TargetText    string     `json:"target_text"`
	// TargetRef is the tiltak's number ("7.1") or the innsatsområde it names, for tiltak targets.
	TargetRef string `json:"target_ref,omitempty"`
	// TargetKind is the tiltak's kind (numbered, innsatsomraade, …), for tiltak targets.
	TargetKind TiltakKind `json:"target_kind,omitempty"`
	// SectionID is the section the target stands in (the target itself for section links).
	SectionID  string `json:"section_id,omitempty"`
	Status     Status `json:"status,omitempty"`
	StatusText string `json:"status_text,omitempty"` // the status in the document's words
	Evidence   string `json:"evidence,omitempty"`    // the sentence the status was read from
	// StatusDate is the date of the document the status was read from (its
	// status report), when that document has one.
	StatusDate string  `json:"status_date,omitempty"`
	Score      float64 `json:"score"` // in [0,1]
	// Verdict is an adviser's judgement of the link, when one was given:
	// "confirmed" (shown as "bekreftet av rådgiver"). Rejected links are
	// not shown at all.
	Verdict VerdictKind `json:"verdict,omitempty"`
	Reasons []Reason    `json:"reasons"`
}

// Reason is one piece of evidence behind a link.
type Reason struct {
	Kind   string  `json:"kind"`   // "shared_terms", "explicit_reference", "shared_heading", "date_order", …
	Detail string  `json:"detail"` // human-readable, Norwegian where shown to advisers
	Weight float64 `json:"weight"` // contribution to the score
	// Terms lists the shared stems or compound parts with their weights, for shared_terms.
	Terms []TermWeight `json:"terms,omitempty"`
}

// TermWeight is a shared term and how much it counted.
type TermWeight struct {
	Term   string  `json:"term"`
	Weight float64 `json:"weight"`
}
