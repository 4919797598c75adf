package cmd

import (
	"bufio"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// SavedPages are the flags that tell the URL of saved HTML files.
type SavedPages struct {
	BaseURL string // the URL Root was served at; for one file and no Root: the page's own URL
	Root    string // the directory that stands for BaseURL (default: the files' common directory)
	URLList string // a file of "FILE URL" lines, instead of BaseURL
}

func (s *SavedPages) register(fl interface {
	StringVar(p *string, name, value, usage string)
}) {
	fl.StringVar(&s.BaseURL, "base-url", "", "URL the pages were served at: with several files, the URL of --root, and each file's path below it is appended (index.html names its directory); with one file, that page's URL")
	fl.StringVar(&s.Root, "root", "", "with --base-url: the directory that stands for the base URL (default: the files' common directory)")
	fl.StringVar(&s.URLList, "url-map", "", `file of "FILE URL" lines giving each saved page its URL (paths relative to the list's directory)`)
}

func (s *SavedPages) check() error {
	if s.URLList != "" && (s.BaseURL != "" || s.Root != "") {
		return usageErr(errors.New("give --url-map or --base-url, not both"))
	}
	if s.Root != "" && s.BaseURL == "" {
		return usageErr(errors.New("--root needs --base-url"))
	}
	if s.BaseURL != "" {
		u, err := url.Parse(s.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageErr(fmt.Errorf("--base-url %q: not an absolute http(s) URL", s.BaseURL))
		}
	}
	return nil
}

// urls returns the URL of each file ("" where the flags give none: the
// caller falls back to the page's canonical link or its file:// URL).
// Two files with the same URL are an error: one would silently replace
// the other in the export.
func (s *SavedPages) urls(files []string) (map[string]string, error) {
	out := make(map[string]string, len(files))
	switch {
	case s.URLList != "":
		list, err := readURLList(s.URLList)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			abs, err := filepath.Abs(f)
			if err != nil {
				return nil, err
			}
			u, ok := list[abs]
			if !ok {
				return nil, usageErr(fmt.Errorf("%s: not listed in --url-map %s", f, s.URLList))
			}
			out[f] = u
		}
	case s.BaseURL != "" && len(files) == 1 && s.Root == "":
		out[files[0]] = s.BaseURL
	case s.BaseURL != "":
		root := s.Root
		if root == "" {
			root = commonDir(files)
		}
		base, _ := url.Parse(s.BaseURL)
		if !strings.HasSuffix(base.Path, "/") {
			base.Path += "/"
		}
		for _, f := range files {
			rel, err := relUnder(root, f)
			if err != nil {
				return nil, usageErr(err)
			}
			if b := path.Base(rel); b == "index.html" || b == "index.htm" {
				rel = strings.TrimSuffix(rel, b)
			}
			ref := &url.URL{Path: rel}
			out[f] = base.ResolveReference(ref).String()
		}
	default:
		return out, nil
	}
	seen := map[string]string{}
	for _, f := range files {
		u := out[f]
		if prev, ok := seen[u]; ok && prev != f {
			return nil, usageErr(fmt.Errorf("%s and %s would both be %s: give --root or --url-map so that each page has its own URL", prev, f, u))
		}
		seen[u] = f
	}
	return out, nil
}

// relUnder returns f's path below root, with forward slashes.
func relUnder(root, f string) (string, error) {
	ar, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	af, err := filepath.Abs(f)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(ar, af)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is not below --root %s", f, root)
	}
	return filepath.ToSlash(rel), nil
}

// commonDir is the deepest directory holding all files.
func commonDir(files []string) string {
	var common []string
	for i, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			return "."
		}
		parts := strings.Split(filepath.Dir(abs), string(filepath.Separator))
		if i == 0 {
			common = parts
			continue
		}
		n := 0
		for n < len(common) && n < len(parts) && common[n] == parts[n] {
			n++
		}
		common = common[:n]
	}
	dir := strings.Join(common, string(filepath.Separator))
	if dir == "" {
		return string(filepath.Separator)
	}
	return dir
}

// readURLList reads "FILE URL" lines (blank lines and # comments
// ignored); FILE is relative to the list's directory unless absolute.
func readURLList(name string) (map[string]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, usageErr(fmt.Errorf("--url-map: %w", err))
	}
	defer f.Close()
	dir := filepath.Dir(name)
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexAny(line, " \t")
		if i < 0 {
			return nil, usageErr(fmt.Errorf("%s line %d: want FILE URL", name, n))
		}
		file, raw := strings.TrimSpace(line[:i]), line[i+1:]
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, usageErr(fmt.Errorf("%s line %d: %q is not an absolute http(s) URL", name, n, raw))
		}
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, file)
		}
		abs, err := filepath.Abs(file)
		if err != nil {
			return nil, err
		}
		out[abs] = raw
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return out, nil
}
