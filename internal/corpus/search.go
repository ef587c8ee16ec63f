package corpus

// SearchRequest is a parsed-free search as an API client or the CLI sends it.
// Query holds the user's query string in strategispor's syntax (see the README);
// the filter fields are ANDed with any filters written in the query itself.
type SearchRequest struct {
	Query        string
	Types        []DocType
	Statuses     []Status // sections holding a tiltak with one of these statuses
	Organisation string
	Year         int
	FromDate     string // "2019-01-01", inclusive
	ToDate       string // inclusive
	DocumentID   string
	Size         int // hits per page; 0 means the default (10); capped at MaxSearchSize
	From         int // offset for pagination
	// NoSnippets skips snippet building (for callers that only need ids).
	NoSnippets bool
	// NoFacets skips facet counting.
	NoFacets bool
	// NoCorrect searches the query as typed even when a word of it is
	// unknown; the correction is still offered as Suggestion.
	NoCorrect bool
}

// MaxSearchSize caps SearchRequest.Size.
const MaxSearchSize = 100

// SearchResult is one page of ranked hits with facet counts.
type SearchResult struct {
	Total      uint64             `json:"total"`
	TookMS     float64            `json:"took_ms"`
	Hits       []Hit              `json:"hits"`
	Facets     map[string][]Facet `json:"facets"`
	Suggestion string             `json:"suggestion,omitempty"` // "Mente du …": the query with unknown words corrected
	// Fuzzy is true when the hits come from the typo-tolerant retry.
	Fuzzy bool `json:"fuzzy,omitempty"`
	// ShowingFor is the corrected query whose hits these are, when a word of
	// the query as typed is neither a Norwegian word nor in the index
	// ("Viser treff for …"); empty when the hits are for the query as typed.
	ShowingFor string `json:"showing_for,omitempty"`
}

// Hit is one matching section.
type Hit struct {
	SectionID     string   `json:"section_id"`
	DocumentID    string   `json:"document_id"`
	DocumentTitle string   `json:"document_title"`
	DocType       DocType  `json:"doc_type"`
	Organisation  string   `json:"organisation,omitempty"`
	Date          string   `json:"date,omitempty"`
	Heading       string   `json:"heading"`
	Path          []string `json:"path"`
	Page          int      `json:"page,omitempty"`
	Snippet       string   `json:"snippet"` // HTML-escaped, matches wrapped in <mark>
	Score         float64  `json:"score"`
}

// Facet is one value of a facet with its count.
type Facet struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}
