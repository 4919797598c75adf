package cmd

import (
	"context"
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
