package main

import (
	"context"
	"runtime/debug"
)

// commit and buildTime may be set at link time, for builds without VCS
// stamping (-buildvcs=false, a tarball, a container build without .git):
//
//	go build -ldflags "-X main.commit=$(git rev-parse HEAD) -X main.buildTime=$(date -u +%FT%TZ)" ./cmd/strategispor
var commit, buildTime string

// buildInfo is what `version --json` prints.
type buildInfo struct {
	Module   string `json:"module"`
	Version  string `json:"version"`
	Revision string `json:"revision,omitempty"`
	Time     string `json:"time,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	Go       string `json:"go"`
}

func readBuildInfo() buildInfo {
	bi := buildInfo{Module: "github.com/strategispor/strategispor", Version: "(unknown)"}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return bi
	}
	bi.Module, bi.Version, bi.Go = info.Main.Path, info.Main.Version, info.GoVersion
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			bi.Revision = s.Value
		case "vcs.time":
			bi.Time = s.Value
		case "vcs.modified":
			bi.Modified = s.Value == "true"
		}
	}
	if bi.Revision == "" {
		bi.Revision, bi.Time = commit, buildTime
	}
	return bi
}

func runVersion(ctx context.Context, a *app, args []string) error {
	fs := newFlags("version")
	var asJSON bool
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	if err := a.parse(fs, args, "", "Prints the module version and the commit it was built from."); err != nil {
		return done(err)
	}
	if fs.NArg() > 0 {
		return usageErrorf("version", "version takes no arguments")
	}
	bi := readBuildInfo()
	if asJSON {
		return writeJSON(a.stdout, bi)
	}
	printf(a.stdout, "strategispor %s (%s)\n", bi.Version, bi.Go)
	if bi.Revision != "" {
		dirty := ""
		if bi.Modified {
			dirty = ", modified"
		}
		printf(a.stdout, "commit %s, %s%s\n", bi.Revision, orDash(bi.Time), dirty)
		return nil
	}
	printf(a.stdout, "commit unknown: built without version control stamping (-buildvcs=false or no .git); "+
		"build in a git checkout, or add -ldflags \"-X main.commit=$(git rev-parse HEAD)\"\n")
	return nil
}
