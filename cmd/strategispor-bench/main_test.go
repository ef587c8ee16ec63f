package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

func TestUsage(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		wantOut   string
		wantUsage bool
	}{
		{"help", []string{"--help"}, "Usage: strategispor-bench [flags]", false},
		{"help after flags", []string{"--sections", "200", "-h"}, "Usage: strategispor-bench [flags]", false},
		{"unknown flag", []string{"--no-such-flag"}, "", true},
		{"stray argument", []string{"extra"}, "", true},
		{"size below one document", []string{"--sections", "5"}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(context.Background(), tt.args, &out, &errOut)
			var ue usageError
			if got := errors.As(err, &ue); got != tt.wantUsage {
				t.Fatalf("run(%q) = %v; usage error %v, want %v", tt.args, err, got, tt.wantUsage)
			}
			if !tt.wantUsage && err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), tt.wantOut) {
				t.Errorf("stdout = %q, want %q in it", out.String(), tt.wantOut)
			}
		})
	}
}
