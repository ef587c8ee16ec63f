package datadir

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/corpus"
)

func TestLockTwiceFailsFast(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	first, err := Lock(dir)
	if err != nil {
		t.Fatalf("first lock: %v", err)
	}
	start := time.Now()
	second, err := Lock(dir)
	if !errors.Is(err, corpus.ErrLocked) {
		t.Fatalf("second lock: got %v, %v; want ErrLocked", second, err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("second lock took %v", d)
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	third, err := Lock(dir)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	third.Release()
}

func TestLockedErrorNamesServer(t *testing.T) {
	dir := t.TempDir()
	d, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Release()
	info := ServerInfo{Addr: "127.0.0.1:9999", URL: "http://127.0.0.1:9999", PID: os.Getpid(), Started: time.Now().UTC()}
	if err := d.WriteServer(info); err != nil {
		t.Fatal(err)
	}
	got, err := ReadServer(dir)
	if err != nil || got.URL != info.URL || got.PID != info.PID {
		t.Fatalf("ReadServer = %+v, %v", got, err)
	}
	_, err = Lock(dir)
	if !errors.Is(err, corpus.ErrLocked) || !strings.Contains(err.Error(), info.URL) {
		t.Fatalf("second lock error %q should wrap ErrLocked and name %s", err, info.URL)
	}
	if err := d.RemoveServer(); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadServer(dir); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("ReadServer after remove: %v", err)
	}
}

func TestResolve(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name string
		flag string
		env  map[string]string
		want string
	}{
		{"flag wins", "/a", map[string]string{EnvData: "/b", "XDG_DATA_HOME": "/c"}, "/a"},
		{"env", "", map[string]string{EnvData: "/b", "XDG_DATA_HOME": "/c"}, "/b"},
		{"xdg", "", map[string]string{"XDG_DATA_HOME": "/c", "HOME": "/h"}, "/c/strategispor"},
		{"relative xdg ignored", "", map[string]string{"XDG_DATA_HOME": "c", "HOME": "/h"}, "/h/.local/share/strategispor"},
		{"home", "", map[string]string{"HOME": "/h"}, "/h/.local/share/strategispor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Resolve(tt.flag, env(tt.env))
			if err != nil || got != tt.want {
				t.Fatalf("Resolve = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
