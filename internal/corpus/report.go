package corpus

// FileOutcome says what happened to one file in an ingest batch.
type FileOutcome string

// File outcomes.
const (
	OutcomeIngested  FileOutcome = "ingested"  // new or changed, now in the index
	OutcomeUnchanged FileOutcome = "unchanged" // same content as the indexed version
	OutcomeSkipped   FileOutcome = "skipped"   // not a supported file type
	OutcomeFailed    FileOutcome = "failed"    // could not be read; Reason says why
	OutcomeDryRun    FileOutcome = "extracted" // --dry-run: extracted, not written
)

// FileResult is the report line for one file.
type FileResult struct {
	Path       string      `json:"path"`
	Outcome    FileOutcome `json:"outcome"`
	Reason     string      `json:"reason,omitempty"`
	DocumentID string      `json:"document_id,omitempty"`
	Title      string      `json:"title,omitempty"`
	DocType    DocType     `json:"doc_type,omitempty"`
	Sections   int         `json:"sections,omitempty"`
	Warnings   []string    `json:"warnings,omitempty"`
	Millis     int64       `json:"ms"`
	// Document is what a dry run would write (metadata, sections,
	// commitments, tiltak), when the caller asked to keep it.
	Document *Document `json:"document,omitempty"`
}

// IngestReport summarises a batch.
type IngestReport struct {
	Files     int          `json:"files"`
	Documents int          `json:"documents"` // ingested or unchanged
	Sections  int          `json:"sections"`  // in the documents ingested by this batch
	Ingested  int          `json:"ingested"`
	Unchanged int          `json:"unchanged"`
	Skipped   int          `json:"skipped"`
	Failed    int          `json:"failed"`
	Seconds   float64      `json:"seconds"`
	Results   []FileResult `json:"results"`
}

// Add counts r into the report.
func (rep *IngestReport) Add(r FileResult) {
	rep.Files++
	switch r.Outcome {
	case OutcomeIngested, OutcomeDryRun:
		rep.Ingested++
		rep.Documents++
		rep.Sections += r.Sections
	case OutcomeUnchanged:
		rep.Unchanged++
		rep.Documents++
	case OutcomeSkipped:
		rep.Skipped++
	case OutcomeFailed:
		rep.Failed++
	}
	rep.Results = append(rep.Results, r)
}
