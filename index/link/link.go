// Package link connects commitments ("Regjeringen vil …") to the tiltak and
// sections in other documents that follow them up, with a score in [0,1]
// and reasons an adviser can read.
//
// Links are computed from analysed terms (stems and compound parts from
// index/analysis) weighted by how rare they are, plus explicit references
// by number, shared innsatsområde headings and the order of the documents'
// dates. Candidates come from an inverted map over those terms, so a
// commitment is only compared with the units that share a rare term with
// it. Only links above a calibrated threshold are asserted.
//
// Readers are answered from an immutable snapshot of all links. When the
// index generation changes, one background worker recomputes the links
// and swaps the snapshot in; readers meanwhile get the previous one.
// Per-document analysis is kept across generations while the document's
// content stays the same, and each commitment's links while its document
// and the documents related to it stay the same (incremental.go); the
// changed documents' commitments are linked and shown first. The links are
// kept in a state file across restarts (persist.go).
package link

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Source is what links are computed from. *index.Reader satisfies it.
type Source interface {
	// Documents lists every document's metadata (no sections).
	Documents(ctx context.Context) ([]corpus.Document, error)
	// Document returns one document with its sections, commitments and tiltak.
	Document(ctx context.Context, id string) (corpus.Document, error)
}

// Options configures a Service.
type Options struct {
	// Generation reports the index's generation (index.(*Index).Generation);
	// links are recomputed when it changes. Nil means: recompute when the
	// list of documents or their content hashes change.
	Generation func() uint64
	// Threshold is the lowest score asserted as a link; 0 means DefaultThreshold.
	Threshold float64
	// MaxLinks caps the links per commitment; 0 means DefaultMaxLinks.
	MaxLinks int
	// Debounce is how long a change waits before links are recomputed, so
	// that a burst of uploads costs one recomputation; 0 means
	// DefaultDebounce, negative means no wait. A change never waits less
	// than the last recomputation took (unless someone calls Refresh).
	Debounce time.Duration
	// RelativeCut drops links scoring below this share of the commitment's
	// best link; 0 means DefaultRelativeCut.
	RelativeCut float64
	// StatsTolerance is the share of the linkable units that may be added
	// or removed before every commitment is linked again under new term
	// statistics; until then a change relinks only the commitments it
	// touches. 0 means DefaultStatsTolerance; negative means every change
	// to a linkable document relinks everything.
	StatsTolerance float64
	// StateFile is where computed links are kept across restarts (normally
	// StateFileName in the data directory); "" keeps them in memory only.
	StateFile string
	// Verdicts are advisers' verdicts on links, applied to every answer;
	// nil means none are kept (SetVerdict answers ErrWritesDisabled).
	Verdicts VerdictStore
	Logger   *slog.Logger
}

// Calibrated on the seed corpus with the gold links in internal/linkeval.
const (
	DefaultThreshold   = 0.22
	DefaultMaxLinks    = 5
	DefaultRelativeCut = 0.9
	DefaultDebounce    = 200 * time.Millisecond
)

// Service answers commitment and tiltak queries with links.
type Service struct {
	src Source
	opt Options
	log *slog.Logger
	an  analyzer

	snap atomic.Pointer[snapshot] // what readers are answered from

	mu       sync.Mutex
	running  bool          // the background worker is debouncing or computing
	again    bool          // a change arrived while it was: one more round
	urgent   bool          // … and someone is waiting for that round
	started  uint64        // rounds started
	finished uint64        // rounds finished
	done     chan struct{} // closed and replaced when a round finishes
	err      error         // the last round's error
	took     time.Duration // the last round's duration
	wake     chan struct{} // cuts the worker's debounce wait short

	bg   context.Context // the worker's; request contexts never cancel it
	stop context.CancelFunc
	wg   sync.WaitGroup

	docs map[string]*docEntry // per-document analysis by document id; the worker's alone
	inc  incremental          // links kept across recomputations; the worker's alone
	// loaded is set once StateFile was read (or found unusable); the worker's alone.
	loaded bool
}

// New returns a Service over src that analyses text with an, normally the
// stemmed, decompounding analyzer of the index's analysis (analysis.Text), so
// that one dictionary serves both. Nothing is computed until the first query.
func New(src Source, an analysis.Analyzer, opt Options) *Service {
	if an == nil {
		panic("link.New: no analyzer")
	}
	if opt.Threshold <= 0 {
		opt.Threshold = DefaultThreshold
	}
	if opt.RelativeCut <= 0 {
		opt.RelativeCut = DefaultRelativeCut
	}
	if opt.Debounce == 0 {
		opt.Debounce = DefaultDebounce
	}
	if opt.StatsTolerance == 0 {
		opt.StatsTolerance = DefaultStatsTolerance
	}
	if opt.MaxLinks <= 0 {
		opt.MaxLinks = DefaultMaxLinks
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	bg, stop := context.WithCancel(context.Background())
	return &Service{src: src, opt: opt, log: log, an: analyzer{an}, docs: map[string]*docEntry{},
		done: make(chan struct{}), wake: make(chan struct{}, 1), bg: bg, stop: stop}
}

// refresh loads and analyses documents that are new or changed and forgets
// removed ones.
func (s *Service) refresh(ctx context.Context, metas []corpus.Document) error {
	seen := make(map[string]bool, len(metas))
	for _, m := range metas {
		seen[m.ID] = true
		ver := version(m)
		if e, ok := s.docs[m.ID]; ok && e.version == ver {
			e.meta = m
			continue
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("computing links: %w", err)
		}
		doc, err := s.src.Document(ctx, m.ID)
		if err != nil {
			return fmt.Errorf("loading %s for links: %w", m.ID, err)
		}
		s.docs[m.ID] = s.analyse(doc, ver)
		s.docs[m.ID].meta = m
	}
	for id := range s.docs {
		if !seen[id] {
			delete(s.docs, id)
		}
	}
	return nil
}

// version identifies a document's content for the analysis cache.
func version(m corpus.Document) string {
	return m.ContentHash + "|" + m.IngestedAt.String() + "|" + fmt.Sprint(m.Bytes)
}

// fingerprint identifies a list of documents and their versions.
func fingerprint(metas []corpus.Document) string {
	parts := make([]string, 0, len(metas)*2)
	for _, m := range metas {
		parts = append(parts, m.ID, version(m))
	}
	return "f" + corpus.Hash8(parts...)
}
