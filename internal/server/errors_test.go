package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

func TestStatusOf(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		code   string
	}{
		{"not found", fmt.Errorf("document %q: %w", "x", corpus.ErrNotFound), 404, "not_found"},
		{"invalid", fmt.Errorf("searching: %w", corpus.ErrInvalid), 400, "invalid_request"},
		{"unsupported", fmt.Errorf("a.xls: %w", corpus.ErrUnsupported), 415, "unsupported_media_type"},
		{"unreadable", fmt.Errorf("a.pdf: %w", corpus.ErrUnreadable), 422, "unreadable"},
		{"encrypted", fmt.Errorf("a.pdf: %w", corpus.ErrEncrypted), 422, "encrypted"},
		{"extraction timeout", fmt.Errorf("a.pdf: %w", corpus.ErrTimeout), 422, "extraction_timeout"},
		{"too large", fmt.Errorf("a.pdf: %w", corpus.ErrTooLarge), 413, "too_large"},
		{"max bytes", fmt.Errorf("reading: %w", &http.MaxBytesError{Limit: 10}), 413, "too_large"},
		{"unauthorized", corpus.ErrUnauthorized, 401, "unauthorized"},
		{"writes disabled", corpus.ErrWritesDisabled, 403, "writes_disabled"},
		{"locked", corpus.ErrLocked, 503, "locked"},
		{"disk full", fmt.Errorf("writing a.pdf: %w (write /data/x.zap: no space left on device)", corpus.ErrNoSpace), 507, "insufficient_storage"},
		{"deadline", fmt.Errorf("searching: %w", context.DeadlineExceeded), 503, "timeout"},
		{"api error", invalid("size must be …"), 400, "invalid_request"},
		{"method", errMethodNotAllowed, 405, "method_not_allowed"},
		{"other", errors.New("disk on fire at /var/secret"), 500, "internal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, code, msg := statusOf(tt.err)
			if status != tt.status || code != tt.code {
				t.Errorf("statusOf(%v) = %d %s; want %d %s", tt.err, status, code, tt.status, tt.code)
			}
			if status >= 500 && strings.Contains(msg, "/var/secret") {
				t.Errorf("5xx message leaks details: %q", msg)
			}
		})
	}
}

func TestSearchRequestValidation(t *testing.T) {
	tests := []struct {
		query string
		want  string // substring of the error; "" means valid
	}{
		{"q=digitalisering", ""},
		{"q=x&type=strategi,handlingsplan&type=lov&size=100&from=20&year=2019", ""},
		{"q=x&from_date=2019-01-01&to_date=2019-12-31", ""},
		{"q=x&size=101", "size must be"},
		{"q=x&size=-1", "size must be"},
		{"q=x&size=ten", "size must be"},
		{"q=x&from=-1", "from must be"},
		{"q=x&type=roman", `type "roman" is not one of`},
		{"q=x&from_date=13.06.2019", "from_date must be a date"},
		{"q=x&to_date=2019-02-30", "to_date must be a date"},
		{"q=x&from_date=2020-01-01&to_date=2019-01-01", "is after to_date"},
		{"q=x&year=19", "year must be"},
		{"q=" + strings.Repeat("a", 1001), "q is longer than"},
		{"q=%ff", "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.query[:min(len(tt.query), 40)], func(t *testing.T) {
			v, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			req, err := searchRequest(v)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				if req.Query == "" {
					t.Errorf("query lost: %+v", req)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, corpus.ErrInvalid) {
				t.Fatalf("error %v; want one containing %q and wrapping ErrInvalid", err, tt.want)
			}
		})
	}
	v, _ := url.ParseQuery("type=strategi,lov&type=rapport")
	req, _ := searchRequest(v)
	if fmt.Sprint(req.Types) != "[strategi lov rapport]" {
		t.Errorf("types = %v", req.Types)
	}
}

func TestCommitmentFilterValidation(t *testing.T) {
	for q, ok := range map[string]bool{
		"unlinked=true&kind=bullet&status=ferdig": true,
		"unlinked=yes":   false,
		"kind=promise":   false,
		"status=delayed": false,
	} {
		v, _ := url.ParseQuery(q)
		_, err := commitmentFilter(v)
		if (err == nil) != ok {
			t.Errorf("commitmentFilter(%s) error %v, want ok=%v", q, err, ok)
		}
	}
}

// TestKindOfReadsTheTableBack holds the two directions of the one table
// together: every kind the server maps to a code comes back from that code.
func TestKindOfReadsTheTableBack(t *testing.T) {
	kinds := []error{
		corpus.ErrNotFound, corpus.ErrInvalid, corpus.ErrUnsupported, corpus.ErrEncrypted, corpus.ErrUnreadable,
		corpus.ErrTimeout, corpus.ErrTooLarge, corpus.ErrUnauthorized, corpus.ErrWritesDisabled, corpus.ErrLocked,
		context.DeadlineExceeded,
	}
	for _, kind := range kinds {
		t.Run(kind.Error(), func(t *testing.T) {
			_, code, _ := statusOf(fmt.Errorf("wrapped: %w", kind))
			if code == "internal" {
				t.Fatalf("%v has no code of its own", kind)
			}
			if got := KindOf(code); got != kind {
				t.Errorf("KindOf(%q) = %v, want %v", code, got, kind)
			}
		})
	}
	for _, code := range []string{"internal", "method_not_allowed", "no_such_code"} {
		if k := KindOf(code); k != nil {
			t.Errorf("KindOf(%q) = %v, want nil", code, k)
		}
	}
}
