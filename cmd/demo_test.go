package cmd

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/umzug/umzug/fixtures"
)

// run executes umzug with args and returns the exit code, stdout and
// stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	ios, out, errOut := testStreams()
	code := Execute(t.Context(), NewRootCmd(ios), args, ios)
	return code, out.String(), errOut.String()
}

// TestDemoRecrawlAndDiff is the README's re-crawl walk-through: the demo
// migrated twice into one archive diffs as unchanged (the archive keys
// URLs by the public origin, not the server's random port); the changed
// demo diffs as exactly the changes fixtures.MinistryChanges lists.
func TestDemoRecrawlAndDiff(t *testing.T) {
	dir := t.TempDir()
	arch, out := filepath.Join(dir, "archive"), filepath.Join(dir, "export")
	for i := range 2 {
		if code, _, stderr := run(t, "migrate", "--demo", "--archive", arch, "--out", out); code != ExitOK {
			t.Fatalf("migrate %d: exit %d\n%s", i+1, code, stderr)
		}
	}
	code, stdout, stderr := run(t, "diff", "--archive", arch)
	if code != ExitOK || stdout != "" || !strings.Contains(stderr, "Run 1 (complete) -> run 2 (complete): 0 added, 0 changed, 0 removed, 0 status changed, 57 unchanged") {
		t.Fatalf("the demo migrated twice diffs as (exit %d)\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = run(t, "migrate", "--demo-change", "--archive", arch, "--out", out)
	if code != ExitOK {
		t.Fatalf("migrate --demo-change: exit %d\n%s", code, stderr)
	}
	if !regexp.MustCompile(`\d+ unchanged since the last run`).MatchString(stderr) {
		t.Errorf("the re-crawl summary does not count conditional requests answered 304:\n%s", stderr)
	}
	code, stdout, _ = run(t, "diff", "--archive", arch)
	if code != ExitOK {
		t.Fatalf("diff: exit %d", code)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
		f := strings.Fields(l)
		got = append(got, f[0]+" "+strings.TrimPrefix(f[1], fixtures.MinistryPublicURL))
	}
	var want []string
	for _, c := range fixtures.MinistryChanges {
		want = append(want, c.Change+" "+c.Path)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("diff after the demo changed:\n%s\nwant %q", stdout, want)
	}
}

// TestDemoStderr: a normal demo run prints the summary and nothing that
// reads like trouble (the seeded defects are in the audit summary);
// --quiet prints nothing at all.
func TestDemoStderr(t *testing.T) {
	code, stdout, stderr := run(t, "migrate", "--demo", "--out", t.TempDir())
	if code != ExitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	if strings.Contains(stderr, "level=") {
		t.Errorf("a normal demo run logs:\n%s", stderr)
	}
	if !strings.Contains(stderr, "Fetched 57 pages (1 answered 404") || !strings.Contains(stderr, "broken-link") {
		t.Errorf("the summary does not account for the seeded 404:\n%s", stderr)
	}
	code, stdout, stderr = run(t, "migrate", "--demo", "--out", t.TempDir(), "--quiet")
	if code != ExitOK || stdout != "" || stderr != "" {
		t.Errorf("--quiet: exit %d, stdout %q, stderr %q; want nothing", code, stdout, stderr)
	}
}
