#!/usr/bin/env bash
# Crawl throughput and memory of `umzug crawl` into a WARC archive.
#
# Generates the synthetic site (fixtures/generate.go, ~45 KB pages) for each
# size, serves it on 127.0.0.1 with nginx when installed (else with
# bench/synthsite), crawls it RUNS times into a fresh archive and prints, per
# run: pages, wall time, pages/s, peak RSS, CPU seconds and pages fetched
# more than once (from the server's access log); then the median per size.
#
#   bench/crawl.sh                      # 10k and 50k pages, 3 runs each
#   SIZES=5000 RUNS=5 CONC=16 bench/crawl.sh
#
# Needs Go, /usr/bin/time (package "time") and, optionally, nginx. Only
# loopback traffic; the generated site needs ~2.3 GB for 50k pages and is
# removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
SIZES=${SIZES:-"10000 50000"}
RUNS=${RUNS:-3}
CONC=${CONC:-16}
PORT=${PORT:-8199}
base="http://127.0.0.1:$PORT"

tmp=$(mktemp -d /tmp/umzug-bench.XXXXXX)
chmod 755 "$tmp" # nginx workers run as an unprivileged user
server_pid=""
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
go build -o "$tmp/umzug" ./cmd/umzug
go build -o "$tmp/synthsite" ./bench/synthsite

echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(go version | cut -d' ' -f3), load $(cut -d' ' -f1-3 /proc/loadavg)"
start_server() {
	local site=$1 log=$2
	if command -v nginx >/dev/null; then
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
		server_name="nginx $(nginx -v 2>&1 | sed 's/.*nginx\///')"
	else
		"$tmp/synthsite" -serve "$site" -addr "127.0.0.1:$PORT" -log "$log" &
		server_pid=$!
		server_name="bench/synthsite (Go net/http)"
	fi
	for _ in $(seq 50); do curl -fs "$base/robots.txt" >/dev/null 2>&1 && return; sleep 0.1; done
	echo "bench: server did not start" >&2; cat "$tmp/nginx/error.log" 2>/dev/null >&2; exit 1
}

printf "%-7s %-4s %-7s %-8s %-8s %-9s %-8s %s\n" pages run fetched wall_s pages/s rss_MB cpu_s fetched_twice
for n in $SIZES; do
	site="$tmp/site-$n"
	"$tmp/synthsite" -write "$site" -n "$n" -base "$base"
	log="$tmp/access-$n.log"
	: > "$log"
	start_server "$site" "$log"
	results=()
	for r in $(seq "$RUNS"); do
		rm -rf "$tmp/archive"
		: > "$log"
		/usr/bin/time -f "%e %U %S %M" -o "$tmp/time" \
			"$tmp/umzug" crawl "$base/" --archive "$tmp/archive" --concurrency "$CONC" --quiet 2> "$tmp/crawl.log" || { cat "$tmp/crawl.log" >&2; exit 1; }
		[ -n "${KEEP_LOG:-}" ] && cp "$tmp/crawl.log" "$KEEP_LOG-$n-$r"
		sleep 0.2 # let the server flush its log
		read -r wall user sys rss < "$tmp/time"
		fetched=$(sed -n 's/.*fetched \([0-9]*\) URLs.*/\1/p' "$tmp/crawl.log")
		twice=$(grep -v -e '^/robots.txt' -e '^/sitemap' "$log" | sort | uniq -d | wc -l)
		pps=$(awk -v f="$fetched" -v w="$wall" 'BEGIN { printf "%.0f", f / w }')
		cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
		rssmb=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
		printf "%-7s %-4s %-7s %-8s %-8s %-9s %-8s %s\n" "$n" "$r" "$fetched" "$wall" "$pps" "$rssmb" "$cpu" "$twice"
		results+=("$pps $rssmb")
	done
	med_pps=$(printf '%s\n' "${results[@]}" | awk '{print $1}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	med_rss=$(printf '%s\n' "${results[@]}" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	echo "# $n pages, server $server_name, concurrency $CONC: median $med_pps pages/s, median peak RSS $med_rss MB over $RUNS runs"
	kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
	rm -rf "$site"
done
