package server

import (
	_ "embed"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Health is the answer of GET /api/health.
type Health struct {
	Status        string `json:"status"`
	Documents     int    `json:"documents"`
	Sections      int    `json:"sections"`
	WritesEnabled bool   `json:"writes_enabled"`
}

// DocumentSummary is one row of GET /api/documents.
type DocumentSummary struct {
	ID           string         `json:"id"`
	Title        string         `json:"title"`
	DocType      corpus.DocType `json:"doc_type"`
	Date         string         `json:"date"`
	Organisation string         `json:"organisation"`
	Source       string         `json:"source"`
	SourceURL    string         `json:"source_url,omitempty"`
	Format       string         `json:"format"`
	Sections     int            `json:"sections"`
}

// DocumentList is the answer of GET /api/documents.
type DocumentList struct {
	Documents []DocumentSummary `json:"documents"`
}

// documentBody is a full document whose lists are always present.
type documentBody struct {
	corpus.Document
	Sections    []sectionBody       `json:"sections"`
	Commitments []corpus.Commitment `json:"commitments"`
	Tiltak      []corpus.Tiltak     `json:"tiltak"`
}

// sectionBody always carries path and page, which corpus.Section may omit.
type sectionBody struct {
	corpus.Section
	Path []string `json:"path"`
	Page int      `json:"page"`
}

func newSectionBody(s corpus.Section) sectionBody {
	return sectionBody{Section: s, Path: nonNil(s.Path), Page: s.Page}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (s *Server) health(c *gin.Context) error {
	docs, secs, err := s.opt.Reader.Stats(c.Request.Context())
	if err != nil {
		return fmt.Errorf("reading index stats: %w", err)
	}
	c.JSON(http.StatusOK, Health{Status: "ok", Documents: docs, Sections: secs, WritesEnabled: s.writesEnabled()})
	return nil
}

//go:embed openapi.json
var openAPIDoc []byte

func (s *Server) openAPI(c *gin.Context) error {
	c.Data(http.StatusOK, "application/json; charset=utf-8", openAPIDoc)
	return nil
}

// Summary is the list entry of a document; d.SectionCount must be set.
func Summary(d corpus.Document) DocumentSummary {
	return DocumentSummary{
		ID: d.ID, Title: d.Title, DocType: d.DocType, Date: d.Date, Organisation: d.Organisation,
		Source: d.Source, SourceURL: d.SourceURL, Format: d.Format, Sections: d.SectionCount,
	}
}

func (s *Server) documents(c *gin.Context) error {
	ctx := c.Request.Context()
	docs, err := s.opt.Reader.Documents(ctx)
	if err != nil {
		return fmt.Errorf("listing documents: %w", err)
	}
	out := DocumentList{Documents: make([]DocumentSummary, 0, len(docs))}
	for _, d := range docs {
		out.Documents = append(out.Documents, Summary(d))
	}
	c.JSON(http.StatusOK, out)
	return nil
}

func (s *Server) document(c *gin.Context) error {
	d, err := s.opt.Reader.Document(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err // names the document already
	}
	body := documentBody{Document: d, Sections: make([]sectionBody, len(d.Sections)),
		Commitments: nonNil(d.Commitments), Tiltak: nonNil(d.Tiltak)}
	for i, sec := range d.Sections {
		body.Sections[i] = newSectionBody(sec)
	}
	c.JSON(http.StatusOK, body)
	return nil
}

func (s *Server) section(c *gin.Context) error {
	sec, err := s.opt.Reader.Section(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err // names the section already
	}
	c.JSON(http.StatusOK, newSectionBody(sec))
	return nil
}

func (s *Server) search(c *gin.Context) error {
	req, err := searchRequest(c.Request.URL.Query())
	if err != nil {
		return err
	}
	res, err := s.opt.Reader.Search(c.Request.Context(), req)
	if err != nil {
		return fmt.Errorf("searching: %w", err)
	}
	res.Hits = nonNil(res.Hits)
	for i := range res.Hits {
		res.Hits[i].Path = nonNil(res.Hits[i].Path)
	}
	if res.Facets == nil {
		res.Facets = map[string][]corpus.Facet{}
	}
	c.JSON(http.StatusOK, res)
	return nil
}

// CommitmentList is the answer of GET /api/commitments: one page of the
// matching commitments and how many match in all.
type CommitmentList struct {
	Commitments []corpus.CommitmentView `json:"commitments"`
	Total       int                     `json:"total"`
}

// listCommitments returns the requested page of commitments and the total.
func (s *Server) listCommitments(c *gin.Context, def, max int) ([]corpus.CommitmentView, int, error) {
	q := c.Request.URL.Query()
	f, err := commitmentFilter(q)
	if err != nil {
		return nil, 0, err
	}
	pg, err := listPage(q, def, max)
	if err != nil {
		return nil, 0, err
	}
	views, err := s.opt.Commitments.Commitments(c.Request.Context(), f)
	if err != nil {
		return nil, 0, fmt.Errorf("listing commitments: %w", err)
	}
	out := slicePage(views, pg)
	for i := range out {
		out[i].Links = nonNil(out[i].Links)
	}
	return nonNil(out), len(views), nil
}

func (s *Server) commitments(c *gin.Context) error {
	views, total, err := s.listCommitments(c, DefaultListSize, MaxListSize)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, CommitmentList{Commitments: views, Total: total})
	return nil
}

func (s *Server) commitment(c *gin.Context) error {
	v, err := s.opt.Commitments.Commitment(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err // names the commitment already
	}
	v.Links = nonNil(v.Links)
	c.JSON(http.StatusOK, v)
	return nil
}

func (s *Server) tiltak(c *gin.Context) error {
	v, err := s.opt.Commitments.Tiltak(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err // names the tiltak already
	}
	v.Commitments = nonNil(v.Commitments)
	c.JSON(http.StatusOK, v)
	return nil
}
