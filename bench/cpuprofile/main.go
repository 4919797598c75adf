// Command cpuprofile runs one umzug command in-process (cmd.Main, the same
// code as the umzug binary, with its soft memory limit and exit codes) and
// writes a CPU profile of the whole run. Used by bench/throughput.sh.
//
//	go run ./bench/cpuprofile -o cpu.pprof migrate --archive A --out E --quiet
//	go tool pprof -top -cum cpu.pprof
//
// The exit code is umzug's.
package main

import (
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/umzug/umzug/cmd"
)

func main() {
	if len(os.Args) < 4 || os.Args[1] != "-o" {
		fmt.Fprintln(os.Stderr, "usage: cpuprofile -o FILE UMZUG-ARGS...")
		os.Exit(2)
	}
	os.Exit(run(os.Args[2], os.Args[3:]))
}

func run(out string, args []string) int {
	f, err := os.Create(out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cpuprofile:", err)
		return 1
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "cpuprofile:", err)
		f.Close()
		return 1
	}
	os.Args = append([]string{"umzug"}, args...)
	code := cmd.Main()
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "cpuprofile:", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}
