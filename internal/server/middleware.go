package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/strategispor/strategispor/internal/corpus"
)

// contentSecurityPolicy allows only the UI's own files: no inline scripts or
// styles, no framing, no plugins.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders goes on every answer, API and UI alike.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
}

// noStore keeps API answers out of shared caches; the corpus changes on ingest.
func noStore(c *gin.Context) { c.Header("Cache-Control", "no-store") }

// requestLog logs one line per request; query strings are left out because
// they can hold search terms people would not want in logs.
func (s *Server) requestLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	level := slogLevel(c.Writer.Status())
	s.log.Log(c.Request.Context(), level, "request",
		"method", c.Request.Method, "path", c.Request.URL.Path, "status", c.Writer.Status(),
		"bytes", c.Writer.Size(), "ms", time.Since(start).Milliseconds(), "client", c.ClientIP())
}

// recoverer turns a panic in a handler into a 500 instead of a dropped connection.
func (s *Server) recoverer(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			if r == http.ErrAbortHandler {
				panic(r)
			}
			s.writeError(c, fmt.Errorf("panic serving %s: %v", c.Request.URL.Path, r))
		}
	}()
	c.Next()
}

// limitBody caps how much of a request body handlers can read.
func (s *Server) limitBody(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > n {
			s.writeError(c, fmt.Errorf("request body of %d bytes is over the limit of %d: %w", c.Request.ContentLength, n, corpus.ErrTooLarge))
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
	}
}

// timeout gives each request a deadline; index and ingest calls honour it.
func (s *Server) timeout(d time.Duration) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), d)
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
		c.Next()
	}
}

// authorize admits a write only with the configured bearer token. Tokens are
// compared as hashes in constant time so neither content nor length leaks.
func (s *Server) authorize(c *gin.Context) error {
	if !s.writesEnabled() {
		return fmt.Errorf("this server has no write token configured (set STRATEGISPOR_TOKEN or --token-file): %w", corpus.ErrWritesDisabled)
	}
	auth := c.GetHeader("Authorization")
	scheme, token, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return fmt.Errorf("missing bearer token: %w", corpus.ErrUnauthorized)
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	want := sha256.Sum256([]byte(s.opt.Token))
	if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
		return fmt.Errorf("wrong bearer token: %w", corpus.ErrUnauthorized)
	}
	return nil
}

// noRoute answers JSON 404 under /api and hands everything else to the UI.
func (s *Server) noRoute(c *gin.Context) {
	p := c.Request.URL.Path
	if p == "/api" || strings.HasPrefix(p, "/api/") || s.opt.UI == nil {
		noStore(c)
		s.writeError(c, errNoRoute)
		return
	}
	if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
		c.Header("Allow", "GET, HEAD")
		s.writeError(c, errMethodNotAllowed)
		return
	}
	// Gin has already set 404; the UI decides the real status.
	c.Status(http.StatusOK)
	s.opt.UI.ServeHTTP(c.Writer, c.Request)
}

func slogLevel(status int) slog.Level {
	switch {
	case status >= 500:
		return slog.LevelError
	case status >= 400:
		return slog.LevelWarn
	default:
		return slog.LevelInfo
	}
}
