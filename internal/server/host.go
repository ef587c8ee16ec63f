package server

import (
	"net"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

var errHostNotAllowed = &apiError{http.StatusMisdirectedRequest, "host_not_allowed",
	"this server does not answer for that host name; start it with --allowed-host to add one", nil}

// hostSet holds the host names a server answers for, lower case and
// without port or trailing dot.
type hostSet map[string]bool

func newHostSet(hosts []string) hostSet {
	if len(hosts) == 0 {
		return nil
	}
	set := hostSet{}
	for _, h := range hosts {
		set[normalHost(h)] = true
	}
	return set
}

// normalHost strips the port, IPv6 brackets and a trailing dot, and lowers
// the case.
func normalHost(h string) string {
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSuffix(h, "]"), "["), ".")
	return strings.ToLower(h)
}

// checkHost refuses requests whose Host header names a host the server was
// not started for. A web page can point its own name at 127.0.0.1 (DNS
// rebinding) and would otherwise read the API as same-origin; its requests
// carry its own name in Host.
func (s *Server) checkHost(c *gin.Context) {
	if s.hosts == nil || s.hosts[normalHost(c.Request.Host)] {
		return
	}
	noStore(c)
	s.writeError(c, errHostNotAllowed)
}
