#!/usr/bin/env bash
# Starts a throwaway WordPress site on 127.0.0.1 from Debian's packages:
# a private MariaDB (socket only, no TCP), a copy of /usr/share/wordpress
# with its own wp-config.php (WP_ENVIRONMENT_TYPE=local, so application
# passwords work over http), umzug's mu-plugin, PHP's built-in server with
# a router. Sourced by .ci/wordpress.sh:
#
#   wp_install_packages            apt_install of .ci/lib.sh (idempotent, waits for the dpkg lock)
#   wp_start DIR PORT              database and web server under DIR
#   wp_new_site                    a fresh site: prints the application password
#   wp_stop                        stops both (also on EXIT via trap)
#
# Everything runs as the calling user (root in CI) and stays under DIR.

. .ci/lib.sh

wp_install_packages() {
	apt_install wordpress mariadb-server php-cli php-mysql chromium
	# node and npm may come from elsewhere than Debian's packages.
	if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
		apt_install nodejs npm
	fi
}

wp_start() {
	WP_DIR=$1
	WP_PORT=$2
	WP_URL="http://127.0.0.1:$WP_PORT"
	WP_DOCROOT="$WP_DIR/www"
	WP_SOCK="$WP_DIR/mysql.sock"
	mkdir -p "$WP_DIR"
	# MariaDB: private data directory and socket.
	if [ ! -d "$WP_DIR/db/mysql" ]; then
		mariadb-install-db --no-defaults --datadir="$WP_DIR/db" --user="$(id -un)" --skip-test-db >"$WP_DIR/db-install.log" 2>&1
	fi
	# Each server in its own process group (setsid), so that wp_stop ends it
	# with everything it forked (PHP's workers outlive their parent).
	setsid mariadbd --no-defaults --datadir="$WP_DIR/db" --socket="$WP_SOCK" --skip-networking \
		--pid-file="$WP_DIR/mysqld.pid" --user="$(id -un)" --innodb-flush-log-at-trx-commit=2 \
		>"$WP_DIR/mysqld.log" 2>&1 &
	WP_DB_PID=$!
	for _ in $(seq 1 100); do
		mariadb --no-defaults --socket="$WP_SOCK" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
		sleep 0.2
	done
	mariadb --no-defaults --socket="$WP_SOCK" -uroot -e 'SELECT 1' >/dev/null || { cat "$WP_DIR/mysqld.log"; return 1; }
	# WordPress: a copy of Debian's files with its own configuration.
	if [ ! -f "$WP_DOCROOT/wp-settings.php" ]; then
		mkdir -p "$WP_DOCROOT"
		cp -r /usr/share/wordpress/. "$WP_DOCROOT/"
		rm -f "$WP_DOCROOT/wp-config.php"
		mkdir -p "$WP_DOCROOT/wp-content/uploads" "$WP_DOCROOT/wp-content/mu-plugins"
	fi
	cp load/wordpress/umzug-meta.php "$WP_DOCROOT/wp-content/mu-plugins/"
	cat >"$WP_DOCROOT/wp-config.php" <<EOF
<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', 'wordpress');
define('DB_HOST', 'localhost:$WP_SOCK');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_CONTENT_URL', '$WP_URL/wp-content');
define('WP_AUTO_UPDATE_CORE', false);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('FS_METHOD', 'direct');
define('AUTH_KEY', 'umzug-ci'); define('SECURE_AUTH_KEY', 'umzug-ci'); define('LOGGED_IN_KEY', 'umzug-ci'); define('NONCE_KEY', 'umzug-ci');
define('AUTH_SALT', 'umzug-ci'); define('SECURE_AUTH_SALT', 'umzug-ci'); define('LOGGED_IN_SALT', 'umzug-ci'); define('NONCE_SALT', 'umzug-ci');
\$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
EOF
	PHP_CLI_SERVER_WORKERS=${WP_WORKERS:-4} setsid php -d opcache.enable_cli=1 -d upload_max_filesize=64M -d post_max_size=64M -d memory_limit=256M \
		-S "127.0.0.1:$WP_PORT" -t "$WP_DOCROOT" .ci/wordpress/router.php >"$WP_DIR/php.log" 2>&1 &
	WP_PHP_PID=$!
	for _ in $(seq 1 50); do
		curl -s -o /dev/null "$WP_URL/wp-includes/images/blank.gif" && break
		sleep 0.2
	done
	trap wp_stop EXIT
}

# wp_new_site drops and creates the database and installs a site; prints
# the application password of the user "umzug".
wp_new_site() {
	mariadb --no-defaults --socket="$WP_SOCK" -uroot -e "DROP DATABASE IF EXISTS wordpress; CREATE DATABASE wordpress CHARACTER SET utf8mb4;
		CREATE USER IF NOT EXISTS 'wordpress'@'localhost' IDENTIFIED BY 'wordpress'; GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';"
	rm -rf "$WP_DOCROOT/wp-content/uploads" && mkdir -p "$WP_DOCROOT/wp-content/uploads"
	(cd "$WP_DOCROOT" && php "$OLDPWD/.ci/wordpress/setup.php" "$WP_URL" umzug umzug@example.org)
}

wp_stop() {
	if [ -n "${WP_PHP_PID:-}" ]; then kill -- -"$WP_PHP_PID" 2>/dev/null; wait "$WP_PHP_PID" 2>/dev/null || true; fi
	if [ -n "${WP_DB_PID:-}" ]; then kill -- -"$WP_DB_PID" 2>/dev/null; wait "$WP_DB_PID" 2>/dev/null || true; fi
	WP_PHP_PID= WP_DB_PID=
	return 0
}
