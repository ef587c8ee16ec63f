package analysis

import (
	"hash/maphash"
	"sync"
)

// cacheShards spreads lock contention when several goroutines analyse at once.
const cacheShards = 32

// termCache is a bounded, concurrency-safe memo for per-term work (stemming,
// decompounding). A shard that fills up is cleared rather than evicted entry by
// entry: cheap, and the hot vocabulary refills it quickly.
type termCache[V any] struct {
	seed     maphash.Seed
	perShard int
	shards   [cacheShards]struct {
		sync.RWMutex
		m map[string]V
	}
}

func newTermCache[V any](capacity int) *termCache[V] {
	c := &termCache[V]{seed: maphash.MakeSeed(), perShard: max(capacity/cacheShards, 16)}
	for i := range c.shards {
		c.shards[i].m = make(map[string]V)
	}
	return c
}

// get looks up key; b is the key as bytes so that a hit allocates nothing.
func (c *termCache[V]) get(b []byte) (V, bool) {
	s := &c.shards[maphash.Bytes(c.seed, b)%cacheShards]
	s.RLock()
	v, ok := s.m[string(b)]
	s.RUnlock()
	return v, ok
}

func (c *termCache[V]) put(b []byte, v V) {
	s := &c.shards[maphash.Bytes(c.seed, b)%cacheShards]
	s.Lock()
	if len(s.m) >= c.perShard {
		clear(s.m)
	}
	s.m[string(b)] = v
	s.Unlock()
}
