package fuzz

import (
	"context"
	"net"
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"

	"scapi-conformance/internal/target"
)

// BenchmarkSessionsOverWebSocket runs generated sessions against the
// reference Workspace over a loopback websocket; its requests/s sits next to
// BenchmarkWebSocketEcho's round trips/s, measured in the same run:
//
//	go test -run '^$' -bench 'OverWebSocket|WebSocketEcho|InProcess' ./internal/fuzz/
//
// (BenchmarkCampaign…: the same with one worker per core.)
func BenchmarkSessionsOverWebSocket(b *testing.B) {
	benchSessions(b, target.Spec{WaitTimeout: 2 * time.Second})
}

// BenchmarkSessionsInProcess runs them in-process (the inproc driver).
func BenchmarkSessionsInProcess(b *testing.B) {
	benchSessions(b, target.Spec{Driver: target.DriverInProc})
}

func benchSessions(b *testing.B, s target.Spec) {
	defer TuneGC()() // as the fuzz command runs
	ctx := context.Background()
	tg, err := target.Open(ctx, s)
	if err != nil {
		b.Fatal(err)
	}
	defer tg.Close()
	g := &Generator{Seed: 1, Origins: tg.Origins(), Steerable: tg.Caps.Options, Clock: tg.Caps.Clock, Stimuli: tg.Caps.Stimuli}
	r := NewRunner(tg, Config{Clock: ClockOf(tg)})
	defer r.Close()
	requests := 0
	cpu := startCPU()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := r.Run(ctx, g.Session(uint64(i)))
		if err != nil {
			b.Fatal(err)
		}
		if len(out.Findings) > 0 {
			b.Fatalf("session %d: %v", i, out.Findings)
		}
		requests += out.Requests
	}
	cpu.report(b, requests)
	b.ReportMetric(float64(requests)/b.Elapsed().Seconds(), "requests/s")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sessions/s")
}

// BenchmarkCampaignOverWebSocket runs the sessions as fuzz does by default:
// DefaultWorkers (WebSocketWorkersPerCore per core), each on its own
// reference over a loopback websocket.
func BenchmarkCampaignOverWebSocket(b *testing.B) {
	benchCampaign(b, target.Spec{WaitTimeout: 2 * time.Second})
}

// BenchmarkCampaignInProcess: the same, DefaultWorkers (one per core) each
// on its own in-process reference.
func BenchmarkCampaignInProcess(b *testing.B) {
	benchCampaign(b, target.Spec{Driver: target.DriverInProc})
}

func benchCampaign(b *testing.B, s target.Spec) {
	defer TuneGC()() // as the fuzz command runs
	ctx := context.Background()
	var runners []*Runner
	var g *Generator
	for range DefaultWorkers(s) {
		tg, err := target.Open(ctx, s)
		if err != nil {
			b.Fatal(err)
		}
		defer tg.Close()
		r := NewRunner(tg, Config{Clock: ClockOf(tg)})
		defer r.Close()
		runners = append(runners, r)
		g = &Generator{Seed: 1, Origins: tg.Origins(), Steerable: tg.Caps.Options, Clock: tg.Caps.Clock, Stimuli: tg.Caps.Stimuli}
	}
	c := &Campaign{Generator: g, Runners: runners, Duration: time.Hour, MaxSessions: uint64(b.N)}
	cpu := startCPU()
	b.ResetTimer()
	st, err := c.Run(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if len(st.Findings) > 0 {
		b.Fatalf("findings against the reference: %v", st.Findings)
	}
	if st.Sessions != b.N {
		b.Fatalf("%d sessions ran, want %d", st.Sessions, b.N)
	}
	cpu.report(b, st.Requests)
	b.ReportMetric(float64(st.Requests)/b.Elapsed().Seconds(), "requests/s")
	b.ReportMetric(float64(st.Sessions)/b.Elapsed().Seconds(), "sessions/s")
}

// BenchmarkWebSocketEcho is the bare loopback websocket: one text frame out,
// the same frame back.
func BenchmarkWebSocketEcho(b *testing.B) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		for {
			typ, msg, err := c.Read(r.Context())
			if err != nil {
				return
			}
			if c.Write(r.Context(), typ, msg) != nil {
				return
			}
		}
	})}
	go srv.Serve(ln)
	defer srv.Close()
	ctx := context.Background()
	c, _, err := websocket.Dial(ctx, "ws://"+ln.Addr().String(), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer c.CloseNow()
	msg := []byte(`{"request":"agent.getState","referenceId":"0","userAgent":"WWE Client","protocolVersion":2}`)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := c.Write(ctx, websocket.MessageText, msg); err != nil {
			b.Fatal(err)
		}
		if _, _, err := c.Read(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "roundtrips/s")
}

// cpuClock reads the CPU time the process spent (user and system, every
// thread: the fuzzer, the reference and the transport alike), so a benchmark
// can report the cost of a request apart from the wall clock, which other
// work on the machine stretches.
type cpuClock struct{ start time.Duration }

func startCPU() cpuClock { return cpuClock{processCPU()} }

// report adds the CPU µs spent per request since start, and how many cores
// that kept busy on average (a campaign that leaves cores idle waits on
// its transport).
func (c cpuClock) report(b *testing.B, requests int) {
	spent := processCPU() - c.start
	if requests > 0 {
		b.ReportMetric(float64(spent)/float64(time.Microsecond)/float64(requests), "cpu-µs/request")
	}
	b.ReportMetric(spent.Seconds()/b.Elapsed().Seconds(), "cores")
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
