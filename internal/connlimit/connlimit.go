// Package connlimit caps the connections an HTTP server holds open.
//
// A Listener accepts at most Max connections at once. When a new connection
// arrives at the cap, the connection that has been idle the longest (a
// keep-alive connection between requests, or one that has sent nothing yet)
// is closed to make room; when every connection is busy with a request, the
// newcomer gets a 503 answer with Retry-After and is closed. Either way the
// process's file descriptors stay bounded and a flood of idle connections
// cannot keep a real client out.
package connlimit

import (
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Listener wraps a net.Listener with a connection cap. Set ConnState as the
// http.Server's ConnState hook so that the listener knows which connections
// are idle.
type Listener struct {
	net.Listener
	max  int
	busy []byte // the answer to a connection over the cap
	log  *slog.Logger

	mu    sync.Mutex
	conns map[*conn]connInfo
}

type connInfo struct {
	state http.ConnState
	since time.Time
}

// New caps ln at max open connections. busyBody is the JSON body of the 503
// sent to a connection refused at the cap.
func New(ln net.Listener, max int, busyBody string, log *slog.Logger) *Listener {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	resp := "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n" +
		"Retry-After: 1\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: " +
		strconv.Itoa(len(busyBody)) + "\r\n\r\n" + busyBody
	return &Listener{Listener: ln, max: max, busy: []byte(resp), log: log, conns: map[*conn]connInfo{}}
}

// Open returns the number of connections held open.
func (l *Listener) Open() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.conns)
}

// Accept waits for the next connection under the cap.
func (l *Listener) Accept() (net.Conn, error) {
	for {
		nc, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		c := &conn{Conn: nc, l: l}
		l.mu.Lock()
		var evict *conn
		if len(l.conns) >= l.max {
			evict = l.idlest()
		}
		full := len(l.conns) >= l.max && evict == nil
		if !full {
			l.conns[c] = connInfo{state: http.StateNew, since: time.Now()}
			if evict != nil {
				delete(l.conns, evict) // its slot is the newcomer's from now on
			}
		}
		l.mu.Unlock()
		if evict != nil {
			evict.Conn.Close()
		}
		if full {
			l.log.Warn("connection refused: every connection is busy", "max", l.max, "client", nc.RemoteAddr().String())
			go l.refuse(nc)
			continue
		}
		return c, nil
	}
}

// idlest returns the connection idle the longest: a keep-alive connection
// between requests first, else one that has not sent a request yet.
func (l *Listener) idlest() *conn {
	var best *conn
	var bestInfo connInfo
	for c, info := range l.conns {
		if info.state != http.StateIdle && info.state != http.StateNew {
			continue
		}
		better := best == nil ||
			(info.state == http.StateIdle && bestInfo.state == http.StateNew) ||
			(info.state == bestInfo.state && info.since.Before(bestInfo.since))
		if better {
			best, bestInfo = c, info
		}
	}
	return best
}

// refuse answers a connection over the cap and closes it.
func (l *Listener) refuse(nc net.Conn) {
	defer nc.Close()
	_ = nc.SetDeadline(time.Now().Add(time.Second))
	_, _ = nc.Write(l.busy)
}

// ConnState is the http.Server hook that tells the listener which
// connections are idle.
func (l *Listener) ConnState(nc net.Conn, state http.ConnState) {
	c, ok := nc.(*conn)
	if !ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, held := l.conns[c]; !held {
		return
	}
	switch state {
	case http.StateClosed, http.StateHijacked:
		delete(l.conns, c)
	default:
		l.conns[c] = connInfo{state: state, since: time.Now()}
	}
}

// conn releases its slot when closed.
type conn struct {
	net.Conn
	l    *Listener
	once sync.Once
}

func (c *conn) Close() error {
	c.once.Do(func() {
		c.l.mu.Lock()
		delete(c.l.conns, c)
		c.l.mu.Unlock()
	})
	return c.Conn.Close()
}
