#!/usr/bin/env bash
# Throughput of `umzug crawl`, `umzug migrate` and `umzug audit` against a
# bare fetch+parse reference, in the same run on the same site (issue 12).
#
# For each size the script generates the synthetic TYPO3-like site
# (fixtures/generate.go) and serves it on 127.0.0.1 with nginx when
# installed (else with bench/synthsite, Go's file server). Then, RUNS times
# and one tool after the other (so that a noisy neighbour hits all of them),
# it runs with concurrency CONC
#   reference  bench/fetchparse: the URL list from the sitemap, every page
#              fetched with net/http and parsed with x/net/html (the limit)
#   crawl      umzug crawl URL --archive DIR
#   migrate    umzug migrate URL --out DIR (crawl, extract, transform, audit, export)
#   audit      umzug audit URL --format ndjson --out FILE
#   colly      bench/collyref: Colly v2, async, defaults (outside reference)
# and prints per run: pages fetched, requests, wall seconds, pages/s, CPU ms
# per page (user+sys of /usr/bin/time), peak RSS, pages fetched more than
# once (from the server's access log), the load average when the run
# started; then the medians per tool, the ratios to the reference and the
# issue's targets.
#
#   bash bench/throughput.sh                     # 5000 pages, 3 runs, concurrency 16
#   SIZES="5000 20000" RUNS=5 bash bench/throughput.sh
#   TOOLS="reference migrate" RUNS=1 bash bench/throughput.sh
#   PROFILE_DIR=prof bash bench/throughput.sh    # also a CPU profile of an offline migrate
#
# PROFILE_DIR: after the runs of each size, `umzug migrate --archive A --out
# E` exports the last crawl's archive offline under a CPU profile
# (bench/cpuprofile), written to PROFILE_DIR/migrate-<size>.pprof, and the
# top of `go tool pprof -top -cum` is printed.
# SERVER=go uses bench/synthsite even when nginx is installed.
#
# Needs Go, curl, /usr/bin/time (Debian package "time") and, optionally,
# nginx. Only loopback traffic. Disk: about 0.5 GB per 1000 pages while a
# size runs (site, archive, export); everything is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
SIZES=${SIZES:-5000}
RUNS=${RUNS:-3}
CONC=${CONC:-16}
PORT=${PORT:-8199}
TOOLS=${TOOLS:-"reference crawl migrate audit colly"}
SERVER=${SERVER:-auto}
PROFILE_DIR=${PROFILE_DIR:-}
base="http://127.0.0.1:$PORT"

for t in $TOOLS; do
	case $t in reference | crawl | migrate | audit | colly) ;; *) echo "bench: unknown tool $t in TOOLS (reference crawl migrate audit colly)" >&2; exit 2 ;; esac
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
command -v curl >/dev/null || { echo "bench: curl is missing" >&2; exit 1; }
if [ "$SERVER" = auto ]; then
	if command -v nginx >/dev/null; then SERVER=nginx; else SERVER=go; fi
fi
case $SERVER in nginx | go) ;; *) echo "bench: SERVER=$SERVER: want nginx or go" >&2; exit 2 ;; esac
if [ -n "$PROFILE_DIR" ]; then
	mkdir -p "$PROFILE_DIR"
	PROFILE_DIR=$(cd "$PROFILE_DIR" && pwd)
fi

tmp=$(mktemp -d /tmp/umzug-throughput.XXXXXX)
chmod 755 "$tmp" # nginx workers run as an unprivileged user
server_pid=""
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if curl -fs -o /dev/null "$base/" 2>/dev/null; then
	echo "bench: something already answers on $base (set PORT)" >&2; exit 1
fi
go build -o "$tmp/umzug" ./cmd/umzug
go build -o "$tmp/synthsite" ./bench/synthsite
go build -o "$tmp/fetchparse" ./bench/fetchparse
go build -o "$tmp/collyref" ./bench/collyref
[ -z "$PROFILE_DIR" ] || go build -o "$tmp/cpuprofile" ./bench/cpuprofile

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || commit="$commit+changes"
echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ {print $2 " GB"}'), $(go version | cut -d' ' -f3), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# umzug at $commit; concurrency $CONC, $RUNS runs per tool, tools: $TOOLS"

start_server() {
	local site=$1 log=$2
	if [ "$SERVER" = nginx ]; then
		mkdir -p "$tmp/nginx"
		cat > "$tmp/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 1024; }
http {
	log_format uri '\$request_uri';
	access_log $log uri;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	types { text/html html; application/xml xml; text/plain txt; image/png png; image/jpeg jpg; application/pdf pdf; }
	default_type application/octet-stream;
	keepalive_requests 100000;
	server { listen 127.0.0.1:$PORT; root $site; }
}
CONF
		nginx -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx" &
		server_pid=$!
		server_name="nginx $(nginx -v 2>&1 | sed 's/.*nginx\///'), 1 worker"
	else
		"$tmp/synthsite" -serve "$site" -addr "127.0.0.1:$PORT" -log "$log" &
		server_pid=$!
		server_name="bench/synthsite (Go net/http file server)"
	fi
	for _ in $(seq 50); do curl -fs -o /dev/null "$base/robots.txt" 2>/dev/null && return; sleep 0.1; done
	echo "bench: server did not start" >&2; cat "$tmp/nginx/error.log" 2>/dev/null >&2; exit 1
}

# command_for TOOL OUTDIR sets cmd to the command line of TOOL.
command_for() {
	local out=$2
	case $1 in
	reference) cmd=("$tmp/fetchparse" -c "$CONC" "$base/sitemap.xml") ;;
	crawl) cmd=("$tmp/umzug" crawl "$base/" --archive "$out/archive" --concurrency "$CONC" --quiet) ;;
	migrate) cmd=("$tmp/umzug" migrate "$base/" --out "$out/export" --concurrency "$CONC" --quiet) ;;
	audit) cmd=("$tmp/umzug" audit "$base/" --format ndjson --out "$out/audit.ndjson" --concurrency "$CONC" --quiet) ;;
	colly) cmd=("$tmp/collyref" -c "$CONC" "$base/") ;;
	esac
}

# The site's pages are every request but robots.txt, the sitemaps and the
# files under /fileadmin/ (the 14 assets the pages link to).
page_requests() { grep -v -e '^/robots\.txt' -e '^/sitemap' -e '^/fileadmin/' "$1" || true; }

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

row="%-6s %-4s %-10s %6s %8s %7s %8s %11s %7s %6s %5s %s\n"
results="$tmp/results"
: > "$results"
for n in $SIZES; do
	site="$tmp/site-$n"
	"$tmp/synthsite" -write "$site" -n "$n" -base "$base"
	pagekb=$(find "$site" -name index.html -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/NR/1024}')
	log="$tmp/access-$n.log"
	: > "$log"
	start_server "$site" "$log"
	echo
	echo "# $n pages of $pagekb KB on average, served by $server_name on $base"
	printf "$row" pages run tool fetched requests wall_s pages/s cpu_ms/page rss_MB twice load exit
	for r in $(seq "$RUNS"); do
		for tool in $TOOLS; do
			out="$tmp/out"
			rm -rf "$out"; mkdir -p "$out"
			command_for "$tool" "$out"
			sleep 0.3 # the previous tool's connections close, the server's log is flushed
			: > "$log"
			load=$(cut -d' ' -f1 /proc/loadavg)
			rc=0
			/usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "${cmd[@]}" > "$tmp/stdout" 2> "$tmp/stderr" || rc=$?
			sleep 0.3
			if [ "$rc" -ne 0 ] && { [ "$tool" = reference ] || [ "$tool" = colly ] || [ "$rc" -ne 4 ]; }; then
				echo "bench: $tool failed (exit $rc): ${cmd[*]}" >&2
				tail -n 20 "$tmp/stderr" >&2
				exit 1
			fi
			[ "$rc" -eq 0 ] || { echo "# $tool exited 4 (partial): $(tail -n 3 "$tmp/stderr" | tr '\n' ' ')"; }
			read -r wall user sys rss < <(tail -n 1 "$tmp/time")
			fetched=$(page_requests "$log" | sort -u | wc -l)
			twice=$(page_requests "$log" | sort | uniq -d | wc -l)
			requests=$(wc -l < "$log")
			pps=$(awk -v f="$fetched" -v w="$wall" 'BEGIN { printf "%.0f", f / w }')
			cpums=$(awk -v u="$user" -v s="$sys" -v f="$fetched" 'BEGIN { printf "%.2f", (u + s) * 1000 / f }')
			rssmb=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
			printf "$row" "$n" "$r" "$tool" "$fetched" "$requests" "$wall" "$pps" "$cpums" "$rssmb" "$twice" "$load" "$rc"
			echo "$n $tool $pps $cpums $rssmb $twice $fetched" >> "$results"
			if [ "$tool" = crawl ] && [ -n "$PROFILE_DIR" ]; then
				rm -rf "$tmp/archive-$n"; mv "$out/archive" "$tmp/archive-$n"
			fi
		done
	done

	echo
	echo "# $n pages, concurrency $CONC: medians of $RUNS runs (twice: most pages fetched more than once in a run; missing: fewest pages fetched below $n)"
	printf "%-10s %8s %11s %7s %6s %8s %s\n" tool pages/s cpu_ms/page rss_MB twice missing x_reference
	ref=$(awk -v n="$n" '$1 == n && $2 == "reference" {print $3}' "$results" | median)
	declare -A med_pps=() med_rss=() max_twice=() max_missing=()
	for tool in $TOOLS; do
		sel() { awk -v n="$n" -v t="$tool" -v c="$1" '$1 == n && $2 == t {print $c}' "$results"; }
		med_pps[$tool]=$(sel 3 | median)
		cpu=$(sel 4 | median)
		med_rss[$tool]=$(sel 5 | median)
		max_twice[$tool]=$(sel 6 | sort -n | tail -n 1)
		max_missing[$tool]=$(sel 7 | awk -v n="$n" 'BEGIN {m = 0} n - $1 > m {m = n - $1} END {print m}')
		ratio="-"
		[ "$ref" = "-" ] || ratio=$(awk -v a="${med_pps[$tool]}" -v b="$ref" 'BEGIN { printf "%.3f", a / b }')
		printf "%-10s %8s %11s %7s %6s %8s %s\n" "$tool" "${med_pps[$tool]}" "$cpu" "${med_rss[$tool]}" "${max_twice[$tool]}" "${max_missing[$tool]}" "$ratio"
	done
	verdict() { if awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { exit !(op == ">=" ? a >= b : a <= b) }'; then echo met; else echo "not met"; fi; }
	if [ "$ref" != "-" ]; then
		for pair in "migrate 0.30" "crawl 0.45"; do
			read -r tool want <<< "$pair"
			[ -n "${med_pps[$tool]:-}" ] || continue
			got=$(awk -v a="${med_pps[$tool]}" -v b="$ref" 'BEGIN { printf "%.3f", a / b }')
			echo "# target: $tool >= ${want}x the reference's pages/s: ${got}x ($(verdict "$got" ">=" "$want"))"
		done
	fi
	if [ -n "${med_rss[migrate]:-}" ]; then
		echo "# target: migrate's peak RSS <= 150 MB: ${med_rss[migrate]} MB ($(verdict "${med_rss[migrate]}" "<=" 150))"
	fi
	once="met"
	for tool in crawl migrate audit; do
		[ -n "${max_twice[$tool]:-}" ] || continue
		if [ "${max_twice[$tool]}" -ne 0 ] || [ "${max_missing[$tool]}" -ne 0 ]; then once="not met"; fi
	done
	echo "# target: every page fetched exactly once by crawl, migrate and audit: $once"
	echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
	unset med_pps med_rss max_twice max_missing

	kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""

	if [ -n "$PROFILE_DIR" ]; then
		if [ ! -d "$tmp/archive-$n" ]; then
			echo "# no profile: PROFILE_DIR needs crawl in TOOLS (its archive is exported offline)"
		else
			prof="$PROFILE_DIR/migrate-$n.pprof"
			rm -rf "$tmp/export-$n"
			load=$(cut -d' ' -f1 /proc/loadavg)
			/usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$tmp/cpuprofile" -o "$prof" migrate --archive "$tmp/archive-$n" --out "$tmp/export-$n" --quiet 2> "$tmp/stderr" || {
				rc=$?; [ "$rc" -eq 4 ] || { echo "bench: offline migrate failed (exit $rc)" >&2; tail -n 20 "$tmp/stderr" >&2; exit 1; }
			}
			read -r wall user sys rss < <(tail -n 1 "$tmp/time")
			docs=$(sed -n 's/^ *"documents": \([0-9]*\),*$/\1/p' "$tmp/export-$n/manifest.json" | head -n 1)
			echo
			echo "# offline: umzug migrate --archive A --out E of the last crawl (server stopped), under a CPU profile, load $load:"
			echo "# $docs documents in $wall s: $(awk -v f="$docs" -v w="$wall" 'BEGIN { printf "%.0f", f / w }') documents/s, $(awk -v u="$user" -v s="$sys" -v f="$docs" 'BEGIN { printf "%.2f", (u + s) * 1000 / f }') CPU ms/document, peak RSS $(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }') MB"
			echo "# $prof; go tool pprof -top -cum:"
			go tool pprof -top -cum -nodecount=45 "$tmp/cpuprofile" "$prof" 2>/dev/null |
				sed -n -e '/^Duration:/p' -e '/ flat /,$p' | cut -c1-160
			rm -rf "$tmp/export-$n" "$tmp/archive-$n"
		fi
	fi
	rm -rf "$site"
done
