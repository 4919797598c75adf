package html

import (
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Sites behind Cloudflare often have its "email address obfuscation" on:
// the served page holds no address, only "[email protected]" in a
// <span class="__cf_email__" data-cfemail="HEX"> and links to
// /cdn-cgi/l/email-protection#HEX, which a script in the visitor's
// browser turns back into the address and a mailto: link. Migrated as
// served, a press contact has no e-mail and the text says "[email
// protected]" with a link that leads nowhere on the new site. The
// encoding is public and fixed (the first byte is a key that every other
// byte is XORed with, the result UTF-8), so extraction decodes it, as the
// browser would, before it reads the page.

// cfEmailPath is the path of Cloudflare's e-mail protection links.
const cfEmailPath = "/cdn-cgi/l/email-protection"

// cfEmailNode reports whether n is an element that decodeCFEmails
// changes: one with a data-cfemail attribute, or a link to
// cfEmailPath#HEX.
func cfEmailNode(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "data-cfemail":
			return true
		case "href":
			if cfEmailHref(n, a.Val) {
				return true
			}
		}
	}
	return false
}

// cfEmailHref reports an href of n, v, that makes n a cfEmailNode.
func cfEmailHref(n *html.Node, v string) bool {
	return n.DataAtom == atom.A && strings.Contains(v, cfEmailPath+"#")
}

// decodeCFEmails decodes the protected addresses of the elements that
// cfEmailNode found: a link's href becomes mailto: and the address, an
// element with data-cfemail holds the address as its text (and loses the
// attribute, so a second pass changes nothing). What does not decode to a
// valid address is left as served. The returned undo puts every element
// back as it was parsed (extraction leaves the caller's tree as it got
// it; the accounting reads the page decoded, as the blocks have it).
func decodeCFEmails(nodes []*html.Node) (undo func()) {
	type saved struct {
		n     *html.Node
		attr  []html.Attribute
		kids  []*html.Node
		added *html.Node
	}
	var changed []saved
	for _, n := range nodes {
		sv := saved{n: n, attr: append([]html.Attribute(nil), n.Attr...)}
		touched := false
		for i := 0; i < len(n.Attr); i++ {
			a := &n.Attr[i]
			switch a.Key {
			case "href":
				_, enc, ok := strings.Cut(a.Val, cfEmailPath+"#")
				if !ok {
					continue
				}
				if addr, ok := cfDecode(enc); ok {
					a.Val = "mailto:" + addr
					touched = true
				}
			case "data-cfemail":
				addr, ok := cfDecode(a.Val)
				if !ok || !strings.Contains(addr, "@") {
					continue
				}
				for c := n.FirstChild; c != nil; c = n.FirstChild {
					sv.kids = append(sv.kids, c)
					n.RemoveChild(c)
				}
				sv.added = &html.Node{Type: html.TextNode, Data: addr}
				n.AppendChild(sv.added)
				n.Attr = append(n.Attr[:i:i], n.Attr[i+1:]...)
				i--
				touched = true
				if n.DataAtom == atom.A {
					// The older form: the link itself carries the
					// address (<a class="__cf_email__" href="/cdn-cgi/l/
					// email-protection" data-cfemail="…">).
					for k := range n.Attr {
						if n.Attr[k].Key == "href" && strings.Contains(n.Attr[k].Val, cfEmailPath) {
							n.Attr[k].Val = "mailto:" + addr
						}
					}
				}
			}
		}
		if touched {
			changed = append(changed, sv)
		}
	}
	return func() {
		for _, sv := range changed {
			sv.n.Attr = sv.attr
			if sv.added != nil && sv.added.Parent == sv.n {
				sv.n.RemoveChild(sv.added)
				for _, c := range sv.kids {
					sv.n.AppendChild(c)
				}
			}
		}
	}
}

// cfDecode decodes Cloudflare's hex encoding of an address (or of a
// mailto: link's target without the scheme, "a@b.de?subject=…").
func cfDecode(enc string) (string, bool) {
	enc = strings.TrimSpace(enc)
	b, err := hex.DecodeString(enc)
	if err != nil || len(b) < 4 {
		return "", false
	}
	key := b[0]
	out := b[1:]
	for i := range out {
		out[i] ^= key
	}
	s := string(out)
	if !utf8.ValidString(s) || strings.ContainsAny(s, "<>\"\x00\n\r") {
		return "", false
	}
	return s, true
}
