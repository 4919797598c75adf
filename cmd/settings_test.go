package cmd

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

func writeSettings(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "umzug.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// parseMigrate runs umzug migrate's flag parsing (and settings) on args.
func parseMigrate(t *testing.T, args ...string) (*MigrateOptions, error) {
	t.Helper()
	ios, _, _ := testStreams()
	var got *MigrateOptions
	root := NewRootCmd(ios)
	for _, c := range root.Commands() {
		if c.Name() == "migrate" {
			root.RemoveCommand(c)
		}
	}
	root.AddCommand(NewCmdMigrate(ios, &GlobalOptions{}, func(_ context.Context, o *MigrateOptions) error { got = o; return nil }))
	root.SetArgs(append([]string{"migrate"}, args...))
	err := root.Execute()
	return got, err
}

func TestSettingsPrecedence(t *testing.T) {
	t.Setenv("UMZUG_USER_AGENT", "")
	t.Setenv("UMZUG_CONFIG", "")
	cfg := writeSettings(t, `
urls: [https://www.a.example/, https://www.a.example/presse/]
public-url: https://www.a.example
archive: archive
crawl:
  concurrency: 2
  delay: 500ms
  exclude: ['\?tx_kesearch', '/suche/']
  user-agent: "umzug (webteam@a.example)"
  new-run: true          # crawl's own flag: not for migrate
migrate:
  out: export
  concurrency: 3
  richtext: html
audit:
  fail-on: error
  disable: [missing-alt]
`)
	o, err := parseMigrate(t, "--config", cfg)
	if err != nil {
		t.Fatal(err)
	}
	c := o.Crawl
	if !reflect.DeepEqual(o.Seeds, []string{"https://www.a.example/", "https://www.a.example/presse/"}) || o.Out != "export" || o.Archive != "archive" ||
		o.PublicURL != "https://www.a.example" || c.Concurrency != 3 || c.Delay != 500*time.Millisecond ||
		!reflect.DeepEqual(c.Exclude, []string{`\?tx_kesearch`, "/suche/"}) || c.UserAgent != "umzug (webteam@a.example)" || o.RichText != "html" {
		t.Errorf("options from the file: %+v", o)
	}
	if o.Rules == nil || len(o.Rules.Disable) != 1 {
		t.Errorf("migrate did not take the audit rules: %+v", o.Rules)
	}
	// The command line wins, the environment wins over the file.
	t.Setenv("UMZUG_USER_AGENT", "from-env")
	o, err = parseMigrate(t, "--config", cfg, "--concurrency", "5", "--exclude", "/x/", "https://b.example/")
	if err != nil {
		t.Fatal(err)
	}
	if o.Crawl.Concurrency != 5 || !reflect.DeepEqual(o.Crawl.Exclude, []string{"/x/"}) || o.Crawl.UserAgent != "from-env" || !reflect.DeepEqual(o.Seeds, []string{"https://b.example/"}) {
		t.Errorf("flags and env over the file: %+v", o)
	}
	// --demo and --archive on the command line do not take the file's URLs.
	if o, err = parseMigrate(t, "--config", cfg, "--demo"); err != nil || len(o.Seeds) != 0 {
		t.Errorf("--demo with a settings file: %v, seeds %v", err, o.Seeds)
	}
	if o, err = parseMigrate(t, "--config", cfg, "--archive", "old"); err != nil || len(o.Seeds) != 0 || o.Archive != "old" {
		t.Errorf("--archive with a settings file: %v, %+v", err, o)
	}
	// UMZUG_CONFIG names the file.
	t.Setenv("UMZUG_CONFIG", cfg)
	if o, err = parseMigrate(t); err != nil || o.Out != "export" {
		t.Errorf("UMZUG_CONFIG: %v, %+v", err, o)
	}
}

func TestSettingsErrorsNameFileAndKey(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"crawl:\n  max-page: 10\n", "crawl.max-page: unknown setting (did you mean max-pages?)"},
		{"crawl:\n  delay: fast\n", `crawl.delay: time: invalid duration "fast"`},
		{"crawl:\n  concurrency: [1, 2]\n", "crawl.concurrency: takes one value, not a list"},
		{"migrat:\n  out: x\n", "migrat: unknown setting (did you mean migrate?)"},
		{"migrate:\n  demo: true\n", "migrate.demo: unknown setting"},
		{"audit:\n  rules:\n    - id: x\n      phrase: [a]\n", "phrase"},
		{"disable: [nope]\n", `unknown rule "nope"`},
		{"disable: [missing-alt]\naudit:\n  disable: [missing-alt]\n", "give the audit rules in one place"},
		{"- a\n- b\n", "want a mapping"},
	} {
		cfg := writeSettings(t, tt.text)
		ios, _, errOut := testStreams()
		code := Execute(t.Context(), NewRootCmd(ios), []string{"migrate", "--demo", "--out", t.TempDir(), "--config", cfg}, ios)
		if code != ExitError || !strings.Contains(errOut.String(), cfg) || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("%q: exit %d, %s; want exit %d naming the file and %q", tt.text, code, errOut, ExitError, tt.want)
		}
	}
}

// TestSettingsOldAuditConfig: an audit rule file of the old form is a
// settings file.
func TestSettingsOldAuditConfig(t *testing.T) {
	for _, text := range []string{
		"disable: [missing-alt]\nseverity: {empty-element: info}\nrules:\n  - id: old-name\n    phrases: [TMIL]\n",
		"audit:\n  disable: [missing-alt]\n  severity: {empty-element: info}\n  rules:\n    - id: old-name\n      phrases: [TMIL]\n",
	} {
		st, err := readSettings(writeSettings(t, text))
		if err != nil || st.audit == nil || len(st.audit.Disable) != 1 || len(st.audit.Rules) != 1 || st.audit.Severity["empty-element"] != "info" {
			t.Errorf("%q: %v, %+v", text, err, st)
		}
	}
}

// TestInitWritesEveryFlag: umzug init writes a file that reads back, and
// with every commented setting switched on it still reads and sets the
// defaults it shows.
func TestInitWritesEveryFlag(t *testing.T) {
	t.Setenv("UMZUG_USER_AGENT", "")
	t.Setenv("UMZUG_CONFIG", "")
	dir := t.TempDir()
	out := filepath.Join(dir, "umzug.yaml")
	if code, _, stderr := run(t, "init", "https://www.a.example/", "--out", out); code != ExitOK || !strings.Contains(stderr, "umzug migrate --config") {
		t.Fatalf("init: exit %d, %s", code, stderr)
	}
	if code, _, stderr := run(t, "init", "https://www.a.example/", "--out", out); code != ExitError || !strings.Contains(stderr, "--force") {
		t.Errorf("init over an existing file: exit %d, %s", code, stderr)
	}
	b, _ := os.ReadFile(out)
	text := string(b)
	for _, want := range []string{"urls: [https://www.a.example/]", "archive: archive", "  out: export", "  # max-pages: 0", "  # delay: 0s", "  # fail-on: ", "  # disable: [missing-alt]"} {
		if !strings.Contains(text, want) {
			t.Errorf("umzug.yaml lacks %q", want)
		}
	}
	o, err := parseMigrate(t, "--config", out)
	if err != nil || o.Out != "export" || o.Archive != "archive" || len(o.Seeds) != 1 {
		t.Fatalf("the written file: %v, %+v", err, o)
	}
	// Every setting switched on: the file still reads, and migrate sees
	// the defaults it would have without it.
	all := regexp.MustCompile(`(?m)^(\s*)# ([a-z-]+:(?: |$)|  - id|    [a-z]+:)`).ReplaceAllString(text, "$1$2")
	all = strings.Replace(all, "  disable: [missing-alt]", "  disable: []", 1)
	full := filepath.Join(dir, "full.yaml")
	if err := os.WriteFile(full, []byte(all), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := readSettings(full)
	if err != nil {
		t.Fatalf("every setting switched on:\n%s\n%v", all, err)
	}
	if st.audit == nil || len(st.audit.Rules) != 1 {
		t.Errorf("the example rule did not read: %+v", st.audit)
	}
	withFile, err := parseMigrate(t, "--config", full, "--demo")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := parseMigrate(t, "--demo", "--out", "export", "--archive", "archive")
	if err != nil {
		t.Fatal(err)
	}
	withFile.Config, withFile.Rules, plain.Config = "", nil, ""
	if !reflect.DeepEqual(withFile, plain) {
		t.Errorf("the defaults in umzug.yaml differ from the flags' defaults:\n file %+v\nflags %+v", withFile, plain)
	}
}
