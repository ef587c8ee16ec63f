package main

import (
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestToken(t *testing.T) {
	const good = "a-token-of-twenty-bytes"
	tests := []struct {
		name    string
		content string
		mode    os.FileMode
		env     string
		want    string // token, when no error is wanted
		wantErr string
	}{
		{name: "private file", content: good + "\n", mode: 0o600, want: good},
		{name: "owner read only", content: good, mode: 0o400, want: good},
		{name: "world readable", content: good, mode: 0o644, wantErr: "group or others (mode 0644); make it private with chmod 600"},
		{name: "group readable", content: good, mode: 0o640, wantErr: "mode 0640"},
		{name: "others writable", content: good, mode: 0o602, wantErr: "mode 0602"},
		{name: "one character", content: "x", mode: 0o600, wantErr: "token of 1 bytes; a write token must be at least 16"},
		{name: "fifteen bytes", content: "123456789012345", mode: 0o600, wantErr: "at least 16"},
		{name: "empty", content: " \n", mode: 0o600, wantErr: "is empty"},
		{name: "short environment token", env: "kort", wantErr: "$STRATEGISPOR_TOKEN is 4 bytes"},
		{name: "environment token", env: good, want: good},
		{name: "no token", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &app{getenv: func(k string) string {
				if k == envToken {
					return tt.env
				}
				return ""
			}}
			file := ""
			if tt.mode != 0 {
				file = filepath.Join(t.TempDir(), "token")
				if err := os.WriteFile(file, []byte(tt.content), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(file, tt.mode); err != nil { // not subject to umask
					t.Fatal(err)
				}
			}
			got, err := a.token(file)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("token() = %q, %v; want an error containing %q", got, err, tt.wantErr)
				}
				if strings.Contains(err.Error(), tt.content) && len(tt.content) > 3 {
					t.Errorf("the error shows the token: %v", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("token() = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestAllowedHosts(t *testing.T) {
	tests := []struct {
		addr  string
		extra []string
		want  []string
		not   []string
	}{
		{"127.0.0.1:8080", nil, []string{"localhost", "127.0.0.1", "::1"}, []string{"0.0.0.0"}},
		{"192.0.2.7:8080", []string{"strategi.example.no"}, []string{"192.0.2.7", "strategi.example.no", "localhost"}, nil},
		{"[::]:8080", nil, []string{"::", "127.0.0.1"}, nil},
	}
	for _, tt := range tests {
		addr, err := net.ResolveTCPAddr("tcp", tt.addr)
		if err != nil {
			t.Fatal(err)
		}
		got := allowedHosts(addr, tt.extra)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("allowedHosts(%s) = %v, lacks %s", tt.addr, got, w)
			}
		}
		for _, w := range tt.not {
			if slices.Contains(got, w) {
				t.Errorf("allowedHosts(%s) = %v, has %s", tt.addr, got, w)
			}
		}
	}
}
