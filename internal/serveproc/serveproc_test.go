package serveproc

import "testing"

func TestCheckLoopback(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:8080", true},
		{"http://[::1]:8080", true},
		{"http://localhost:8080", false}, // names are not resolved; only literal loopback addresses pass
		{"http://10.0.0.1:8080", false},
		{"https://example.org", false},
		{"::not a url", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			err := CheckLoopback(tt.url)
			if (err == nil) != tt.ok {
				t.Errorf("CheckLoopback(%q) = %v, want ok=%v", tt.url, err, tt.ok)
			}
		})
	}
}
