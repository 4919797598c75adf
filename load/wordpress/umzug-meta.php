<?php
/**
 * Plugin Name: umzug meta
 * Description: Registers the post meta umzug writes when it loads a migrated site (press release number, kicker, subtitle, publisher, contacts; the old URL, umzug id, categories and tags of every page and post) for the REST API, so themes, queries and later imports can use them. Install as a must-use plugin: copy this file to wp-content/mu-plugins/.
 * Version: 2
 * License: GPL-2.0-or-later
 */

defined( 'ABSPATH' ) || exit;

add_action( 'init', function () {
	$auth   = function () {
		return current_user_can( 'edit_posts' );
	};
	$string = array(
		'type'          => 'string',
		'single'        => true,
		'show_in_rest'  => true,
		'default'       => '',
		'auth_callback' => $auth,
	);
	// The categories and tags of the old page as it named them: a post's
	// are its WordPress categories and tags too; a page has no taxonomy,
	// so there they are kept only here.
	$strings = array(
		'type'          => 'array',
		'single'        => true,
		'default'       => array(),
		'auth_callback' => $auth,
		'show_in_rest'  => array(
			'schema' => array(
				'type'  => 'array',
				'items' => array( 'type' => 'string' ),
			),
		),
	);
	foreach ( array( 'post', 'page' ) as $type ) {
		register_post_meta( $type, 'umzug_id', $string );
		register_post_meta( $type, 'umzug_source_url', $string );
		register_post_meta( $type, 'umzug_categories', $strings );
		register_post_meta( $type, 'umzug_tags', $strings );
	}
	foreach ( array( 'umzug_number', 'umzug_kicker', 'umzug_subtitle', 'umzug_publisher' ) as $key ) {
		register_post_meta( 'post', $key, $string );
	}
	register_post_meta( 'post', 'umzug_contacts', array(
		'type'          => 'array',
		'single'        => true,
		'default'       => array(),
		'auth_callback' => $auth,
		'show_in_rest'  => array(
			'schema' => array(
				'type'  => 'array',
				'items' => array(
					'type'                 => 'object',
					'additionalProperties' => false,
					'properties'           => array(
						'name'  => array( 'type' => 'string' ),
						'role'  => array( 'type' => 'string' ),
						'phone' => array( 'type' => 'string' ),
						'fax'   => array( 'type' => 'string' ),
						'email' => array( 'type' => 'string' ),
					),
				),
			),
		),
	) );
} );
