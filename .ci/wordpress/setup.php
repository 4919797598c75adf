<?php
// Installs a fresh WordPress site and creates an application password.
// Run with php-cli from the document root:
//   php setup.php URL ADMIN_USER ADMIN_EMAIL
// Prints the application password on stdout.
if (PHP_SAPI !== 'cli') {
	exit(1);
}
[$script, $url, $user, $email] = $argv;
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = parse_url($url, PHP_URL_HOST) . (parse_url($url, PHP_URL_PORT) ? ':' . parse_url($url, PHP_URL_PORT) : '');
$_SERVER['REQUEST_URI'] = '/';
require getcwd() . '/wp-load.php';
require ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/translation-install.php';
add_filter('pre_wp_mail', '__return_false'); // no mail server: no "new site" mail
$result = wp_install('umzug test site', $user, $email, true, '', wp_generate_password(24));
if (is_wp_error($result)) {
	fwrite(STDERR, $result->get_error_message() . "\n");
	exit(1);
}
update_option('siteurl', $url);
update_option('home', $url);
// An empty site: no "Hello world!", sample page or privacy page draft.
foreach (get_posts(array('post_type' => array('post', 'page'), 'post_status' => 'any', 'numberposts' => -1)) as $p) {
	wp_delete_post($p->ID, true);
}
update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
update_option('timezone_string', 'Europe/Berlin');
flush_rewrite_rules(true);
$u = get_user_by('login', $user);
if (!wp_is_application_passwords_available_for_user($u)) {
	fwrite(STDERR, "application passwords are not available (WP_ENVIRONMENT_TYPE must be local over http)\n");
	exit(1);
}
[$password] = WP_Application_Passwords::create_new_application_password($u->ID, array('name' => 'umzug-ci'));
if (is_wp_error($password)) {
	fwrite(STDERR, $password->get_error_message() . "\n");
	exit(1);
}
echo $password, "\n";
