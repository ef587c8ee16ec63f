package bench

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"time"
)

// Latency summarises one query phase. Times are milliseconds.
type Latency struct {
	N    int     `json:"n"`
	P50  float64 `json:"p50_ms"`
	P99  float64 `json:"p99_ms"`
	Max  float64 `json:"max_ms"`
	Mean float64 `json:"mean_ms"`
	QPS  float64 `json:"qps"`
}

// summarize computes nearest-rank percentiles of ms.
func summarize(ms []float64, wall time.Duration) Latency {
	if len(ms) == 0 {
		return Latency{}
	}
	s := slices.Clone(ms)
	slices.Sort(s)
	var sum float64
	for _, v := range s {
		sum += v
	}
	l := Latency{N: len(s), P50: percentile(s, 50), P99: percentile(s, 99), Max: s[len(s)-1], Mean: sum / float64(len(s))}
	if wall > 0 {
		l.QPS = float64(len(s)) / wall.Seconds()
	}
	return l
}

// percentile is the nearest-rank percentile of sorted values.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = min(max(rank, 1), len(sorted))
	return sorted[rank-1]
}

// queryFunc runs one query as client number client and reports its hit count.
type queryFunc func(ctx context.Context, client int, q string) (hits int64, err error)

// phase is the outcome of runPhase: the summary plus per-query figures of
// the first time each query ran.
type phase struct {
	Latency
	firstMS   map[string]float64
	firstHits map[string]int64
}

// runPhase runs the queries with the given number of concurrent clients.
// rounds == 0 runs every query exactly once, the clients taking queries from
// one shared queue (the "each query once on a fresh server" phase). rounds > 0
// has every client run all queries rounds times, each round in its own
// shuffled order from a fixed seed.
func runPhase(ctx context.Context, clients, rounds int, queries []string, do queryFunc) (phase, error) {
	type sample struct {
		q    string
		ms   float64
		hits int64
	}
	var (
		mu      sync.Mutex
		samples []sample
		first   error
	)
	record := func(s sample, err error) bool {
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			if first == nil {
				first = err
			}
			return false
		}
		samples = append(samples, s)
		return first == nil
	}
	one := func(client int, q string) bool {
		t0 := time.Now()
		hits, err := do(ctx, client, q)
		return record(sample{q: q, ms: float64(time.Since(t0).Microseconds()) / 1000, hits: hits}, err)
	}

	queue := make(chan string, len(queries))
	if rounds == 0 {
		for _, q := range queries {
			queue <- q
		}
		close(queue)
	}
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if rounds == 0 {
				for q := range queue {
					if ctx.Err() != nil || !one(c, q) {
						return
					}
				}
				return
			}
			rng := rand.New(rand.NewPCG(uint64(c)+1, 42))
			order := slices.Clone(queries)
			for range rounds {
				rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
				for _, q := range order {
					if ctx.Err() != nil || !one(c, q) {
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	wall := time.Since(start)
	if first != nil {
		return phase{}, first
	}
	if err := ctx.Err(); err != nil {
		return phase{}, err
	}
	p := phase{firstMS: map[string]float64{}, firstHits: map[string]int64{}}
	ms := make([]float64, len(samples))
	for i, s := range samples {
		ms[i] = s.ms
		if _, ok := p.firstMS[s.q]; !ok {
			p.firstMS[s.q] = s.ms
			p.firstHits[s.q] = s.hits
		}
	}
	p.Latency = summarize(ms, wall)
	return p, nil
}
