package loadtest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// KindStats summarises one request kind.
type KindStats struct {
	Kind      string        `json:"kind"`
	Count     int           `json:"count"` // answered requests
	Status2xx int           `json:"status_2xx"`
	Status4xx int           `json:"status_4xx"`
	Status5xx int           `json:"status_5xx"`
	Transport int           `json:"transport_errors"` // no answer (refused, reset, client timeout)
	P50       time.Duration `json:"p50"`
	P95       time.Duration `json:"p95"`
	P99       time.Duration `json:"p99"`
	Max       time.Duration `json:"max"`
}

// Report is the outcome of a run.
type Report struct {
	Elapsed        time.Duration         `json:"elapsed"`
	Requests       int                   `json:"requests"` // answered, all kinds
	RPS            float64               `json:"rps"`
	Status5xx      int                   `json:"status_5xx"`
	Transport      int                   `json:"transport_errors"`
	Kinds          map[string]*KindStats `json:"kinds"`
	Acks           []Ack                 `json:"acks"`
	UploadsNotSent int                   `json:"uploads_not_sent"`
	// Samples holds a few 4xx/5xx/transport error descriptions for diagnosis.
	Samples []string `json:"samples,omitempty"`
}

type recorder struct {
	mu      sync.Mutex
	lat     map[string][]time.Duration
	stats   map[string]*KindStats
	samples []string
}

func newRecorder() *recorder {
	return &recorder{lat: map[string][]time.Duration{}, stats: map[string]*KindStats{}}
}

func (r *recorder) kind(k string) *KindStats {
	s, ok := r.stats[k]
	if !ok {
		s = &KindStats{Kind: k}
		r.stats[k] = s
	}
	return s
}

func (r *recorder) sample(s string) {
	if len(r.samples) < 20 {
		r.samples = append(r.samples, s)
	}
}

func (r *recorder) fail(kind string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.kind(kind).Transport++
	r.sample(kind + ": " + err.Error())
}

// do sends one request and records its latency and status. It returns the
// status (0 when there was no answer) and, for uploads, the answer body.
// Requests cut short because ctx ended are not counted at all.
func (r *recorder) do(ctx context.Context, client *http.Client, kind, method, u string, body []byte, ctype, token string) (int, []byte) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		r.fail(kind, err)
		return 0, nil
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() == nil {
			r.fail(kind, err)
		}
		return 0, nil
	}
	var out []byte
	if kind == KindUpload || resp.StatusCode >= 400 {
		out, err = io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	} else {
		_, err = io.Copy(io.Discard, resp.Body)
	}
	resp.Body.Close()
	d := time.Since(start)
	if err != nil {
		if ctx.Err() == nil {
			r.fail(kind, fmt.Errorf("reading answer of %s: %w", u, err))
		}
		return 0, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.kind(kind)
	s.Count++
	r.lat[kind] = append(r.lat[kind], d)
	switch {
	case resp.StatusCode >= 500:
		s.Status5xx++
		r.sample(fmt.Sprintf("%s %s → %d %s", method, u, resp.StatusCode, bytes.TrimSpace(out)))
	case resp.StatusCode >= 400:
		s.Status4xx++
		r.sample(fmt.Sprintf("%s %s → %d %s", method, u, resp.StatusCode, bytes.TrimSpace(out)))
	default:
		s.Status2xx++
	}
	return resp.StatusCode, out
}

func (r *recorder) report(elapsed time.Duration) *Report {
	r.mu.Lock()
	defer r.mu.Unlock()
	rep := &Report{Elapsed: elapsed, Kinds: r.stats, Samples: r.samples}
	for k, s := range r.stats {
		l := r.lat[k]
		slices.Sort(l)
		s.P50, s.P95, s.P99 = percentile(l, 50), percentile(l, 95), percentile(l, 99)
		if len(l) > 0 {
			s.Max = l[len(l)-1]
		}
		rep.Requests += s.Count
		rep.Status5xx += s.Status5xx
		rep.Transport += s.Transport
	}
	if elapsed > 0 {
		rep.RPS = float64(rep.Requests) / elapsed.Seconds()
	}
	return rep
}

// percentile uses the nearest-rank method on sorted durations.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 · n)
	if rank < 1 {
		rank = 1
	}
	return sorted[rank-1]
}

// String renders the report as a fixed-width table.
func (rep *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d requests in %.1f s = %.0f req/s; 5xx: %d; transport errors: %d; uploads acknowledged: %d (not sent: %d)\n",
		rep.Requests, rep.Elapsed.Seconds(), rep.RPS, rep.Status5xx, rep.Transport, len(rep.Acks), rep.UploadsNotSent)
	fmt.Fprintf(&b, "%-12s %7s %6s %5s %5s %9s %9s %9s %9s\n", "kind", "count", "2xx", "4xx", "5xx", "p50", "p95", "p99", "max")
	kinds := make([]string, 0, len(rep.Kinds))
	for k := range rep.Kinds {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		s := rep.Kinds[k]
		fmt.Fprintf(&b, "%-12s %7d %6d %5d %5d %9s %9s %9s %9s\n", k, s.Count, s.Status2xx, s.Status4xx, s.Status5xx,
			ms(s.P50), ms(s.P95), ms(s.P99), ms(s.Max))
	}
	return b.String()
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
