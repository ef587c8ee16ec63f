package bench

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/strategispor/strategispor/internal/serveproc"
)

// moduleRoot walks up from the working directory to the directory holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// findShared locates the shared material next to the module root.
func findShared() (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", fmt.Errorf("bench: finding the shared material: %w (use --shared)", err)
	}
	dir := filepath.Join(filepath.Dir(root), "shared")
	if _, err := os.Stat(filepath.Join(dir, "bench", "queries.txt")); err != nil {
		return "", fmt.Errorf("bench: finding the shared material: %w (use --shared)", err)
	}
	return dir, nil
}

// buildBinary builds ./cmd/strategispor into the scratch directory.
func buildBinary(ctx context.Context, scratch string, log *slog.Logger) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", fmt.Errorf("bench: building strategispor: %w (use --binary)", err)
	}
	dir := filepath.Join(scratch, "bin")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("bench: %w", err)
	}
	log.Info("building strategispor", "out", filepath.Join(dir, "strategispor"))
	bin, err := serveproc.Build(ctx, root, dir)
	if err != nil {
		return "", fmt.Errorf("bench: %w (use --binary)", err)
	}
	return bin, nil
}

// readQueries reads one query per non-empty line.
func readQueries(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("bench: reading queries: %w", err)
	}
	var qs []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			qs = append(qs, l)
		}
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("bench: %s holds no queries", path)
	}
	return qs, nil
}

// Machine describes where the figures were taken.
type Machine struct {
	CPUs      int    `json:"cpus"`
	CPUModel  string `json:"cpu_model"`
	MemoryMB  int64  `json:"memory_mb"`
	GoVersion string `json:"go_version"`
	OS        string `json:"os"`
}

func describeMachine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), GoVersion: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPUModel = strings.TrimSpace(v)
				break
			}
		}
	}
	if kb, err := procField("/proc/meminfo", "MemTotal"); err == nil {
		m.MemoryMB = kb / 1024
	}
	if b, err := os.ReadFile("/etc/os-release"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "PRETTY_NAME="); ok {
				m.OS = strings.Trim(v, `"`) + " " + m.OS
			}
		}
	}
	return m
}

// procField reads a "Name:   123 kB" line from a /proc status-style file, in kB.
func procField(path, name string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || k != name {
			continue
		}
		fields := strings.Fields(v)
		if len(fields) == 0 {
			break
		}
		return strconv.ParseInt(fields[0], 10, 64)
	}
	return 0, fmt.Errorf("%s: no %s line", path, name)
}

// Load summarises the 1-minute load average sampled during the run.
type Load struct {
	Samples int     `json:"samples"`
	Median  float64 `json:"median"`
	Max     float64 `json:"max"`
}

type loadMonitor struct {
	mu      sync.Mutex
	samples []float64
	done    chan struct{}
	wg      sync.WaitGroup
}

func loadAvg() (float64, bool) {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0, false
	}
	f := bytes.Fields(b)
	if len(f) == 0 {
		return 0, false
	}
	v, err := strconv.ParseFloat(string(f[0]), 64)
	return v, err == nil
}

func startLoadMonitor(ctx context.Context, every time.Duration) *loadMonitor {
	m := &loadMonitor{done: make(chan struct{})}
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			if v, ok := loadAvg(); ok {
				m.mu.Lock()
				m.samples = append(m.samples, v)
				m.mu.Unlock()
			}
			select {
			case <-ctx.Done():
				return
			case <-m.done:
				return
			case <-t.C:
			}
		}
	}()
	return m
}

func (m *loadMonitor) stop() Load {
	close(m.done)
	m.wg.Wait()
	s := slices.Clone(m.samples)
	if len(s) == 0 {
		return Load{}
	}
	slices.Sort(s)
	return Load{Samples: len(s), Median: s[len(s)/2], Max: s[len(s)-1]}
}

// dirSize sums the sizes of the regular files under dir.
func dirSize(dir string) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			total += info.Size()
		}
		return nil
	})
	return total, err
}
