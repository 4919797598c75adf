package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/audit"
	"github.com/umzug/umzug/extract"
	"github.com/umzug/umzug/extract/archive"
	"github.com/umzug/umzug/extract/crawl"
	"github.com/umzug/umzug/fixtures"
	"github.com/umzug/umzug/load"
	"github.com/umzug/umzug/pipeline"
	"github.com/umzug/umzug/transform"
)

// MigrateOptions are the inputs of umzug migrate.
type MigrateOptions struct {
	Global    *GlobalOptions
	Seeds     []string
	Out       string
	Demo      bool
	PublicURL string
	Profiles  []string
	Archive   string // crawl into this archive and export from it; without URLs, export it offline
	Run       int64  // with Archive and no URL: export only this run
	RichText  load.RichText
	Crawl     CrawlFlags

	// DemoChange serves the demo site as changed since the first crawl
	// (fixtures.MinistryChanged), to try re-crawls and diff on the demo.
	DemoChange bool
	Config     string        // settings file (umzug.yaml)
	Rules      *audit.Config // audit rules from the settings file

	// parser replaces the extractor (tests: one that panics).
	parser pageParser
}

// pageParser is what the commands need of *html.Parser.
type pageParser = pipeline.Parser

// CrawlFlags are the crawl flags shared by the commands that crawl.
type CrawlFlags struct {
	MaxPages     int
	MaxDepth     int
	Concurrency  int
	Delay        time.Duration
	Timeout      time.Duration
	UserAgent    string
	IgnoreRobots bool
	Include      []string
	Exclude      []string
	AllowHosts   []string
	Retries      int
	TrapBudget   int
	MaxBodyMB    int
	Assets       bool
	// Headers ("Name: value") and NetrcFile are the staging options;
	// basic auth also comes from $UMZUG_AUTH_USER/$UMZUG_AUTH_PASSWORD
	// and user info in a start URL (see staging).
	Headers   []string
	NetrcFile string
}

func (f *CrawlFlags) register(cmd *cobra.Command, assets bool) {
	fl := cmd.Flags()
	fl.IntVar(&f.MaxPages, "max-pages", 0, "stop after this many URLs (0: no limit)")
	fl.IntVar(&f.MaxDepth, "max-depth", 0, "follow links at most this deep from a seed (0: no limit)")
	fl.IntVar(&f.Concurrency, "concurrency", 4, "parallel requests per host")
	fl.DurationVar(&f.Delay, "delay", 0, "pause between requests to one host, e.g. 500ms")
	fl.DurationVar(&f.Timeout, "timeout", 30*time.Second, "timeout of one request")
	fl.StringVar(&f.UserAgent, "user-agent", envOr("UMZUG_USER_AGENT", crawl.DefaultUserAgent), "User-Agent header; name yourself and a contact (env UMZUG_USER_AGENT)")
	fl.BoolVar(&f.IgnoreRobots, "ignore-robots", false, "fetch pages that robots.txt disallows (only with the site owner's consent)")
	fl.StringArrayVar(&f.Include, "include", nil, "only crawl URLs matching this regexp (repeatable)")
	fl.StringArrayVar(&f.Exclude, "exclude", nil, "skip URLs matching this regexp (repeatable)")
	fl.StringArrayVar(&f.AllowHosts, "allow-host", nil, "also crawl this host (repeatable); the seeds' hosts are always allowed")
	fl.IntVar(&f.Retries, "retries", 3, "further attempts after a timeout, reset, truncated body, 429 or 5xx (backoff with jitter, Retry-After honoured)")
	fl.IntVar(&f.TrapBudget, "trap-budget", 100, "URLs per calendar/facet URL pattern before the pattern counts as a trap (0: no limit)")
	fl.IntVar(&f.MaxBodyMB, "max-body-size", 20, "cap on one response body in MB, also after decompression")
	assetsUsage := "fetch linked files (PDF, images, …) and record status, type and size"
	if cmd.Name() == "migrate" {
		assetsUsage = "fetch linked files (PDF, images, …) and put them into the export's files/"
	}
	fl.BoolVar(&f.Assets, "assets", assets, assetsUsage)
	fl.StringArrayVar(&f.Headers, "header", nil, "send this header ('Name: value') to the site's hosts, e.g. a staging token (repeatable; never written)")
	fl.StringVar(&f.NetrcFile, "netrc-file", envOr(envNetrc, ""), "basic auth for the site's hosts from this netrc file (env "+envNetrc+"; or $"+envAuthUser+" and $"+envAuthPassword+")")
}

// options turns the flags into crawl options, checking them.
func (f *CrawlFlags) options(seeds []string) (crawl.CrawlOptions, error) {
	o := crawl.CrawlOptions{
		Seeds: seeds, AllowedHosts: f.AllowHosts, MaxPages: f.MaxPages, MaxDepth: f.MaxDepth,
		Concurrency: f.Concurrency, Delay: f.Delay, Timeout: f.Timeout, UserAgent: f.UserAgent,
		IgnoreRobots: f.IgnoreRobots, Retries: f.Retries, TrapBudget: f.TrapBudget, FetchAssets: f.Assets,
		MaxBodySize: f.MaxBodyMB << 20,
	}
	if f.Retries == 0 {
		o.Retries = -1 // CrawlOptions: 0 is the default, -1 none
	}
	if f.TrapBudget == 0 {
		o.TrapBudget = -1
	}
	if f.Concurrency < 1 {
		return o, usageErr(fmt.Errorf("--concurrency %d: must be at least 1", f.Concurrency))
	}
	for i, h := range o.AllowedHosts {
		o.AllowedHosts[i] = extract.CanonicalHostName(h)
	}
	for _, pair := range []struct {
		name string
		in   []string
		out  *[]*regexp.Regexp
	}{{"--include", f.Include, &o.Include}, {"--exclude", f.Exclude, &o.Exclude}} {
		for _, s := range pair.in {
			re, err := regexp.Compile(s)
			if err != nil {
				return o, usageErr(fmt.Errorf("%s %q: %w", pair.name, s, err))
			}
			*pair.out = append(*pair.out, re)
		}
	}
	return o, nil
}

// newHTTPChecker returns the audit's link checker, as polite as the crawl
// the flags describe.
func newHTTPChecker(f CrawlFlags, auth *crawl.Auth) *pipeline.HTTPChecker {
	return pipeline.NewHTTPChecker(pipeline.CheckerOptions{Timeout: f.Timeout, UserAgent: f.UserAgent,
		PerHost: f.Concurrency, Delay: f.Delay, IgnoreRobots: f.IgnoreRobots, Auth: auth})
}

// NewCmdMigrate builds umzug migrate. runF replaces the run function in
// tests of flag parsing.
func NewCmdMigrate(ios *IOStreams, g *GlobalOptions, runF func(context.Context, *MigrateOptions) error) *cobra.Command {
	opts := &MigrateOptions{Global: g}
	var richText string
	cmd := &cobra.Command{
		Use:   "migrate [URL...] --out DIR",
		Short: "Crawl a site and write the export directory the new CMS imports",
		Long: `migrate crawls the site of the given start URLs (their hosts are the scope;
robots.txt is obeyed), extracts one document per content page, audits every
response, normalizes and de-duplicates the documents and writes the export
directory: documents, snippets, assets, redirects (CSV and nginx map),
findings, schema/ and manifest.json (written last). With --archive it crawls
into a WARC archive and exports from it, or exports an archive offline.

A progress bar shows on stderr when stderr is a terminal; a summary follows.
Only data goes to stdout.`,
		Example: `  # the embedded demo site (a fictional ministry in TYPO3 markup)
  umzug migrate --demo --out export

  # a real site, politely
  umzug migrate https://www.example.de/ --out export --concurrency 2 --delay 500ms

  # keep the raw responses in a WARC archive; later, export again offline
  umzug migrate https://www.example.de/ --archive archive --out export
  umzug migrate --archive archive --out export2

  # crawl a staging mirror but export the public URLs
  umzug migrate http://staging.local/ --public-url https://www.example.de --out export

  # a password-protected staging copy (credentials are never written)
  UMZUG_AUTH_USER=redaktion UMZUG_AUTH_PASSWORD=… umzug migrate https://staging.example.de/ \
    --header 'X-Staging-Token: …' --public-url https://www.example.de --out export`,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := applySettings(cmd, opts.Config, "migrate")
			if err != nil {
				return err
			}
			if st != nil {
				args, opts.Rules = st.startURLs(cmd, args), st.audit
			}
			opts.Seeds = args
			opts.Demo = opts.Demo || opts.DemoChange
			if opts.Demo && len(args) > 0 {
				return usageErr(errors.New("--demo takes no URL"))
			}
			if !opts.Demo && len(args) == 0 && opts.Archive == "" {
				return usageErr(errors.New("give a start URL or --demo (or --archive DIR to export an archive offline)"))
			}
			if opts.Run != 0 && (opts.Archive == "" || opts.Demo || len(args) > 0) {
				return usageErr(errors.New("--run selects a run of --archive when exporting offline, without a URL"))
			}
			if opts.Out == "" {
				return usageErr(errors.New("--out DIR is required"))
			}
			rt, err := richTextFlag(richText)
			if err != nil {
				return err
			}
			opts.RichText = rt
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return migrateRun(cmd.Context(), ios, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "export directory (created if missing)")
	cmd.Flags().BoolVar(&opts.Demo, "demo", false, "migrate the embedded demo site, served on 127.0.0.1")
	cmd.Flags().BoolVar(&opts.DemoChange, "demo-change", false, "the demo site a few weeks later: one page edited, one added, one removed (try it with --archive and umzug diff)")
	cmd.Flags().StringVar(&opts.PublicURL, "public-url", "", "public origin of the site when crawling a mirror; exported URLs and ids use it")
	cmd.Flags().StringArrayVar(&opts.Profiles, "profile", nil, "site profile (YAML) to try before the built-in ones (repeatable)")
	cmd.Flags().StringVar(&opts.Archive, "archive", "", "crawl into this WARC archive and export from it; without a URL, export the archive offline")
	cmd.Flags().Int64Var(&opts.Run, "run", 0, "with --archive and no URL: export this run only (default: the latest capture of every URL)")
	cmd.Flags().StringVar(&richText, "richtext", "portabletext", "rich text in the export: portabletext, html or markdown")
	cmd.Flags().StringVar(&opts.Config, "config", envOr("UMZUG_CONFIG", ""), "settings file (umzug.yaml, see umzug init): start URLs, flags, audit rules; flags given here win (env UMZUG_CONFIG)")
	opts.Crawl.register(cmd, false)
	return cmd
}

// migrateRun crawls, extracts, normalizes and exports. The export's
// manifest says whether the run was complete, partial (some URLs failed),
// interrupted (Ctrl-C: what was crawled until then is exported) or failed
// (nothing usable); the exit code says the same.
func migrateRun(ctx context.Context, ios *IOStreams, opts *MigrateOptions) error {
	defer pageWorkGC()()
	log, err := opts.Global.Logger(ios.ErrOut)
	if err != nil {
		return err
	}
	started := ios.Now()
	parser := opts.parser
	if parser == nil {
		p, err := newParser(opts.Profiles)
		if err != nil {
			return err
		}
		parser = p
	}
	if opts.Demo {
		stop, err := serveDemo(log, &opts.Seeds, &opts.PublicURL, opts.DemoChange)
		if err != nil {
			return err
		}
		defer stop()
	}
	offline := opts.Archive != "" && len(opts.Seeds) == 0
	var archiveRun *archive.ArchiveRun
	if offline {
		run, err := archiveRunFor(ctx, opts.Archive, opts.Run)
		if err != nil {
			return err
		}
		archiveRun = run
		opts.Seeds = run.Seeds
	}
	seeds, auth, err := opts.Crawl.staging(opts.Seeds, opts.Global)
	if err != nil {
		return err
	}
	opts.Seeds = seeds
	var copts crawl.CrawlOptions
	var connect crawl.Origins
	if !offline {
		// The crawl names the public URLs and connects to the mirror.
		named, c, err := publicCrawl(opts.Seeds, opts.PublicURL)
		if err != nil {
			return err
		}
		if copts, err = opts.Crawl.options(named); err != nil {
			return err
		}
		connect, copts.ConnectTo = c, c
		copts.Logger = log
		copts.ArchiveDir = opts.Archive
		copts.Auth = auth
	}
	seed, err := url.Parse(opts.Seeds[0])
	if err != nil || seed.Host == "" {
		return usageErr(fmt.Errorf("start URL %q: not an absolute URL", opts.Seeds[0]))
	}
	crawled := seed.Scheme + "://" + seed.Host
	siteRoot := crawled + "/"
	topts := transform.Options{SiteRoot: siteRoot}
	if opts.PublicURL != "" {
		pu, err := publicOrigin(opts.PublicURL)
		if err != nil {
			return err
		}
		topts = transform.Options{SiteRoot: pu + "/", CrawledOrigin: crawled, PublicOrigin: pu}
	}
	norm, err := transform.NewNormalizer(topts)
	if err != nil {
		return err
	}
	exp, err := load.NewExporterRichText(opts.Out, load.Manifest{
		Generator: "umzug " + umzug.Version, Source: norm.SiteRoot(),
		RunID: started.UTC().Format("20060102T150405Z"), StartedAt: started.UTC().Format(time.RFC3339),
	}, opts.RichText)
	if err != nil {
		return err
	}
	fails, err := pipeline.NewFailureLog(log, true)
	if err != nil {
		return err
	}
	defer fails.Close()
	pipe, err := pipeline.NewExport(log, norm, "", fails)
	if err != nil {
		return err
	}
	defer pipe.Close()
	if opts.Crawl.Assets {
		closeFiles, err := exportFiles(log, pipe, opts, topts, auth, len(connect) > 0)
		if err != nil {
			return err
		}
		defer closeFiles()
	}

	hosts, mapURL, err := siteScope(opts.Seeds, slices.Concat(opts.Crawl.AllowHosts, hostOfOrigins(connect)), opts.PublicURL)
	if err != nil {
		return err
	}
	var checker umzug.LinkChecker
	if !offline {
		// Offline, links are judged by the statuses the archive holds.
		if checker, err = newHTTPChecker(opts.Crawl, auth).WithOrigins(connect); err != nil {
			return err
		}
	}
	aud, err := audit.New(audit.Options{Config: opts.Rules, Hosts: hosts, MapURL: mapURL, Canonicalize: extract.Canonicalize, Checker: checker})
	if err != nil {
		return err
	}
	m := &pipeline.Migration{
		Work:   &pipeline.Work{Log: log, Parser: parser, Audit: aud, Redirects: audit.NewRedirects(aud), Fails: fails},
		Export: pipe, Exporter: exp, Archive: opts.Archive, RunID: opts.Run, Now: ios.Now,
	}
	bars := newPhaseBars(ios, opts.Global.Quiet)
	m.Phases = pipeline.NewPhases(bars)
	if !offline {
		copts.OnProgress = bars.crawlUpdate
		m.Crawl = &copts
	} else if archiveRun != nil {
		m.RunStatus = archiveRun.Status
	}
	res, err := m.Run(ctx)
	bars.End()
	if err != nil {
		return err
	}
	finished := ios.Now()
	sum := opts.Global.SummaryOut(ios.ErrOut)
	printSummary(sum, res.Crawl, res.StatusNotes, res.Manifest, res.Export.Stats, finished.Sub(started), opts.Out)
	if len(res.Phases) > 0 {
		fmt.Fprintf(sum, "Phases: %s\n", phaseTimes(res.Phases))
	}
	writeScopeHint(ios.ErrOut, res.Crawl, opts.PublicURL)
	// Failures are warnings: shown with --quiet too.
	writeFailureSummary(ios.ErrOut, fails, "URLs or documents (failures.ndjson lists them)")
	if err := audit.WriteSummary(sum, audit.Report{Pages: res.Pages, Findings: res.Export.Findings}); err != nil {
		return err
	}
	return runStatusErr(res.Status, res.Why)
}

// publicOrigin checks --public-url and returns its origin, canonical
// (internationalised hosts in punycode).
func publicOrigin(public string) (string, error) {
	cu, err := extract.Canonicalize(public)
	if err != nil {
		return "", usageErr(fmt.Errorf("--public-url %q: not an absolute URL", public))
	}
	pu, err := url.Parse(cu)
	if err != nil || pu.Host == "" {
		return "", usageErr(fmt.Errorf("--public-url %q: not an absolute URL", public))
	}
	return pu.Scheme + "://" + pu.Host, nil
}

// exportFiles makes the export hold the files themselves (migrate
// --assets): what the crawl or the archive delivers is stored as it
// passes; what is still missing at the end comes from the archive (any
// run) or, politely, from the old site. The returned function releases
// the archive. connected says the crawl names the public URLs and
// connects to the mirror (--public-url, see publicCrawl); auth is the
// staging site's credentials, sent to the mirror only.
func exportFiles(log *slog.Logger, pipe *pipeline.Export, opts *MigrateOptions, topts transform.Options, auth *crawl.Auth, connected bool) (func(), error) {
	store, err := load.NewFileStore(opts.Out, int64(opts.Crawl.MaxBodyMB)<<20)
	if err != nil {
		return nil, err
	}
	archiveURL, crawledURL := fileURLs(topts, connected)
	copts, err := opts.Crawl.options(opts.Seeds)
	if err != nil {
		return nil, err
	}
	copts.Logger, copts.Auth = log, auth
	fetcher, err := crawl.NewFileFetcher(copts, crawledURL)
	if err != nil {
		return nil, err
	}
	var srcs load.Sources
	closeFn := func() {}
	if opts.Archive != "" {
		af := archive.OpenFiles(opts.Archive, archiveURL)
		srcs = append(srcs, af)
		closeFn = func() { _ = af.Close() }
	}
	pipe.SetFiles(store, append(srcs, fetcher))
	return closeFn, nil
}

// fileURLs returns how the public URL of an asset is looked up in the
// archive and where it is fetched. The server we may fetch from is the
// crawled one (a mirror). The archive knows the URLs the crawl named:
// the public ones when the crawl connected to the mirror, else the
// crawled ones (an offline export of an archive of a mirror).
func fileURLs(topts transform.Options, connected bool) (archive, fetch func(string) string) {
	fetch = func(u string) string {
		if topts.PublicOrigin != "" && (u == topts.PublicOrigin || strings.HasPrefix(u, topts.PublicOrigin+"/")) {
			return topts.CrawledOrigin + strings.TrimPrefix(u, topts.PublicOrigin)
		}
		return u
	}
	if connected {
		return func(u string) string { return u }, fetch
	}
	return fetch, fetch
}

// archiveSeeds returns the seeds of the archive's run (the latest one
// when run is 0), to derive the site root of an offline export.
func archiveSeeds(ctx context.Context, dir string, run int64) ([]string, error) {
	r, err := archiveRunFor(ctx, dir, run)
	if err != nil {
		return nil, err
	}
	return r.Seeds, nil
}

// archiveRunFor returns the archive's run (the latest one with seeds when
// run is 0).
func archiveRunFor(ctx context.Context, dir string, run int64) (*archive.ArchiveRun, error) {
	runs, err := archive.ArchiveRuns(ctx, dir)
	if err != nil {
		return nil, err
	}
	for i := len(runs) - 1; i >= 0; i-- {
		if (run == 0 || runs[i].ID == run) && len(runs[i].Seeds) > 0 {
			return &runs[i], nil
		}
	}
	if run != 0 {
		return nil, fmt.Errorf("archive %s: no run %d", dir, run)
	}
	return nil, fmt.Errorf("archive %s: no crawl run recorded", dir)
}

// printSummary writes migrate's summary; statusNotes say how many pages
// answered which error status (not exported).
func printSummary(w io.Writer, st crawl.CrawlStats, statusNotes []string, m load.Manifest, stats map[string]int, took time.Duration, out string) {
	warnings, rejected := stats["warnings"], stats["documentsRejected"]
	if st.Assets > 0 && st.Assets <= st.Fetched {
		// --assets: the files are responses too, not pages.
		fmt.Fprintf(w, "Fetched %d pages and %d files", st.Fetched-st.Assets, st.Assets)
	} else {
		fmt.Fprintf(w, "Fetched %d pages", st.Fetched)
	}
	var notes []string
	if st.Failed > 0 {
		notes = append(notes, fmt.Sprintf("%d failed", st.Failed))
	}
	notes = append(notes, statusNotes...)
	if st.Unchanged > 0 {
		notes = append(notes, fmt.Sprintf("%d unchanged since the last run", st.Unchanged))
	}
	if st.Rechecked > 0 {
		notes = append(notes, fmt.Sprintf("%d of the last run no longer linked, requested again", st.Rechecked))
	}
	if st.RobotsBlocked > 0 {
		notes = append(notes, fmt.Sprintf("%d disallowed by robots.txt", st.RobotsBlocked))
	}
	if st.OverBudget > 0 {
		notes = append(notes, fmt.Sprintf("%d over --max-pages", st.OverBudget))
	}
	if st.TrapSkipped > 0 {
		notes = append(notes, fmt.Sprintf("%d over the trap budget", st.TrapSkipped))
	}
	if st.SitemapsSkipped > 0 {
		notes = append(notes, fmt.Sprintf("%d sitemaps over the cap of %d per host not read", st.SitemapsSkipped, crawl.MaxSitemapsPerHost))
	}
	if st.SitemapErrors > 0 {
		notes = append(notes, fmt.Sprintf("%d sitemaps unreadable", st.SitemapErrors))
	}
	if len(notes) > 0 {
		fmt.Fprintf(w, " (%s)", strings.Join(notes, ", "))
	}
	fmt.Fprintf(w, " in %s\n", took.Round(10*time.Millisecond))
	var kinds []string
	for k, n := range m.Counts {
		if k == string(umzug.KindPage) || k == string(umzug.KindPressRelease) {
			kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
		}
	}
	sort.Strings(kinds)
	if len(kinds) > 0 {
		fmt.Fprintf(w, "Documents: %d (%s)\n", m.Counts["documents"], strings.Join(kinds, ", "))
	} else {
		fmt.Fprintf(w, "Documents: %d\n", m.Counts["documents"])
	}
	fmt.Fprintf(w, "De-duplication: %d blocks in, %d out, %d snippets, %d refs, %d teaser copies replaced, %d near duplicates\n",
		stats["blocksIn"], stats["blocksOut"], stats["snippets"], stats["refs"], stats["teaserCopiesReplaced"], stats["nearDuplicates"])
	if n := stats["samePages"]; n > 0 {
		fmt.Fprintf(w, "Same page under two URLs: %d kept once (the URLs of one canonical URL or of one directory, or a press release under two detail pages, with the same content; the other URL redirects)\n", n)
	}
	if n := stats["canonicalDiffers"]; n > 0 {
		fmt.Fprintf(w, "Canonical URL of other content: %d pages declare another page's URL as canonical, with content of their own: kept apart (warning canonical-differs)\n", n)
	}
	chromeFiles := ""
	if n := stats["filesOnlyInChrome"]; n > 0 {
		chromeFiles = fmt.Sprintf(" (%d linked only from page chrome, in no document)", n)
	}
	fmt.Fprintf(w, "Assets: %d%s, redirects: %d (%d gone)\n", m.Counts["assets"], chromeFiles, stats["redirects"], stats["gone"])
	if _, ok := stats["filesMissing"]; ok {
		fmt.Fprintf(w, "Files: %d in %s/ (%d missing, see findings)\n", m.Counts["files"], load.FilesDir, stats["filesMissing"])
	}
	if len(m.Skipped) > 0 {
		fmt.Fprintf(w, "Skipped (not content, not failures): %s\n", pipeline.CountsByReason(m.Skipped))
	}
	if n := stats["removedSinceLastCrawl"]; n > 0 {
		fmt.Fprintf(w, "Removed since an earlier crawl: %d (deleted from the old site or no longer linked there; 410 in the redirect map, listed in inventory.csv)\n", n)
	}
	if warnings > 0 {
		fmt.Fprintf(w, "Warnings: %d (the documents' \"warnings\" in documents.ndjson; umzug extract --explain shows a page's)\n", warnings)
	} else {
		fmt.Fprintf(w, "Warnings: 0\n")
	}
	if rejected > 0 {
		fmt.Fprintf(w, "Rejected: %d documents could not be exported (see failures.ndjson)\n", rejected)
	}
	if n := stats["truncatedPages"]; n > 0 {
		pages := "pages larger than --max-body-size end where they were cut"
		if n == 1 {
			pages = "page larger than --max-body-size ends where it was cut"
		}
		fmt.Fprintf(w, "Cut: %d %s (warning truncated-body, noted in inventory.csv; raise --max-body-size)\n", n, pages)
	}
	var files []string
	schemas := false
	for _, f := range m.Files {
		if strings.HasPrefix(f.Path, "schema/") {
			if !schemas {
				files = append(files, "schema/…")
			}
			schemas = true
			continue
		}
		files = append(files, f.Path)
	}
	fmt.Fprintf(w, "Export: %s (%s, manifest.json), status %s\n", out, strings.Join(files, ", "), m.Status)
	for _, t := range st.Traps[:min(len(st.Traps), 10)] {
		fmt.Fprintf(w, "Possible URL trap: %s (%d crawled, %d more not; --trap-budget to change)\n", shortenURL(t.Pattern), t.Budget, t.Skipped)
	}
}

// serveDemo serves the embedded demo site (as changed some weeks later
// when changed is set) on 127.0.0.1, points the seeds at it and, unless
// the user chose one, the public URL at the site's stable public address:
// the crawl names that address and connects to the server (see
// publicCrawl), so ids, exports and archives do not depend on the port.
// The returned function stops the server.
func serveDemo(log *slog.Logger, seeds *[]string, publicURL *string, changed bool) (func(), error) {
	if *publicURL == "" {
		*publicURL = fixtures.MinistryPublicURL
	}
	site := fixtures.Ministry
	if changed {
		site = fixtures.MinistryChanged
	}
	public := strings.TrimSuffix(*publicURL, "/")
	// robots.txt and the sitemaps name the public address, as the live
	// site's would.
	srv, err := fixtures.StartHandler(func(string) http.Handler { return fixtures.SiteHandler(site, public) })
	if err != nil {
		return nil, err
	}
	*seeds = []string{srv.URL + "/"}
	log.Debug("demo site served", "url", srv.URL, "public", *publicURL, "changed", changed)
	return srv.Close, nil
}
