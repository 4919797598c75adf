package cmd

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadToWordPressFlags(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("UMZUG_WP_PASSWORD", "")
	for _, tt := range []struct {
		args, wantErr string
	}{
		{"load " + dir + " --to drupal --url http://x --user u", `--to "drupal"`},
		{"load " + dir + " --to wordpress --user u", "--url SITE_URL and --user NAME"},
		{"load " + dir + " --to wordpress --url http://x --user u", "UMZUG_WP_PASSWORD"},
		{"load " + dir + " --to wordpress --url http://x --user u --password secret", "unknown flag: --password"},
		{"load " + dir + " --to wordpress --url http://x --user u --out y", "without --out or --push"},
		{"load missing.ndjson --to wordpress --url http://x --user u", "needs an export directory"},
		{"load " + dir + " --to wordpress --url http://x --user u --status secret", "--status"},
	} {
		ios, _, errOut := testStreams()
		if code := Execute(t.Context(), NewRootCmd(ios), strings.Fields(tt.args), ios); code != ExitUsage || !strings.Contains(errOut.String(), tt.wantErr) {
			t.Errorf("umzug %s: exit %d, %q; want %d and %q", tt.args, code, errOut, ExitUsage, tt.wantErr)
		}
	}
	// The password comes from the file (or the environment), never a flag.
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte("abcd efgh\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ios, _, _ := testStreams()
	var got *LoadOptions
	cmd := NewCmdLoad(ios, &GlobalOptions{}, func(_ context.Context, o *LoadOptions) error { got = o; return nil })
	cmd.SetArgs([]string{dir, "--to", "wordpress", "--url", "http://x", "--user", "u", "--password-file", pw, "--dry-run"})
	if err := cmd.ExecuteContext(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got == nil || got.CMS.password != "abcd efgh" || !got.DryRun || got.Input != dir {
		t.Errorf("options = %+v", got)
	}
}

// TestLoadToRefusesIncompleteExport: load --to, like --push, takes only an
// export whose manifest says complete unless --allow-partial is given; the
// refusal comes before any request to the CMS and names the status.
func TestLoadToRefusesIncompleteExport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "export")
	if code, _, stderr := run(t, "migrate", "--demo", "--out", out, "-q"); code != ExitOK {
		t.Fatalf("migrate --demo: exit %d\n%s", code, stderr)
	}
	// The export of a run in which one page timed out.
	mp := filepath.Join(out, "manifest.json")
	b, err := os.ReadFile(mp)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	m["status"], m["failures"] = "partial", map[string]int{"timeout": 1}
	if b, err = json.Marshal(m); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mp, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("UMZUG_WP_PASSWORD", "abcd efgh")
	// Nothing listens on port 9: a request would fail with "connecting".
	args := []string{"load", out, "--to", "wordpress", "--url", "http://127.0.0.1:9", "--user", "u", "--retries", "0"}
	code, _, stderr := run(t, args...)
	if code != ExitError || !strings.Contains(stderr, "partial") || !strings.Contains(stderr, "timeout 1") || !strings.Contains(stderr, "--allow-partial") || strings.Contains(stderr, "connecting") {
		t.Errorf("load --to of a partial export: exit %d\n%s\nwant %d, refused naming the status, its failures and --allow-partial, before any request", code, stderr, ExitError)
	}
	code, _, stderr = run(t, append(args, "--allow-partial")...)
	if code != ExitError || !strings.Contains(stderr, "connecting") {
		t.Errorf("load --to --allow-partial: exit %d\n%s\nwant it to go on to the CMS (and fail to connect)", code, stderr)
	}
	if strings.Contains(stderr, "abcd efgh") {
		t.Errorf("the application password is in stderr:\n%s", stderr)
	}
}
