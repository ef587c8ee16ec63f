package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// relations answers how a document relates to the others: what it
// follows up and what follows it up, what it cites and what cites it, and
// the documents naming the same plan, each with its evidence.
func (s *Server) relations(c *gin.Context) error {
	rel, err := s.opt.Commitments.Relations(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err // names the document already
	}
	c.JSON(http.StatusOK, rel)
	return nil
}
