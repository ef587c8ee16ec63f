package server

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"
)

// DefaultMaxInFlight is how many requests are handled at once when
// Options.MaxInFlight is zero.
const DefaultMaxInFlight = 64

var errOverloaded = &apiError{http.StatusServiceUnavailable, "overloaded",
	"the server is handling as many requests as it can; try again in a moment", nil}

// OverloadedBody is the JSON error body of a request or connection refused
// because the server is at its limit.
func OverloadedBody() string {
	b, _ := json.Marshal(ErrorBody{ErrorDetail{Code: errOverloaded.code, Message: errOverloaded.message}})
	return string(b)
}

// limitInFlight answers 503 with Retry-After when MaxInFlight requests are
// being handled already, rather than queueing without bound.
func (s *Server) limitInFlight(c *gin.Context) {
	select {
	case s.inflight <- struct{}{}:
	default:
		c.Header("Retry-After", "1")
		noStore(c)
		s.writeError(c, errOverloaded)
		return
	}
	defer func() { <-s.inflight }()
	c.Next()
}
