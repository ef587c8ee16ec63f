package analysis

import (
	"hash/maphash"
	"sync"
)

// cacheShards spreads lock contention when several goroutines analyse at once.
const cacheShards = 32

// entryOverhead approximates what a map entry costs beyond its key and value
// bytes: the string and slice headers, the hash bucket slot and its share of
// the bucket array.
const entryOverhead = 64

// termCache is a bounded, concurrency-safe memo for per-term work (stemming,
// decompounding). It is bounded both in entries and in bytes (keys, values
// and entryOverhead each), so that long terms cannot make it large. A shard
// that fills up is cleared rather than evicted entry by entry: cheap, and the
// hot vocabulary refills it quickly.
type termCache[V any] struct {
	seed          maphash.Seed
	perShard      int
	perShardBytes int
	shards        [cacheShards]struct {
		sync.RWMutex
		m     map[string]V
		bytes int
	}
}

// newTermCache returns a cache of at most capacity entries and maxBytes bytes.
func newTermCache[V any](capacity, maxBytes int) *termCache[V] {
	c := &termCache[V]{seed: maphash.MakeSeed(), perShard: max(capacity/cacheShards, 16),
		perShardBytes: max(maxBytes/cacheShards, 16*entryOverhead)}
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

// put stores v under b; valueBytes is what v holds beyond its own header
// (the bytes of a slice, say). An entry larger than a whole shard is not kept.
func (c *termCache[V]) put(b []byte, v V, valueBytes int) {
	cost := len(b) + valueBytes + entryOverhead
	if cost > c.perShardBytes {
		return
	}
	s := &c.shards[maphash.Bytes(c.seed, b)%cacheShards]
	s.Lock()
	if _, ok := s.m[string(b)]; !ok {
		if len(s.m) >= c.perShard || s.bytes+cost > c.perShardBytes {
			clear(s.m)
			s.bytes = 0
		}
		s.bytes += cost
	}
	s.m[string(b)] = v
	s.Unlock()
}

// size returns the number of entries and the bytes counted for them.
func (c *termCache[V]) size() (entries, bytes int) {
	for i := range c.shards {
		s := &c.shards[i]
		s.RLock()
		entries += len(s.m)
		bytes += s.bytes
		s.RUnlock()
	}
	return entries, bytes
}

// stringsCost is the valueBytes of a []string.
func stringsCost(v []string) int {
	n := 16 * len(v)
	for _, s := range v {
		n += len(s)
	}
	return n
}
