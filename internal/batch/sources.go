package batch

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/strategispor/strategispor/internal/corpus"
)

// SourcesFile is the file in a folder that says where its files are
// published, one file a line: the file name, white space, the URL. Lines
// starting with # and blank lines are left out. Being hidden, it is never
// ingested itself.
//
//	# where the originals are
//	nsm-risiko-2020.pdf  https://nsm.no/…/risiko-2020.pdf
//	"Digital strategi.docx"  https://www.regjeringen.no/…
const SourcesFile = ".sources"

// maxSourcesBytes bounds the file: 4 MiB is some 20,000 lines.
const maxSourcesBytes = 4 << 20

// readSources reads a folder's SourcesFile; a missing file is no error.
// A bad line makes the whole file an error naming the line, so that no URL
// is silently lost.
func readSources(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", SourcesFile, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > maxSourcesBytes {
		return nil, fmt.Errorf("%s is over %d bytes: %w", SourcesFile, maxSourcesBytes, corpus.ErrTooLarge)
	}
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), corpus.MaxSourceURL+4096)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, rest, err := splitName(line)
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %w", SourcesFile, n, err)
		}
		u := strings.TrimSpace(rest)
		if err := corpus.CheckSourceURL(u); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", SourcesFile, n, err)
		}
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("%s line %d: %s is listed twice: %w", SourcesFile, n, name, corpus.ErrInvalid)
		}
		out[name] = u
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", SourcesFile, err)
	}
	return out, nil
}

// splitName takes the file name off the front of a line: quoted when it
// holds spaces, else up to the first white space.
func splitName(line string) (name, rest string, err error) {
	if strings.HasPrefix(line, `"`) {
		end := strings.IndexByte(line[1:], '"')
		if end < 0 {
			return "", "", fmt.Errorf("the file name has no closing quote: %w", corpus.ErrInvalid)
		}
		name, rest = line[1:1+end], line[2+end:]
	} else {
		i := strings.IndexAny(line, " \t")
		if i < 0 {
			return "", "", fmt.Errorf("%q has a file name but no URL: %w", line, corpus.ErrInvalid)
		}
		name, rest = line[:i], line[i:]
	}
	if name == "" || strings.ContainsAny(name, `/\`) {
		return "", "", fmt.Errorf("%q is not a file name in this folder: %w", name, corpus.ErrInvalid)
	}
	if strings.TrimSpace(rest) == "" {
		return "", "", fmt.Errorf("%s has no URL: %w", name, corpus.ErrInvalid)
	}
	return name, rest, nil
}
