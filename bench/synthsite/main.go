// Command synthsite writes the synthetic site of fixtures.WriteSynthetic to
// a directory for a given base URL, and can serve such a directory on
// 127.0.0.1 when no nginx is at hand. Used by bench/crawl.sh and
// bench/throughput.sh.
//
//	go run ./bench/synthsite -write DIR -n 10000 -base http://127.0.0.1:8199
//	go run ./bench/synthsite -serve DIR -addr 127.0.0.1:8199 -log requests.txt
package main

import (
	"bufio"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/umzug/umzug/fixtures"
)

func main() {
	write := flag.String("write", "", "write the site to this directory")
	n := flag.Int("n", 10000, "pages")
	base := flag.String("base", "", "base URL the site is served at (replaces "+fixtures.BaseToken+")")
	serve := flag.String("serve", "", "serve this directory")
	addr := flag.String("addr", "127.0.0.1:8199", "listen address (loopback only)")
	logPath := flag.String("log", "", "append each request URI to this file")
	flag.Parse()
	var err error
	switch {
	case *write != "":
		err = writeSite(*write, *n, *base)
	case *serve != "":
		err = serveDir(*serve, *addr, *logPath)
	default:
		flag.Usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "synthsite:", err)
		os.Exit(1)
	}
}

func writeSite(dir string, n int, base string) error {
	if base == "" {
		return fmt.Errorf("-base is required")
	}
	if err := fixtures.WriteSynthetic(dir, n); err != nil {
		return err
	}
	files, _ := filepath.Glob(filepath.Join(dir, "sitemap*.xml"))
	files = append(files, filepath.Join(dir, "robots.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if err := os.WriteFile(f, []byte(strings.ReplaceAll(string(b), fixtures.BaseToken, base)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func serveDir(dir, addr, logPath string) error {
	if !strings.HasPrefix(addr, "127.") && !strings.HasPrefix(addr, "localhost:") {
		return fmt.Errorf("-addr %s: serve on the loopback interface only", addr)
	}
	var mu sync.Mutex
	var logw *bufio.Writer
	if logPath != "" {
		f, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		logw = bufio.NewWriterSize(f, 1<<16)
		defer func() { mu.Lock(); logw.Flush(); mu.Unlock() }()
		// Flush a few times a second so that a benchmark can read the log
		// between runs while the server goes on serving.
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		go func() {
			for range tick.C {
				mu.Lock()
				logw.Flush()
				mu.Unlock()
			}
		}()
	}
	fs := http.FileServer(http.Dir(dir))
	srv := &http.Server{Addr: addr, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if logw != nil {
			mu.Lock()
			logw.WriteString(r.URL.RequestURI() + "\n")
			mu.Unlock()
		}
		fs.ServeHTTP(w, r)
	})}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	go func() { <-stop; srv.Close() }()
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		return err
	}
	return nil
}
