package fuzz

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Merged is one finding kept by Merge.
type Merged struct {
	Requirement string `json:"requirement"`
	Check       string `json:"check"`
	NonStrict   bool   `json:"nonStrict,omitempty"`
	Detail      string `json:"detail"`
	// File is the replay file written in the merged directory; From the
	// file it was read from (the first of its signature).
	File string `json:"file"`
	From string `json:"from"`
	// Duplicates lists the other files of the same violation.
	Duplicates []string `json:"duplicates,omitempty"`
}

// MergeSummary is what Merge did, also written as summary.json.
type MergeSummary struct {
	Sources  []string `json:"sources"`
	Read     int      `json:"read"`
	Findings []Merged `json:"findings"`
}

// MergeFile is the summary's file name in the merged directory.
const MergeFile = "summary.json"

// Merge joins the replay files of the campaigns in dirs (the shards of one
// seed, or any campaigns) into out: one file per violation (Finding.Signature),
// the first found in the order of dirs and file names, and summary.json. A
// file that is not a valid replay file is an error naming it.
func Merge(out string, dirs []string) (*MergeSummary, error) {
	sum := &MergeSummary{Sources: dirs, Findings: []Merged{}}
	bySig := map[string]int{}
	var keep []*Replay
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.replay.json"))
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(dir); err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, f := range files {
			rp, err := ReadReplay(f)
			if err != nil {
				return nil, err
			}
			sum.Read++
			sig := rp.Finding.Signature()
			if i, dup := bySig[sig]; dup {
				sum.Findings[i].Duplicates = append(sum.Findings[i].Duplicates, f)
				continue
			}
			bySig[sig] = len(sum.Findings)
			keep = append(keep, rp)
			sum.Findings = append(sum.Findings, Merged{Requirement: rp.Finding.Requirement, Check: rp.Finding.Check,
				NonStrict: rp.Finding.NonStrict, Detail: rp.Finding.Detail, File: filepath.Join(out, rp.Finding.FileName()), From: f})
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	for i, rp := range keep {
		if err := WriteReplay(sum.Findings[i].File, rp); err != nil {
			return nil, err
		}
	}
	b, err := json.MarshalIndent(sum, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("merge summary: %w", err)
	}
	return sum, os.WriteFile(filepath.Join(out, MergeFile), append(b, '\n'), 0o644)
}
