package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract"
	"github.com/umzug/umzug/extract/crawl"
	"github.com/umzug/umzug/pipeline"
)

// CrawlCmdOptions are the inputs of umzug crawl.
type CrawlCmdOptions struct {
	Global  *GlobalOptions
	Seeds   []string
	Archive string
	NewRun  bool
	Crawl   CrawlFlags

	// PublicURL names the crawl's URLs by the site's public origin while
	// the start URLs' host answers (see publicCrawl).
	PublicURL string
	Config    string // settings file (umzug.yaml)
}

// NewCmdCrawl builds umzug crawl.
func NewCmdCrawl(ios *IOStreams, g *GlobalOptions, runF func(context.Context, *CrawlCmdOptions) error) *cobra.Command {
	opts := &CrawlCmdOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "crawl URL... --archive DIR",
		Short: "Fetch a site into a WARC archive (resumable, conditional re-crawls)",
		Long: `crawl fetches the site of the given start URLs into DIR: every request and
response as WARC 1.1 records under DIR/warc/, indexed in DIR/index.sqlite.
robots.txt is obeyed (Disallow and Crawl-delay); its Sitemap lines and
/sitemap.xml seed the crawl. Transient failures (timeouts, resets, truncated
bodies, 429, 5xx) are retried with backoff; what still fails is recorded with
its reason.

Interrupted (Ctrl-C, kill, crash), the same command continues the run where
it stopped. Run again after a complete run, it starts a new run that sends
If-None-Match / If-Modified-Since from the last one and, at the end, asks
again for the earlier pages no link reaches any more (deleted, moved or
still there); 'umzug diff' lists what changed. 'umzug extract --archive', 'umzug migrate --archive' and the audit
read the archive offline.`,
		Example: `  umzug crawl https://www.example.de/ --archive archive
  umzug crawl https://www.example.de/ --archive archive --concurrency 2 --delay 500ms
  umzug diff --archive archive`,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := applySettings(cmd, opts.Config, "crawl")
			if err != nil {
				return err
			}
			args = st.startURLs(cmd, args)
			opts.Seeds = args
			if len(args) == 0 {
				return usageErr(errors.New("give at least one start URL"))
			}
			if opts.Archive == "" {
				return usageErr(errors.New("--archive DIR is required"))
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return crawlRun(cmd.Context(), ios, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Archive, "archive", "", "archive directory (created if missing)")
	cmd.Flags().BoolVar(&opts.NewRun, "new-run", false, "start a new run even if the last one was interrupted")
	cmd.Flags().StringVar(&opts.Config, "config", envOr("UMZUG_CONFIG", ""), "settings file (umzug.yaml, see umzug init); flags given here win (env UMZUG_CONFIG)")
	cmd.Flags().StringVar(&opts.PublicURL, "public-url", "", "public origin of the site when crawling a mirror; the archive keys URLs by it")
	opts.Crawl.register(cmd, true)
	return cmd
}

// crawlMemoryLimit is the soft memory limit of umzug crawl unless GOMEMLIMIT
// sets one: the crawl's live heap is small (bodies in flight, the frontier),
// and without a limit the garbage collector lets the heap grow to twice the
// live size, which made peak RSS grow with the site. 56 MiB keeps the peak
// of a 50k-page crawl at 1.2× that of a 10k-page one for about 20% more CPU
// (80 MiB: 1.56×; see BENCHMARKS.md).
const crawlMemoryLimit = 56 << 20

func crawlRun(ctx context.Context, ios *IOStreams, opts *CrawlCmdOptions) error {
	if os.Getenv("GOMEMLIMIT") == "" {
		prev := debug.SetMemoryLimit(crawlMemoryLimit)
		defer debug.SetMemoryLimit(prev)
	}
	log, err := opts.Global.Logger(ios.ErrOut)
	if err != nil {
		return err
	}
	given := opts.Seeds // as typed (user info included): the resume hint repeats them
	seeds, auth, err := opts.Crawl.staging(opts.Seeds, opts.Global)
	if err != nil {
		return err
	}
	opts.Seeds = seeds
	// The crawl names the public URLs and connects to the mirror.
	named, connect, err := publicCrawl(opts.Seeds, opts.PublicURL)
	if err != nil {
		return err
	}
	copts, err := opts.Crawl.options(named)
	if err != nil {
		return err
	}
	copts.Logger, copts.ArchiveDir, copts.NewRun, copts.ConnectTo, copts.Auth = log, opts.Archive, opts.NewRun, connect, auth
	fails, err := pipeline.NewFailureLog(log, false)
	if err != nil {
		return err
	}
	defer fails.Close()
	bar := newProgress(ios, opts.Global.Quiet, "crawling")
	copts.OnProgress = bar.crawlUpdate
	stats, err := crawl.Crawl(ctx, copts, func(s *umzug.Snapshot) error {
		if f, failed := extract.SnapshotFailure(s); failed {
			fails.Add(f)
		}
		return nil
	})
	bar.finish()
	printCrawlSummary(opts.Global.SummaryOut(ios.ErrOut), stats, opts.Archive)
	writeScopeHint(ios.ErrOut, stats, opts.PublicURL)
	fails.Merge(stats.RunFailures) // earlier sessions of a resumed run
	// Failures are warnings: shown with --quiet too.
	writeFailureSummary(ios.ErrOut, fails, "URLs (see the log; 'umzug crawl' again after a failed run starts a new one)")
	switch {
	case errors.Is(err, context.Canceled):
		public := ""
		if opts.PublicURL != "" {
			public = " --public-url " + shellQuote(opts.PublicURL)
		}
		fmt.Fprintf(ios.ErrOut, "Interrupted. Run the same command again to resume run %d:\n  umzug crawl %s --archive %s%s\n",
			stats.RunID, strings.Join(redactedSeeds(given), " "), shellQuote(opts.Archive), public)
		return runError{status: umzug.StatusInterrupted, msg: fmt.Sprintf("interrupted: run %d is marked interrupted in the archive", stats.RunID)}
	case err != nil:
		return fmt.Errorf("crawling %s: %w", opts.Seeds[0], err)
	}
	switch stats.RunStatus {
	case umzug.StatusFailed:
		return runError{status: umzug.StatusFailed, msg: fmt.Sprintf("failed: run %d got no usable response for most URLs (%d of %d failed) and is marked failed; 'umzug diff' reports no removals from it", stats.RunID, fails.Total(), stats.RunURLs)}
	case umzug.StatusPartial:
		return runError{status: umzug.StatusPartial, msg: fmt.Sprintf("partial: %d of %d URLs of run %d failed", fails.Total(), stats.RunURLs, stats.RunID)}
	}
	return nil
}

// redactedSeeds are the start URLs as typed, with a password replaced by
// a reminder: the resume hint must not print it.
func redactedSeeds(seeds []string) []string {
	out := make([]string, len(seeds))
	for i, s := range seeds {
		out[i] = s
		if u, err := url.Parse(s); err == nil && u.User != nil {
			if _, has := u.User.Password(); has {
				u.User = url.UserPassword(u.User.Username(), "PASSWORD")
				out[i] = strings.Replace(u.String(), "PASSWORD", "…", 1)
			}
		}
	}
	return out
}

func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// printCrawlSummary writes the end-of-crawl summary to w.
func printCrawlSummary(w io.Writer, st crawl.CrawlStats, archive string) {
	secs := st.Elapsed.Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(st.Fetched+st.Failed) / secs
	}
	run := ""
	if st.RunID > 0 {
		run = fmt.Sprintf("Run %d", st.RunID)
		if st.Resumed {
			run += " (resumed)"
		}
		run += ": "
	}
	fmt.Fprintf(w, "%sfetched %d URLs in %s (%.1f/s), %s\n", run, st.Fetched+st.Failed, st.Elapsed.Round(10*time.Millisecond), rate, humanBytes(st.Bytes))
	if len(st.Status) > 0 {
		codes := make([]int, 0, len(st.Status))
		for c := range st.Status {
			codes = append(codes, c)
		}
		sort.Ints(codes)
		parts := make([]string, len(codes))
		for i, c := range codes {
			parts[i] = fmt.Sprintf("%d: %d", c, st.Status[c])
		}
		fmt.Fprintf(w, "Status: %s\n", strings.Join(parts, ", "))
	}
	fmt.Fprintf(w, "Pages: %d, assets: %d, unchanged (304): %d, failed: %d, retries: %d\n",
		st.Fetched-st.Assets-st.Unchanged, st.Assets, st.Unchanged, st.Failed, st.Retries)
	if st.Rechecked > 0 {
		fmt.Fprintf(w, "Requested again: %d pages of the last run that no link reaches any more ('umzug diff' says which are deleted, moved or still there)\n", st.Rechecked)
	}
	fmt.Fprintf(w, "Not fetched: %d disallowed by robots.txt, %d out of scope, %d files skipped, %d over --max-pages, %d over the trap budget\n",
		st.RobotsBlocked, st.OutOfScope, st.SkippedFiles, st.OverBudget, st.TrapSkipped)
	if st.SitemapsSkipped > 0 || st.SitemapErrors > 0 {
		fmt.Fprintf(w, "Sitemaps: %d not read (over the cap of %d per host), %d unreadable (see the log)\n",
			st.SitemapsSkipped, crawl.MaxSitemapsPerHost, st.SitemapErrors)
	}
	if st.RunStatus != "" {
		fmt.Fprintf(w, "Run status: %s\n", st.RunStatus)
	}
	for i, t := range st.Traps {
		if i == 10 {
			fmt.Fprintf(w, "  … %d more patterns\n", len(st.Traps)-10)
			break
		}
		fmt.Fprintf(w, "Possible URL trap: %s (%d crawled, %d more not; --trap-budget to change)\n", shortenURL(t.Pattern), t.Budget, t.Skipped)
	}
	if archive != "" {
		fmt.Fprintf(w, "Archive: %s\n", archive)
	}
}

// writeScopeHint warns when the crawl ended after a page or three while
// the pages link to many URLs of one other origin: a staging copy or
// mirror whose pages name the public site (TYPO3 up to 6.2 writes
// config.baseURL into <base href>, so every relative link leads there),
// crawled without --public-url, stops at its start page with the rest
// "out of scope" and exit 0. It names the flags that crawl such a site.
// A warning: shown with --quiet too.
func writeScopeHint(w io.Writer, st crawl.CrawlStats, publicURL string) {
	pages := st.Fetched - st.Assets
	if publicURL != "" || st.TopOutOfScope == "" || pages > 3 || st.TopOutOfScopeURLs < 5 || st.TopOutOfScopeURLs <= pages {
		return
	}
	host := st.TopOutOfScope
	if i := strings.Index(host, "://"); i >= 0 {
		host = host[i+3:]
	}
	more := ""
	if st.TopOutOfScopeURLs >= 100 {
		more = " or more"
	}
	fmt.Fprintf(w, "Hint: only %d page(s) in scope, but they link to %d%s URLs of %s, which is out of scope (a <base href> or absolute links naming that site?).\n"+
		"  Crawling a copy of that site: add --public-url %s. To crawl that host as well: add --allow-host %s.\n",
		pages, st.TopOutOfScopeURLs, more, st.TopOutOfScope, shellQuote(st.TopOutOfScope), shellQuote(host))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
