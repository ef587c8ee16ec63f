package connlimit

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// serve runs an http.Server on a capped loopback listener; handler blocks
// while release is open for paths under /block.
func serve(t *testing.T, max int) (addr string, l *Listener, release chan struct{}) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l = New(ln, max, `{"error":{"code":"overloaded","message":"busy"}}`, nil)
	release = make(chan struct{})
	hs := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/block") {
				<-release
			}
			io.WriteString(w, "ok")
		}),
		ConnState: l.ConnState,
	}
	go hs.Serve(l)
	t.Cleanup(func() { hs.Close() })
	return ln.Addr().String(), l, release
}

// rawGet sends one keep-alive request on c and reads the answer.
func rawGet(t *testing.T, c net.Conn, br *bufio.Reader, path string) *http.Response {
	t.Helper()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, "GET "+path+" HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.ReadAll(res.Body)
	res.Body.Close()
	return res
}

func waitOpen(t *testing.T, l *Listener, want int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if l.Open() == want {
			return
		}
	}
	t.Fatalf("%d connections open, want %d", l.Open(), want)
}

func TestIdleConnectionsMakeRoom(t *testing.T) {
	addr, l, _ := serve(t, 3)
	var idle []net.Conn
	for range 3 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if res := rawGet(t, c, bufio.NewReader(c), "/"); res.StatusCode != 200 {
			t.Fatalf("status %d", res.StatusCode)
		}
		idle = append(idle, c)
	}
	waitOpen(t, l, 3)
	// Ten more clients, one after another: each finds room by closing an idle one.
	for i := range 10 {
		res, err := (&http.Client{Timeout: 5 * time.Second}).Get("http://" + addr + "/")
		if err != nil {
			t.Fatalf("client %d: %v", i, err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("client %d: status %d", i, res.StatusCode)
		}
	}
	if n := l.Open(); n > 3 {
		t.Errorf("%d connections open, cap 3", n)
	}
	// The oldest idle connection was closed by the server.
	idle[0].SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := idle[0].Read(make([]byte, 1)); err == nil {
		t.Error("the idlest connection is still open")
	}
}

func TestBusyConnectionsRefuseWith503(t *testing.T) {
	addr, l, release := serve(t, 2)
	errc := make(chan error, 2)
	for range 2 {
		go func() {
			res, err := http.Get("http://" + addr + "/block")
			if err == nil {
				res.Body.Close()
			}
			errc <- err
		}()
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		l.mu.Lock()
		active := 0
		for _, info := range l.conns {
			if info.state == http.StateActive {
				active++
			}
		}
		l.mu.Unlock()
		if active == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the blocking requests never became active")
		}
	}
	res, err := (&http.Client{Timeout: 5 * time.Second}).Get("http://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 503 || res.Header.Get("Retry-After") == "" || !strings.Contains(string(body), `"overloaded"`) {
		t.Errorf("over the cap: %d, Retry-After %q, %s", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	close(release)
	for range 2 {
		if err := <-errc; err != nil {
			t.Error(err)
		}
	}
	http.DefaultClient.CloseIdleConnections()
	waitOpen(t, l, 0)
}
