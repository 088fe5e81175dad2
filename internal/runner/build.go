package runner

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"runtime"
	"time"

	"github.com/onsi/ginkgo/v2/types"

	"scapi-conformance/contract"
	"scapi-conformance/contract/interp"
	"scapi-conformance/contract/requirements"
	"scapi-conformance/internal/preflight"
	"scapi-conformance/internal/report"
	"scapi-conformance/internal/target"
	"scapi-conformance/internal/version"
	"scapi-conformance/schemas"
	"scapi-conformance/suites/framework"
)

// build turns the captured Ginkgo report into the finished, redacted result;
// the preflight's report says how the target identified itself. A run that
// stopped early for another reason than --fail-fast is INCOMPLETE.
func build(cfg Config, t *target.Target, pre *preflight.Report, r types.Report, seed int64, start time.Time, stop report.Stopped) *report.Result {
	specs, notSelected := report.FromGinkgo(r, stop)
	res := &report.Result{Specs: specs, Requirements: report.Aggregate(specs)}
	res.Summary.NotSelected = notSelected
	for _, s := range specs {
		if s.Verdict == report.NotRun && stop.Reason != failFastReason && res.Incomplete == "" {
			res.Incomplete = firstOf(stop.Reason, s.Reason)
		}
	}
	info := t.Driver.Info()
	res.Target = report.Target{URL: t.URL, Embedded: t.Spec.Embedded(), Mutant: t.Caps.Mutant,
		UserAgent: pre.UserAgent, ProtocolVersion: pre.ProtocolVersion, Build: map[string]string{preflightKey: summary(pre)}}
	for k, v := range t.Caps.Target {
		res.Target.Build[k] = v
	}
	for k, v := range info.Extra {
		res.Target.Build["driver."+k] = v
	}
	res.Provenance = report.Provenance{SuiteVersion: suiteVersion(), GoVersion: runtime.Version(),
		SchemasHash: schemaSetHash(), DocumentsHash: hashOf(requirements.All(), interp.All(), contract.Catalog(), contract.Events()),
		Driver: info.Driver, Browser: info.Browser, Seed: seed, Strict: cfg.Strict, LabelFilter: cfg.LabelFilter,
		Focus: cfg.Focus, Repeat: 1, Start: start.UTC(), DurationMillis: time.Since(start).Milliseconds()}
	if p := cfg.Target.Profile; p != nil {
		res.Provenance.Profile = p.File
		if p.Login.User != "" {
			res.Target.Build["login.user"] = p.Login.User
		}
	}
	rec := framework.Recorded()
	asserted := make([]string, 0, len(rec.Asserted))
	for _, e := range rec.Asserted {
		key := e.Event
		if e.EventType != "" {
			key += "/" + e.EventType
		}
		asserted = append(asserted, key)
	}
	res.ComputeCoverage(rec.Sent, asserted)
	res.Finish()
	cfg.Redactor.Result(res)
	return res
}

// schemaSetHash fingerprints the schema set through what package schemas
// exposes (names and the interpretations its lenient readings cite); it has no
// accessor for the embedded files' bytes.
// firstOf is a when it is not empty, else b.
func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func schemaSetHash() string {
	interps, err := schemas.Interpretations()
	if err != nil {
		interps = []string{err.Error()}
	}
	return hashOf(schemas.Names(), interps)
}

// suiteVersion is the module version and VCS revision the binary was built
// from; without a revision (built with -buildvcs=false, or from a tarball)
// the SHA-256 of the executable identifies it instead.
func suiteVersion() string {
	v := version.Read()
	s := v.String()
	if v.Revision == "" {
		if h, err := version.ExecutableHash(); err == nil {
			s += " binary " + h
		}
	}
	return s
}

// hashOf is the SHA-256 of the values' JSON: a fingerprint of the contract the
// suite holds targets to (requirements and their quotes, interpretations,
// catalog, events) and of the schema set.
func hashOf(values ...any) string {
	h := sha256.New()
	for _, v := range values {
		b, err := json.Marshal(v)
		if err != nil {
			b = []byte(fmt.Sprint(v))
		}
		h.Write(b)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:16]
}
