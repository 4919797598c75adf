package html

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// headPicture reports a head box that holds the article's picture: a
// picture that declares its size and links nowhere, outside lists (a
// post's featured image beside its headline, which block themes such as
// WordPress' twentytwentyfour put above the post's content column).
func headPicture(head *html.Node) bool {
	return hasDescendant(head, func(d *html.Node) bool {
		if d.DataAtom != atom.Img || !sizedPicture(d) {
			return false
		}
		for a := d.Parent; a != nil && a != head; a = a.Parent {
			if a.DataAtom == atom.A || a.DataAtom == atom.Li {
				return false
			}
		}
		return true
	})
}
