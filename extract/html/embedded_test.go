package html

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// embeddedPostRef is embeddedPost without its precheck.
func embeddedPostRef(cls string) bool {
	for f := range strings.FieldsSeq(cls) {
		switch f {
		case "twitter-tweet", "instagram-media", "tiktok-embed", "fb-post", "mastodon-embed", "bluesky-embed":
			return true
		}
	}
	return false
}

// The precheck of embeddedPost never says no where the names are: on
// every class attribute of the gate pages, alone and with each name
// added, and on the names beside others.
func TestEmbeddedPostPrecheck(t *testing.T) {
	names := []string{"twitter-tweet", "instagram-media", "tiktok-embed", "fb-post", "mastodon-embed", "bluesky-embed"}
	classes := []string{"", "tweet", "x-media", "fb-posting", "twitter-tweet-x"}
	for _, n := range names {
		classes = append(classes, n, "a "+n, n+"\tb", "\n"+n+" ")
	}
	var f func(n *html.Node)
	f = func(n *html.Node) {
		if c := attr(n, "class"); c != "" {
			classes = append(classes, c)
			for _, x := range names {
				classes = append(classes, c+" "+x)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	for _, root := range gatePages(t) {
		f(root)
	}
	yes := 0
	for _, c := range classes {
		want := embeddedPostRef(c)
		if embeddedPost(c) != want {
			t.Errorf("embeddedPost(%q) = %v", c, !want)
		}
		if want {
			yes++
		}
	}
	if yes < 100 {
		t.Errorf("only %d embedded posts among %d classes", yes, len(classes))
	}
}
