package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/audit"
	"github.com/umzug/umzug/extract"
	"github.com/umzug/umzug/internal/fsutil"
	"github.com/umzug/umzug/pipeline"
)

// AuditOptions are the inputs of umzug audit.
type AuditOptions struct {
	Global        *GlobalOptions
	Seeds         []string // start URLs to crawl
	Files         []string // saved HTML pages
	Archive       string
	Demo          bool
	PublicURL     string
	Format        string
	Out           string
	FailOn        string
	Baseline      string
	Config        string
	CheckExternal bool
	CSVExcel      bool
	Profiles      []string
	Crawl         CrawlFlags

	SavedPages // the URLs of Files

	Rules *audit.Config // audit rules from the settings file (else read from Config)

	// parser replaces the extractor (tests: one that panics).
	parser pageParser
}

var auditFormats = []string{"text", "ndjson", "csv", "junit", "html"}

// NewCmdAudit builds umzug audit. runF replaces the run function in tests
// of flag parsing.
func NewCmdAudit(ios *IOStreams, g *GlobalOptions, runF func(context.Context, *AuditOptions) error) *cobra.Command {
	opts := &AuditOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "audit URL... | FILE.html... | --archive DIR | --demo",
		Short: "Find broken elements, placeholders, broken links and images",
		Long: `audit checks every page of a site for what must not be migrated and what is
broken: CMS rendering errors (broken-element), dummy text such as Lorem ipsum
or "Headline H3" (placeholder-text), alt texts like "alternativer Text"
(placeholder-alt), images without a text alternative (missing-alt), empty
content elements, broken links and images (with the pages that link there),
server errors and mixed content. Placeholder rules look at visible text and
alt/title attributes only, never at scripts, styles, comments or JSON-LD.

It crawls the given start URLs (crawl flags as for migrate), reads saved
HTML files, or an archive made by umzug crawl. Internal link targets that
were not crawled (images, PDFs) are checked with HEAD (then GET); external
ones only with --check-external.

The report goes to stdout or --out: a text summary grouped by rule (the
default on a terminal), ndjson (the default otherwise), csv, junit or a
self-contained html page. With --baseline only findings new since that
NDJSON report are shown; --fail-on makes findings of that severity exit 3.`,
		Example: `  # audit the embedded demo site, summary on the terminal
  umzug audit --demo

  # a real site, an HTML report to open in the browser
  umzug audit https://www.example.de/ --format html --out audit.html

  # nightly: fail the job on new errors only
  umzug audit https://www.example.de/ --baseline last.ndjson --fail-on error --format junit --out audit.xml

  # saved pages, for German Excel
  umzug audit saved/*.html --format csv --csv-excel --out audit.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := applySettings(cmd, opts.Config, "audit")
			if err != nil {
				return err
			}
			if st != nil {
				args, opts.Rules = st.startURLs(cmd, args), st.audit
			}
			for _, a := range args {
				if strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://") {
					opts.Seeds = append(opts.Seeds, a)
				} else {
					opts.Files = append(opts.Files, a)
				}
			}
			modes := 0
			for _, on := range []bool{opts.Demo, len(opts.Seeds) > 0, len(opts.Files) > 0, opts.Archive != ""} {
				if on {
					modes++
				}
			}
			switch {
			case modes == 0:
				return usageErr(errors.New("give start URLs, HTML files, --archive DIR or --demo"))
			case modes > 1:
				return usageErr(errors.New("give either start URLs, HTML files, --archive or --demo"))
			}
			if opts.Format != "" && !slices.Contains(auditFormats, opts.Format) {
				return usageErr(fmt.Errorf("--format %q: want %s", opts.Format, strings.Join(auditFormats, ", ")))
			}
			switch opts.FailOn {
			case "", "none", "info", "warning", "error":
			default:
				return usageErr(fmt.Errorf("--fail-on %q: want info, warning, error or none", opts.FailOn))
			}
			if (opts.BaseURL != "" || opts.URLList != "") && len(opts.Files) == 0 {
				return usageErr(errors.New("--base-url and --url-map are for HTML files"))
			}
			if err := opts.SavedPages.check(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return auditRun(cmd.Context(), ios, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Format, "format", "f", "", "report format: text, ndjson, csv, junit, html (default: text on a terminal, else from --out's extension, else ndjson)")
	fl.StringVarP(&opts.Out, "out", "o", "", "write the report to FILE instead of stdout")
	fl.StringVar(&opts.FailOn, "fail-on", "", "exit 3 when a finding has this severity or a higher one: info, warning, error")
	fl.StringVar(&opts.Baseline, "baseline", "", "report only findings not in this earlier NDJSON report")
	fl.StringVar(&opts.Config, "config", envOr("UMZUG_CONFIG", ""), "settings file (umzug.yaml, see umzug init): start URLs, flags, and the audit rules: user rules, disabled rules, severities (env UMZUG_CONFIG)")
	fl.BoolVar(&opts.CheckExternal, "check-external", false, "also check links and images on other hosts")
	fl.BoolVar(&opts.CSVExcel, "csv-excel", false, "CSV for German Excel: byte order mark, ';' between fields")
	fl.StringVar(&opts.Archive, "archive", "", "audit the pages of an archive made by umzug crawl, offline")
	fl.BoolVar(&opts.Demo, "demo", false, "audit the embedded demo site, served on 127.0.0.1")
	opts.SavedPages.register(fl)
	fl.StringArrayVar(&opts.Profiles, "profile", nil, "site profile (YAML) to try before the built-in ones (repeatable)")
	fl.StringVar(&opts.PublicURL, "public-url", "", "public origin of the site when crawling a mirror; findings name public URLs")
	opts.Crawl.register(cmd, false)
	return cmd
}

func auditRun(ctx context.Context, ios *IOStreams, opts *AuditOptions) error {
	defer pageWorkGC()()
	log, err := opts.Global.Logger(ios.ErrOut)
	if err != nil {
		return err
	}
	started := ios.Now()
	cfg := opts.Rules
	if cfg == nil && opts.Config != "" {
		st, err := readSettings(opts.Config)
		if err != nil {
			return err
		}
		cfg = st.audit
	}
	var baseline []umzug.Finding
	if opts.Baseline != "" {
		if baseline, err = readBaseline(opts.Baseline); err != nil {
			return usageErr(err)
		}
	}
	parser := opts.parser
	if parser == nil {
		p, err := newParser(opts.Profiles)
		if err != nil {
			return err
		}
		parser = p
	}
	fails, err := pipeline.NewFailureLog(log, false)
	if err != nil {
		return err
	}
	defer fails.Close()
	work := &pipeline.Work{Log: log, Parser: parser, Fails: fails}
	run := &pipeline.AuditRun{Work: work}
	aopts := audit.Options{Config: cfg, CheckExternal: opts.CheckExternal, Canonicalize: extract.Canonicalize}
	site := ""
	var checker *pipeline.HTTPChecker
	bars := newPhaseBars(ios, opts.Global.Quiet)
	switch {
	case opts.Archive != "":
		seeds, err := archiveSeeds(ctx, opts.Archive, 0)
		if err != nil {
			return err
		}
		hosts, mapURL, err := siteScope(seeds, opts.Crawl.AllowHosts, opts.PublicURL)
		if err != nil {
			return err
		}
		// Offline: links are judged by the statuses the archive holds.
		aopts = audit.Options{Config: cfg, Hosts: hosts, MapURL: mapURL, Canonicalize: extract.Canonicalize}
		site, run.Archive = mapURL(seeds[0]), opts.Archive
	case len(opts.Files) > 0:
		site = fmt.Sprintf("%d files", len(opts.Files))
		urls, err := opts.SavedPages.urls(opts.Files)
		if err != nil {
			return err
		}
		if opts.BaseURL != "" || opts.URLList != "" {
			// The files stand for pages of that site: check its links online.
			for _, u := range urls {
				if pu, err := url.Parse(u); err == nil && !slices.Contains(aopts.Hosts, pu.Host) {
					aopts.Hosts = append(aopts.Hosts, pu.Host)
				}
			}
			slices.Sort(aopts.Hosts)
			checker = newHTTPChecker(opts.Crawl, nil)
			aopts.Checker = checker
		}
		run.Files, run.URLs = opts.Files, urls
	default:
		if opts.Demo {
			stop, err := serveDemo(log, &opts.Seeds, &opts.PublicURL, false)
			if err != nil {
				return err
			}
			defer stop()
		}
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
		copts.Logger, copts.ConnectTo, copts.Auth = log, connect, auth
		hosts, mapURL, err := siteScope(opts.Seeds, slices.Concat(opts.Crawl.AllowHosts, hostOfOrigins(connect)), opts.PublicURL)
		if err != nil {
			return err
		}
		site = mapURL(opts.Seeds[0])
		aopts.Hosts, aopts.MapURL = hosts, mapURL
		if checker, err = newHTTPChecker(opts.Crawl, auth).WithOrigins(connect); err != nil {
			return err
		}
		aopts.Checker = checker
		copts.OnProgress = bars.crawlUpdate
		run.Crawl = &copts
	}
	aud, err := audit.New(aopts)
	if err != nil {
		return usageErr(err)
	}
	work.Audit = aud
	if len(opts.Files) == 0 {
		work.Redirects = audit.NewRedirects(aud)
	}
	run.Phases = pipeline.NewPhases(bars)
	res, err := run.Run(ctx)
	bars.End()
	if err != nil {
		return err
	}
	if len(opts.Files) > 0 && res.Read == 0 {
		writeFailureSummary(ios.ErrOut, fails, "files")
		return runError{status: umzug.StatusFailed, msg: "failed: no file could be audited"}
	}
	if checker != nil {
		log.Debug("links checked", "checker", checker.String())
	}
	if len(res.Phases) > 0 {
		fmt.Fprintf(opts.Global.SummaryOut(ios.ErrOut), "Phases: %s\n", phaseTimes(res.Phases))
	}
	if u := aud.Unchecked(); u.Links+u.Images > 0 {
		how := "audit the site online"
		if opts.Archive != "" {
			how = "not in the archive: crawl with --assets, or audit the site online"
		}
		fmt.Fprintf(ios.ErrOut, "Not checked: %d link targets and %d images (%s); broken ones are not reported\n", u.Links, u.Images, how)
	}
	return auditReport(ios, opts, log, audit.Report{Site: site, Pages: res.Pages, GeneratedAt: started, Findings: res.Findings, Rules: ruleIDs(cfg)}, baseline, fails, res.Status)
}

// siteScope returns the site's hosts (seeds and --allow-host) and the
// mapping of crawled URLs to public ones (identity without --public-url).
func siteScope(seeds, allow []string, public string) ([]string, func(string) string, error) {
	var hosts []string
	for _, s := range seeds {
		u, err := url.Parse(s)
		if err != nil || u.Host == "" {
			return nil, nil, usageErr(fmt.Errorf("start URL %q: not an absolute URL", s))
		}
		hosts = append(hosts, strings.ToLower(u.Host))
	}
	for _, h := range allow {
		hosts = append(hosts, extract.CanonicalHostName(h))
	}
	if public == "" {
		return hosts, func(s string) string { return s }, nil
	}
	pu, err := publicOrigin(public)
	if err != nil {
		return nil, nil, err
	}
	seed, _ := url.Parse(seeds[0])
	return hosts, originMapper(seed.Scheme+"://"+seed.Host, pu), nil
}

// originMapper rewrites URLs of the crawled origin to the public one.
func originMapper(crawled, public string) func(string) string {
	return func(s string) string {
		if s == crawled || strings.HasPrefix(s, crawled+"/") || strings.HasPrefix(s, crawled+"?") || strings.HasPrefix(s, crawled+"#") {
			return public + s[len(crawled):]
		}
		return s
	}
}

func readBaseline(path string) ([]umzug.Finding, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--baseline: %w", err)
	}
	defer f.Close()
	fs, err := audit.ReadNDJSON(f)
	if err != nil {
		return nil, fmt.Errorf("--baseline %s: %w", path, err)
	}
	return fs, nil
}

func ruleIDs(cfg *audit.Config) []string {
	ids := slices.Clone(audit.BuiltinRules)
	if cfg != nil {
		for _, r := range cfg.Rules {
			ids = append(ids, r.ID)
		}
		ids = slices.DeleteFunc(ids, func(id string) bool { return slices.Contains(cfg.Disable, id) })
	}
	return ids
}

// auditReport applies the baseline, writes the report and decides the
// exit code: interrupted, failed (the site was down) and partial (pages
// that could not be fetched, read or audited) before findings at or above
// --fail-on.
func auditReport(ios *IOStreams, opts *AuditOptions, log interface{ Info(string, ...any) }, r audit.Report, baseline []umzug.Finding, fails *pipeline.FailureLog, status string) error {
	r.Findings = umzug.GroupTemplateFindings(r.Findings)
	if opts.Baseline != "" {
		r.Findings, r.Known, r.Fixed = audit.Since(r.Findings, baseline)
		r.Baseline = filepath.Base(opts.Baseline)
	}
	umzug.SortFindings(r.Findings)
	format := opts.Format
	if format == "" {
		format = defaultFormat(opts.Out, ios.OutTTY)
	}
	var w io.Writer = ios.Out
	var af *fsutil.AtomicFile
	if opts.Out != "" {
		var err error
		if af, err = fsutil.CreateAtomic(opts.Out); err != nil {
			return err
		}
		defer af.Abort()
		w = af
	}
	var err error
	switch format {
	case "text":
		err = audit.WriteText(w, r)
	case "ndjson":
		err = audit.WriteNDJSON(w, r.Findings)
	case "csv":
		err = audit.WriteCSV(w, r.Findings, audit.CSVOptions{Excel: opts.CSVExcel})
	case "junit":
		err = audit.WriteJUnit(w, r)
	case "html":
		err = audit.WriteHTML(w, r)
	}
	if err != nil {
		return err
	}
	if af != nil {
		if err := af.Commit(); err != nil {
			return err
		}
	}
	if opts.Out != "" || format != "text" {
		// The report is data; the people watching get the summary.
		if err := audit.WriteSummary(opts.Global.SummaryOut(ios.ErrOut), r); err != nil {
			return err
		}
		if opts.Out != "" {
			log.Info("report written", "file", opts.Out, "format", format)
		}
	}
	writeFailureSummary(ios.ErrOut, fails, "URLs not audited")
	switch {
	case status == umzug.StatusInterrupted:
		return runError{status: status, msg: "interrupted: the report holds the pages audited until then"}
	case status == umzug.StatusFailed:
		return runError{status: status, msg: fmt.Sprintf("failed: most URLs got no usable response (%d failed); the site may be down", fails.Total())}
	case fails.Total() > 0:
		return runError{status: umzug.StatusPartial, msg: fmt.Sprintf("partial: %d URLs could not be audited (see the log)%s", fails.Total(), findingsNote(opts.FailOn, r.Findings))}
	}
	if th := umzug.Severity(opts.FailOn); th.Rank() > 0 {
		n := 0
		for _, f := range r.Findings {
			if f.Severity.Rank() >= th.Rank() {
				n++
			}
		}
		if n > 0 {
			return exitError{code: ExitFindings, msg: fmt.Sprintf("audit: %d finding%s at or above %s", n, plural(n), th)}
		}
	}
	return nil
}

// findingsNote mentions the findings at or above --fail-on that a
// stronger exit code hides.
func findingsNote(failOn string, fs []umzug.Finding) string {
	th := umzug.Severity(failOn)
	if th.Rank() == 0 {
		return ""
	}
	n := 0
	for _, f := range fs {
		if f.Severity.Rank() >= th.Rank() {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("; %d finding%s at or above %s", n, plural(n), th)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func defaultFormat(out string, tty bool) string {
	switch strings.ToLower(filepath.Ext(out)) {
	case ".html", ".htm":
		return "html"
	case ".csv":
		return "csv"
	case ".xml":
		return "junit"
	case ".txt":
		return "text"
	case ".ndjson", ".jsonl", ".json":
		return "ndjson"
	}
	if out == "" && tty {
		return "text"
	}
	return "ndjson"
}
