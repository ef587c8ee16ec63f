package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Verdicts records advisers' verdicts on links. *link.Service satisfies it.
type Verdicts interface {
	SetVerdict(ctx context.Context, commitmentID, targetID string, kind corpus.VerdictKind) (corpus.CommitmentView, error)
	DeleteVerdict(ctx context.Context, commitmentID, targetID string) (corpus.CommitmentView, error)
}

// VerdictRequest is the body of POST /api/commitments/{id}/verdicts.
type VerdictRequest struct {
	TargetID string             `json:"target_id"`
	Verdict  corpus.VerdictKind `json:"verdict"`
}

// setVerdict confirms or rejects the link from a commitment to a target, or
// adds a missing one by confirming it, and answers the commitment as it now
// stands.
func (s *Server) setVerdict(c *gin.Context) error {
	if s.opt.Verdicts == nil {
		return fmt.Errorf("this server keeps no verdicts: %w", corpus.ErrWritesDisabled)
	}
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "application/json" {
		return fmt.Errorf("a verdict is sent as application/json: %w", corpus.ErrUnsupported)
	}
	var req VerdictRequest
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		if errors.Is(err, io.EOF) {
			return invalid(`the body is empty; send {"target_id": "…", "verdict": "confirmed" or "rejected"}`)
		}
		return invalid("reading the verdict: " + err.Error())
	}
	if req.TargetID == "" {
		return invalid(`target_id is missing`)
	}
	v, err := s.opt.Verdicts.SetVerdict(c.Request.Context(), c.Param("id"), req.TargetID, req.Verdict)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, v)
	return nil
}

// deleteVerdict takes a verdict back.
func (s *Server) deleteVerdict(c *gin.Context) error {
	if s.opt.Verdicts == nil {
		return fmt.Errorf("this server keeps no verdicts: %w", corpus.ErrWritesDisabled)
	}
	v, err := s.opt.Verdicts.DeleteVerdict(c.Request.Context(), c.Param("id"), c.Param("target_id"))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, v)
	return nil
}
