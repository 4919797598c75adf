#!/usr/bin/env bash
# The demo export's redirect maps on the servers they are written for:
# installs Debian's nginx and apache2 when missing, serves
# redirects.nginx.conf (nginx), redirects.htaccess (apache2, .htaccess in the
# document root) and redirects.apache-map.txt (apache2, RewriteMap in a
# virtual host) on free ports of 127.0.0.1, and runs
# TestRedirectsOnRealServers against them: every old URL answers 301 with its
# new path (410 where gone), and no new path redirects again.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
. .ci/lib.sh
echo "== redirect maps on nginx and apache2"
apt_install nginx apache2

tmp=
stop_servers() {
	[ -n "$tmp" ] || return 0
	[ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
	[ -f "$tmp/apache.pid" ] && kill "$(cat "$tmp/apache.pid")" 2>/dev/null || true
	for _ in $(seq 50); do
		[ -f "$tmp/nginx.pid" ] || [ -f "$tmp/apache.pid" ] || break
		sleep 0.1
	done
	rm -rf "$tmp"
	tmp=
}
trap stop_servers EXIT

# check_export NAME MAKE: makes an export with the command MAKE (the
# export directory is appended), serves its maps and checks them.
check_export() {
	local name=$1 make=$2
	tmp=$(mktemp -d)
	chmod 755 "$tmp"
	echo "-- $name"
	$make "$tmp/export"

	mkdir -p "$tmp/htdocs" "$tmp/htdocs-map" "$tmp/nginx-root"
	cp "$tmp/export/redirects.htaccess" "$tmp/htdocs/.htaccess"
	chmod -R a+rX "$tmp"

	nginx_port=$(free_port)
	cat >"$tmp/nginx.conf" <<CONF
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log;
events { worker_connections 64; }
http {
	access_log off;
	client_body_temp_path $tmp/nginx-body;
	proxy_temp_path $tmp/nginx-proxy;
	fastcgi_temp_path $tmp/nginx-fastcgi;
	uwsgi_temp_path $tmp/nginx-uwsgi;
	scgi_temp_path $tmp/nginx-scgi;
	include $tmp/export/redirects.nginx.conf;
	server {
		listen 127.0.0.1:$nginx_port;
		root $tmp/nginx-root;
		if (\$umzug_gone) { return 410; }
		if (\$umzug_redirect) { return 301 \$umzug_redirect; }
	}
}
CONF
	nginx -t -q -c "$tmp/nginx.conf" -p "$tmp"
	nginx -c "$tmp/nginx.conf" -p "$tmp"

	ht_port=$(free_port)
	map_port=$(free_port)
	mods=/usr/lib/apache2/modules
	APACHE_CONF="$tmp/apache.conf"
	cat >"$APACHE_CONF" <<CONF
ServerRoot $tmp
DefaultRuntimeDir $tmp
PidFile $tmp/apache.pid
ErrorLog $tmp/apache-error.log
LogLevel warn
ServerName 127.0.0.1
User nobody
Group nogroup
LoadModule mpm_event_module $mods/mod_mpm_event.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule rewrite_module $mods/mod_rewrite.so
Listen 127.0.0.1:$ht_port
Listen 127.0.0.1:$map_port
AccessFileName .htaccess
<VirtualHost 127.0.0.1:$ht_port>
	DocumentRoot $tmp/htdocs
	<Directory $tmp/htdocs>
		AllowOverride FileInfo
		Require all granted
	</Directory>
</VirtualHost>
<VirtualHost 127.0.0.1:$map_port>
	DocumentRoot $tmp/htdocs-map
	<Directory $tmp/htdocs-map>
		AllowOverride None
		Require all granted
	</Directory>
	RewriteEngine On
	RewriteMap umzug "txt:$tmp/export/redirects.apache-map.txt"
	RewriteCond %{THE_REQUEST} "^[A-Z]+ (\S+) HTTP/"
	RewriteCond \${umzug:%1} =GONE
	RewriteRule ^ - [G,L]
	RewriteCond %{THE_REQUEST} "^[A-Z]+ (\S+) HTTP/"
	RewriteCond \${umzug:%1|-} ^(/.*)$
	RewriteRule ^ %1 [R=301,L,NE,QSD]
</VirtualHost>
CONF
	apache2 -t -f "$APACHE_CONF"
	apache2 -f "$APACHE_CONF" -k start
	for i in $(seq 50); do
		[ -f "$tmp/apache.pid" ] && [ -f "$tmp/nginx.pid" ] && break
		sleep 0.1
	done

	UMZUG_REDIRECT_EXPORT="$tmp/export" \
	UMZUG_REDIRECT_SERVERS="nginx=http://127.0.0.1:$nginx_port apache-htaccess=http://127.0.0.1:$ht_port apache-rewritemap=http://127.0.0.1:$map_port" \
		go test -count=1 -run '^TestRedirectsOnRealServers$' -v ./cmd | grep -E '^(---|ok|FAIL|PASS|=== RUN)|old URLs checked|GET ' || {
			echo "nginx errors:"; cat "$tmp/nginx-error.log" 2>/dev/null | tail -20
			echo "apache errors:"; cat "$tmp/apache-error.log" 2>/dev/null | tail -20
			exit 1
		}
	stop_servers
}

demo_export() { go run ./cmd/umzug migrate --demo --out "$1" --quiet; }
# the export of TestPipelineOldRedirectsAndGone: a gone page (410), another host
gone_export() { UMZUG_WRITE_GONE_EXPORT="$1" go test -count=1 -run '^TestPipelineOldRedirectsAndGone$' ./pipeline >/dev/null && [ -s "$1/manifest.json" ]; }
check_export "demo export" demo_export
check_export "export with a gone page" gone_export
