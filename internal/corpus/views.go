package corpus

import "time"

// CommitmentFilter selects commitments for listing.
type CommitmentFilter struct {
	Query      string // words that must occur in the commitment text (analysed, Norwegian-aware)
	DocumentID string
	Kind       CommitmentKind
	Unlinked   bool   // only commitments with no asserted link
	Status     Status // only commitments whose best linked tiltak has this status
}

// CommitmentView is a commitment with its asserted links, best first.
type CommitmentView struct {
	Commitment
	DocumentTitle string `json:"document_title"`
	Links         []Link `json:"links"`
	// BestStatus is the status of the best-scoring linked tiltak, empty when none.
	BestStatus Status `json:"best_status,omitempty"`
	// FollowUpStatus is the status to show for the commitment: the worst
	// known status among its linked tiltak, so that a badge is never better
	// than what a linked tiltak reports. Empty when no linked tiltak has one.
	FollowUpStatus Status `json:"follow_up_status,omitempty"`
	// StatusCounts counts the linked tiltak by status (unknown ones too).
	StatusCounts map[Status]int `json:"status_counts,omitempty"`
	// StatusSummary says how the linked tiltak stand when there are several
	// ("2 tiltak: 1 forsinket, 1 mindre forsinkelser").
	StatusSummary string `json:"status_summary,omitempty"`
}

// TiltakFilter selects tiltak for listing.
type TiltakFilter struct {
	DocumentID string
	Status     Status
	Query      string
}

// TiltakView is a tiltak with the commitments it follows up (reverse links).
type TiltakView struct {
	Tiltak
	DocumentTitle string `json:"document_title"`
	// DocumentDate is the date of the tiltak's document, when known.
	DocumentDate string `json:"document_date,omitempty"`
	// StatusDate is the date the status holds for: the date of the document
	// it was read from. Empty when the status is unknown or the document has
	// no date.
	StatusDate string `json:"status_date,omitempty"`
	// Innsatsomraade is the innsatsområde (or chapter) the tiltak belongs to:
	// the area itself for an innsatsområde, else the heading above the tiltak.
	Innsatsomraade string `json:"innsatsomraade,omitempty"`
	// SourceURL is where the tiltak's document is published, when known.
	SourceURL   string             `json:"source_url,omitempty"`
	Commitments []LinkedCommitment `json:"commitments"`
}

// LinkedCommitment is a commitment seen from a tiltak or section it links to.
type LinkedCommitment struct {
	Commitment
	DocumentTitle string   `json:"document_title"`
	Score         float64  `json:"score"`
	Reasons       []Reason `json:"reasons"`
}

// DocumentRelations are how one document relates to the others: the
// documents it follows up and that follow it up (a status report of a
// strategy's plan), those it names by title and that name it, and those
// that name the same plan. Only related documents can hold a link.
type DocumentRelations struct {
	FollowsUp    []DocumentRelation `json:"follows_up"`
	FollowedUpBy []DocumentRelation `json:"followed_up_by"`
	Cites        []DocumentRelation `json:"cites"`
	CitedBy      []DocumentRelation `json:"cited_by"`
	SamePlan     []DocumentRelation `json:"same_plan"`
	// Copies are the same text in other files or formats; only one copy of
	// a text is a link target.
	Copies []DocumentRelation `json:"copies"`
}

// DocumentRelation is a related document, the kind of relation and what it
// was read from.
type DocumentRelation struct {
	DocumentID    string  `json:"document_id"`
	DocumentTitle string  `json:"document_title"`
	DocType       DocType `json:"doc_type"`
	Date          string  `json:"date,omitempty"`
	// Kind is follows_up, followed_up_by, cites, cited_by, same_plan or copy.
	Kind string `json:"kind"`
	// Plans are the plan names both documents use ("digitaliseringsstrategi").
	Plans []string `json:"plans,omitempty"`
	// Evidence is the sentence or note the relation was read from.
	Evidence string `json:"evidence"`
}

// VerdictKind is an adviser's judgement of a link.
type VerdictKind string

// Verdict kinds.
const (
	VerdictConfirmed VerdictKind = "confirmed" // the target follows the commitment up
	VerdictRejected  VerdictKind = "rejected"  // it does not; the link is never shown again
)

// Valid reports whether k is a known verdict.
func (k VerdictKind) Valid() bool { return k == VerdictConfirmed || k == VerdictRejected }

// Verdict is an adviser's judgement that a target (a tiltak or a section)
// does or does not follow a commitment up. Verdicts outlive recomputation,
// restarts and re-ingest of the same documents, whose ids stay the same.
type Verdict struct {
	CommitmentID string      `json:"commitment_id"`
	TargetID     string      `json:"target_id"`
	Verdict      VerdictKind `json:"verdict"`
	At           time.Time   `json:"at"`
}
