package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/strategispor/strategispor/internal/corpus"
)

// ErrorBody is the JSON shape of every error answer.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail says what went wrong; Code is stable, Message is for people.
type ErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// apiError is an error the server raises itself with a fixed status and code.
type apiError struct {
	status  int
	code    string
	message string
	kind    error // optional corpus kind it stands for
}

func (e *apiError) Error() string { return e.message }
func (e *apiError) Unwrap() error { return e.kind }

var (
	errMethodNotAllowed = &apiError{http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed for this path", nil}
	errNoRoute          = &apiError{http.StatusNotFound, "not_found", "no such API endpoint", corpus.ErrNotFound}
)

// invalid is a 400 with an explanation of the bad parameter.
func invalid(message string) error {
	return &apiError{http.StatusBadRequest, "invalid_request", message, corpus.ErrInvalid}
}

// kinds maps corpus error kinds to status and code; the first match wins.
var kinds = []struct {
	kind   error
	status int
	code   string
}{
	{corpus.ErrNotFound, http.StatusNotFound, "not_found"},
	{corpus.ErrInvalid, http.StatusBadRequest, "invalid_request"},
	{corpus.ErrUnsupported, http.StatusUnsupportedMediaType, "unsupported_media_type"},
	{corpus.ErrEncrypted, http.StatusUnprocessableEntity, "encrypted"},
	{corpus.ErrUnreadable, http.StatusUnprocessableEntity, "unreadable"},
	{corpus.ErrTimeout, http.StatusUnprocessableEntity, "extraction_timeout"},
	{corpus.ErrTooLarge, http.StatusRequestEntityTooLarge, "too_large"},
	{corpus.ErrUnauthorized, http.StatusUnauthorized, "unauthorized"},
	{corpus.ErrWritesDisabled, http.StatusForbidden, "writes_disabled"},
	{corpus.ErrLocked, http.StatusServiceUnavailable, "locked"},
	{corpus.ErrNoSpace, http.StatusInsufficientStorage, "insufficient_storage"},
	{context.DeadlineExceeded, http.StatusServiceUnavailable, "timeout"},
}

// KindOf is statusOf read backwards, for clients: the error kind an error
// code stands for, from the same table; nil for a code of no kind
// ("internal", "method_not_allowed", or one this version does not know).
func KindOf(code string) error {
	for _, k := range kinds {
		if k.code == code {
			return k.kind
		}
	}
	return nil
}

// statusOf is the one place that turns an error into a status, a code and a
// message safe to show. Server errors get a generic message; their details
// are logged instead.
func statusOf(err error) (status int, code, message string) {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.status, ae.code, ae.message
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge, "too_large", "request body too large"
	}
	for _, k := range kinds {
		if errors.Is(err, k.kind) {
			if k.status >= 500 {
				return k.status, k.code, k.kind.Error()
			}
			return k.status, k.code, err.Error()
		}
	}
	return http.StatusInternalServerError, "internal", "internal server error"
}

// handle adapts a handler that returns an error to Gin and writes the error
// answer. It also serves as middleware: a nil error lets the chain go on.
func (s *Server) handle(h func(*gin.Context) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			s.writeError(c, err)
		}
	}
}

func (s *Server) writeError(c *gin.Context, err error) {
	status, code, msg := statusOf(err)
	if status >= 500 {
		s.log.ErrorContext(c.Request.Context(), "request failed", "method", c.Request.Method,
			"path", c.Request.URL.Path, "status", status, "err", err)
	}
	if status == http.StatusUnauthorized {
		c.Header("WWW-Authenticate", `Bearer realm="strategispor"`)
	}
	_ = c.Error(err)
	c.AbortWithStatusJSON(status, ErrorBody{ErrorDetail{Code: code, Message: msg}})
}
