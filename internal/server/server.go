// Package server is strategispor's HTTP interface: the JSON API under /api,
// its OpenAPI description, and the embedded web UI for every other path.
//
// The server depends only on the small interfaces declared here; the command
// wires the concrete index, link service and ingester into them.
package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Reader answers the read-only questions about the indexed corpus.
type Reader interface {
	Stats(ctx context.Context) (documents, sections int, err error)
	Documents(ctx context.Context) ([]corpus.Document, error) // metadata and SectionCount, no sections
	Document(ctx context.Context, id string) (corpus.Document, error)
	Section(ctx context.Context, id string) (corpus.Section, error)
	Search(ctx context.Context, req corpus.SearchRequest) (corpus.SearchResult, error)
}

// Commitments lists commitments and tiltak with the links between them.
type Commitments interface {
	Commitments(ctx context.Context, f corpus.CommitmentFilter) ([]corpus.CommitmentView, error)
	Commitment(ctx context.Context, id string) (corpus.CommitmentView, error)
	TiltakList(ctx context.Context, f corpus.TiltakFilter) ([]corpus.TiltakView, error)
	Tiltak(ctx context.Context, id string) (corpus.TiltakView, error)
	Relations(ctx context.Context, docID string) (corpus.DocumentRelations, error)
}

// Ingester adds and removes documents. IngestFile returns OutcomeIngested or
// OutcomeUnchanged, or an error wrapping a corpus error kind; sourceURL,
// when set, is where the original is published.
type Ingester interface {
	IngestFile(ctx context.Context, name, sourceKey, sourceURL string, typ corpus.DocType, data []byte) (corpus.FileResult, error)
	Delete(ctx context.Context, id string) error
}

// Exporter writes the commitment and tiltak lists as files for a
// spreadsheet: CSV (with semicolons and Norwegian headers when asked, as
// Norwegian Excel expects) and .xlsx workbooks.
type Exporter interface {
	CommitmentsCSV(w io.Writer, views []corpus.CommitmentView, semicolon bool) error
	TiltakCSV(w io.Writer, views []corpus.TiltakView, semicolon bool) error
	CommitmentsXLSX(w io.Writer, views []corpus.CommitmentView) error
	TiltakXLSX(w io.Writer, views []corpus.TiltakView) error
}

// Defaults for Options fields left zero.
const (
	DefaultMaxUpload      = 64 << 20
	DefaultRequestTimeout = 30 * time.Second
	DefaultUploadTimeout  = 2 * time.Minute
	maxRequestBody        = 1 << 20 // for every route except uploads
)

// Options configures a Server. Reader and Commitments are required.
type Options struct {
	Reader      Reader
	Commitments Commitments
	Ingester    Ingester     // nil disables writes like an empty Token does
	UI          http.Handler // nil: non-API paths answer 404
	Export      Exporter     // nil: the .csv and .xlsx exports answer 500
	Verdicts    Verdicts     // nil: verdicts on links answer 403

	// Token is the bearer token writes need; empty disables writes (403).
	Token          string
	MaxUpload      int64         // bytes of one uploaded file
	RequestTimeout time.Duration // per read request
	UploadTimeout  time.Duration // per upload or delete
	// AllowedHosts are the host names (with or without port) requests may
	// name in Host; others answer 421. Nil accepts any host.
	AllowedHosts []string
	// MaxInFlight caps the requests handled at once; more answer 503 with
	// Retry-After. 0 is DefaultMaxInFlight.
	MaxInFlight int
	// TrustedProxies are the proxy addresses whose X-Forwarded-For is believed; nil trusts none.
	TrustedProxies []string
	Logger         *slog.Logger
}

// Server holds the API's dependencies; its handlers are methods.
type Server struct {
	opt      Options
	log      *slog.Logger
	engine   *gin.Engine
	hosts    hostSet
	inflight chan struct{} // one token per request being handled
}

// New builds the server and its router.
func New(opt Options) (*Server, error) {
	if opt.MaxUpload <= 0 {
		opt.MaxUpload = DefaultMaxUpload
	}
	if opt.RequestTimeout <= 0 {
		opt.RequestTimeout = DefaultRequestTimeout
	}
	if opt.UploadTimeout <= 0 {
		opt.UploadTimeout = DefaultUploadTimeout
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opt.MaxInFlight <= 0 {
		opt.MaxInFlight = DefaultMaxInFlight
	}
	s := &Server{opt: opt, log: log, hosts: newHostSet(opt.AllowedHosts), inflight: make(chan struct{}, opt.MaxInFlight)}
	if err := s.routes(); err != nil {
		return nil, err
	}
	return s, nil
}

// Handler is the root handler for an http.Server.
func (s *Server) Handler() http.Handler { return s.engine }

// Routes lists the registered method and path pairs, in Gin's ":param" syntax.
func (s *Server) Routes() []gin.RouteInfo { return s.engine.Routes() }

// writesEnabled reports whether uploads and deletes can be authorised at all.
func (s *Server) writesEnabled() bool { return s.opt.Token != "" && s.opt.Ingester != nil }

func (s *Server) routes() error {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.RedirectTrailingSlash = false
	e.RedirectFixedPath = false
	e.ContextWithFallback = true
	if err := e.SetTrustedProxies(s.opt.TrustedProxies); err != nil {
		return err
	}
	e.Use(s.requestLog, s.recoverer, securityHeaders, s.checkHost, s.limitInFlight)
	e.NoRoute(s.noRoute)
	e.NoMethod(s.handle(func(*gin.Context) error { return errMethodNotAllowed }))

	read := e.Group("/api", s.limitBody(maxRequestBody), s.timeout(s.opt.RequestTimeout), noStore)
	// Every GET route answers HEAD too; net/http leaves the body out.
	get := func(path string, h gin.HandlerFunc) {
		read.GET(path, h)
		read.HEAD(path, h)
	}
	get("/health", s.handle(s.health))
	get("/openapi.json", s.handle(s.openAPI))
	get("/documents", s.handle(s.documents))
	get("/documents/:id", s.handle(s.document))
	get("/documents/:id/relations", s.handle(s.relations))
	get("/sections/:id", s.handle(s.section))
	get("/search", s.handle(s.search))
	get("/commitments", s.handle(s.commitments))
	get("/commitments.csv", s.handle(s.commitmentsCSV))
	get("/commitments.xlsx", s.handle(s.commitmentsXLSX))
	get("/commitments/:id", s.handle(s.commitment))
	get("/tiltak", s.handle(s.tiltakList))
	get("/tiltak.csv", s.handle(s.tiltakCSV))
	get("/tiltak.xlsx", s.handle(s.tiltakXLSX))
	get("/tiltak/:id", s.handle(s.tiltak))

	// Authorisation runs before the body is read, so an unauthorised upload
	// is refused without receiving it.
	write := e.Group("/api", noStore, s.handle(s.authorize), s.timeout(s.opt.UploadTimeout))
	write.POST("/documents", s.handle(s.upload))
	write.DELETE("/documents/:id", s.limitBody(maxRequestBody), s.handle(s.deleteDocument))
	write.POST("/commitments/:id/verdicts", s.limitBody(maxRequestBody), s.handle(s.setVerdict))
	write.DELETE("/commitments/:id/verdicts/:target_id", s.limitBody(maxRequestBody), s.handle(s.deleteVerdict))
	s.engine = e
	return nil
}
