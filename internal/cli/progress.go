package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// progressRefresh is how often the progress line re-reads the request
// count and the rate limiter's wait.
const progressRefresh = 250 * time.Millisecond

// progress is the line a long run shows on a terminal's stderr: clients
// done of total, Management API requests made, and how long the next
// request waits on the tenant's rate limit. A nil *progress shows nothing,
// which is what a run without a terminal, or with -o json, gets: stdout and
// stderr then stay exactly what they were.
type progress struct {
	bar      *progressbar.ProgressBar
	what     string // the command: plan, apply, drift, verify
	total    int    // clients in the run
	counter  *RequestCounter
	limiter  *mgmt.Limiter
	mu       sync.Mutex
	done     int
	stopOnce sync.Once
	stopped  chan struct{}
}

// isTerminal reports whether w is a terminal; Env.IsTerminal overrides it.
func (env Env) isTerminal(w io.Writer) bool {
	if env.IsTerminal != nil {
		return env.IsTerminal(w)
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// startProgress shows progress over total clients when stderr is a
// terminal and the output is text; otherwise it returns nil.
func startProgress(env Env, textOutput bool, what string, total int, conn *connection) *progress {
	if !textOutput || total == 0 || conn == nil || !env.isTerminal(env.Stderr) {
		return nil
	}
	p := &progress{what: what, total: total, counter: conn.Counter, limiter: conn.Client.Limiter, stopped: make(chan struct{})}
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(env.Stderr),
		progressbar.OptionSetDescription(p.describe()),
		progressbar.OptionSetWidth(20),
		progressbar.OptionThrottle(progressRefresh),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionShowDescriptionAtLineEnd(),
		progressbar.OptionSetRenderBlankState(true),
	)
	go p.refresh()
	return p
}

// refresh re-describes the line until stop: it ends with the run.
func (p *progress) refresh() {
	tick := time.NewTicker(progressRefresh)
	defer tick.Stop()
	for {
		select {
		case <-p.stopped:
			return
		case <-tick.C:
			p.bar.Describe(p.describe())
		}
	}
}

// describe is the text beside the bar: requests made, and the wait on the
// rate limit while there is one.
func (p *progress) describe() string {
	p.mu.Lock()
	done := p.done
	p.mu.Unlock()
	s := fmt.Sprintf("%s · %d/%d clients · %d requests", p.what, done, p.total, p.counter.Total())
	if p.limiter != nil {
		if wait := p.limiter.Backlog(); wait >= 100*time.Millisecond {
			s += fmt.Sprintf(" · waiting %.1fs on the rate limit", wait.Seconds())
		}
	}
	return s
}

// clientDone counts one client the run has finished with.
func (p *progress) clientDone(string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.done++
	done := p.done
	p.mu.Unlock()
	p.bar.Describe(p.describe())
	_ = p.bar.Set(done)
}

// clear takes the line off the terminal before the run prints to stdout; it
// comes back with the next client done.
func (p *progress) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = p.bar.Clear()
}

// stop clears the line, so what the run prints next starts clean.
func (p *progress) stop() {
	if p == nil {
		return
	}
	p.stopOnce.Do(func() {
		close(p.stopped)
		_ = p.bar.Clear()
	})
}
