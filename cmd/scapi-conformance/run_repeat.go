package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"scapi-conformance/internal/report"
	"scapi-conformance/internal/runner"
)

// childEnv marks a run started by another one (--repeat, selftest): it prints
// no summary, its parent does.
const childEnv = "SCAPI_CONFORMANCE_CHILD"

// parentOnly are the run flags a repeating parent handles itself.
var parentOnly = map[string]bool{"repeat": true, "json": true, "junit": true, "html": true,
	"baseline": true, "write-baseline": true, "owner": true, "expires-in": true}

// repeatRuns runs the suite --repeat times, each in its own process (Ginkgo
// runs one suite per process), one after the other so that they do not
// disturb each other's timing, and merges the results.
func (f *runFlags) repeatRuns(ctx context.Context, stdout, stderr io.Writer) (*report.Result, error) {
	// Every run uses the same seed, hence the same spec order: a spec whose
	// verdict changes does so for reasons other than the order, and the
	// reported seed reproduces each run.
	if f.cfg.Seed == 0 {
		f.cfg.Seed = time.Now().UnixNano()%1_000_000 + 1
	}
	args := []string{fmt.Sprintf("--seed=%d", f.cfg.Seed)}
	f.fs.Visit(func(fl *flag.Flag) {
		if !parentOnly[fl.Name] && fl.Name != "seed" {
			args = append(args, "--"+fl.Name+"="+fl.Value.String())
		}
	})
	dir, err := os.MkdirTemp("", "scapi-repeat-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	var runs []*report.Result
	for i := 1; i <= f.repeat; i++ {
		fmt.Fprintf(stdout, "== run %d/%d\n", i, f.repeat)
		path := filepath.Join(dir, fmt.Sprintf("run-%d.json", i))
		code, err := runChild(ctx, append([]string{"run", "--json=" + path}, args...), stdout, stderr)
		if err != nil {
			return nil, err
		}
		if code == exitUsage || code == exitUnreachable {
			return nil, childError(code, i)
		}
		res, err := report.ReadJSON(path)
		if err != nil {
			return nil, fmt.Errorf("run %d/%d exited %d without a report: %w", i, f.repeat, code, err)
		}
		runs = append(runs, res)
	}
	return report.Merge(runs), nil
}

func childError(code, i int) error {
	if code == exitUnreachable {
		return fmt.Errorf("%w (run %d)", runner.ErrUnreachable, i)
	}
	return fmt.Errorf("%w: run %d exited %d", runner.ErrUsage, i, code)
}

// runChild runs this binary with args and returns its exit code.
func runChild(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, fmt.Errorf("cannot find this executable to re-run it: %w", err)
	}
	cmd := exec.CommandContext(ctx, self, args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err = cmd.Run()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) && exitErr.ExitCode() >= 0 {
		return exitErr.ExitCode(), nil
	}
	if err != nil {
		return 0, err
	}
	return 0, nil
}
