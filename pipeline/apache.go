package pipeline

import (
	"regexp"
	"strings"

	"github.com/umzug/umzug/load"
)

// apacheMaps writes the redirect map for Apache 2.4 (mod_rewrite), beside
// the nginx map:
//
//   - redirects.htaccess: one rule per old URL, for the site's .htaccess
//     (the usual place on TYPO3 hosting) or its <VirtualHost>. Each rule
//     matches the request line exactly, path and query as sent, like the
//     nginx map's $request_uri; gone pages answer 410.
//   - redirects.apache-map.txt: the same as a RewriteMap for the server
//     configuration, which looks each request up in a hash instead of
//     trying the rules one by one: for sites with many thousand old URLs.
type apacheMaps struct {
	ht, txt *load.TextWriter
}

func newApacheMaps(exp *load.Exporter, site string) (*apacheMaps, error) {
	ht, err := exp.CreateText("redirects.htaccess")
	if err != nil {
		return nil, err
	}
	txt, err := exp.CreateText("redirects.apache-map.txt")
	if err != nil {
		ht.Abort()
		return nil, err
	}
	a := &apacheMaps{ht: ht, txt: txt}
	for _, l := range []string{
		"# umzug redirect map for " + site + " (generated; do not edit)",
		"# Apache 2.4 with mod_rewrite. Put these lines into the .htaccess of the new",
		"# site's document root (AllowOverride FileInfo) or into its <VirtualHost>.",
		"# Each rule matches the request line exactly (path and query as sent); the",
		"# query string is not passed on. Gone pages answer 410.",
		"# With many thousand rules, use redirects.apache-map.txt in the server",
		"# configuration instead (see there).",
		"RewriteEngine On",
	} {
		if err := ht.Line(l, false); err != nil {
			a.abort()
			return nil, err
		}
	}
	for _, l := range []string{
		"# umzug redirect map for " + site + " (generated; do not edit)",
		"# A RewriteMap for Apache 2.4: old request URI (path and query as sent),",
		"# new path or GONE. In the <VirtualHost> of the new site:",
		"#   RewriteEngine On",
		"#   RewriteMap umzug \"txt:/etc/apache2/umzug/redirects.apache-map.txt\"",
		"#   RewriteCond %{THE_REQUEST} \"^[A-Z]+ (\\S+) HTTP/\"",
		"#   RewriteCond ${umzug:%1} =GONE",
		"#   RewriteRule ^ - [G,L]",
		"#   RewriteCond %{THE_REQUEST} \"^[A-Z]+ (\\S+) HTTP/\"",
		"#   RewriteCond ${umzug:%1|-} ^(/.*)$",
		"#   RewriteRule ^ %1 [R=301,L,NE,QSD]",
	} {
		if err := txt.Line(l, false); err != nil {
			a.abort()
			return nil, err
		}
	}
	return a, nil
}

// redirect adds a 301 from the request URI uri to the path to.
func (a *apacheMaps) redirect(uri, to string) error {
	if err := a.ht.Line(`RewriteCond %{THE_REQUEST} "^[A-Z]+ `+apacheRegexp(uri)+` HTTP/"`, false); err != nil {
		return err
	}
	if err := a.ht.Line(`RewriteRule ^ "`+apacheSubst(to)+`" [R=301,L,NE,QSD]`, true); err != nil {
		return err
	}
	return a.txt.Line(apacheMapWord(uri)+" "+apacheMapWord(to), true)
}

// gone makes the request URI uri answer 410 Gone.
func (a *apacheMaps) gone(uri string) error {
	if err := a.ht.Line(`RewriteCond %{THE_REQUEST} "^[A-Z]+ `+apacheRegexp(uri)+` HTTP/"`, false); err != nil {
		return err
	}
	if err := a.ht.Line(`RewriteRule ^ - [G,L]`, true); err != nil {
		return err
	}
	return a.txt.Line(apacheMapWord(uri)+" GONE", true)
}

func (a *apacheMaps) commit() error {
	if err := a.ht.Commit(); err != nil {
		a.txt.Abort()
		return err
	}
	return a.txt.Commit()
}

func (a *apacheMaps) abort() {
	a.ht.Abort()
	a.txt.Abort()
}

// apacheRegexp quotes s for a regular expression inside a double-quoted
// Apache argument (where only \" is an escape).
func apacheRegexp(s string) string {
	return strings.ReplaceAll(regexp.QuoteMeta(s), `"`, `\"`)
}

// apacheSubst quotes s for a RewriteRule substitution inside double
// quotes: $ and % would start back-references, \ escapes them.
func apacheSubst(s string) string { return apacheSubstQuoter.Replace(s) }

// The Replacers are built once (building one costs more than using it on
// a URL); a Replacer is safe for concurrent use.
var (
	apacheSubstQuoter = strings.NewReplacer(`\`, `\\`, `$`, `\$`, `%`, `\%`, `"`, `\"`)
	apacheMapQuoter   = strings.NewReplacer(" ", "%20", "\t", "%09")
	nginxQuoter       = strings.NewReplacer(`\`, `\\`, `"`, `\"`)
)

// apacheMapWord makes s one word of a txt RewriteMap: URIs as sent hold
// no white space, so only a stray one is percent-encoded.
func apacheMapWord(s string) string { return apacheMapQuoter.Replace(s) }
