//go:build unix

package bench

import (
	"os"
	"syscall"
)

// peakRSSKB is a finished process's peak resident set in KiB (Linux's
// ru_maxrss unit), or 0 when the system does not say.
func peakRSSKB(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss)
	}
	return 0
}
