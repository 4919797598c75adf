package html

import "golang.org/x/net/html"

// DecodeProtectedEmails decodes the Cloudflare-protected addresses below
// root as extraction reads them (cfemail.go), for the accounting test's
// own count of a page's visible text; undo puts them back.
func DecodeProtectedEmails(root *html.Node) (undo func()) {
	return decodeCFEmails(indexPage(root, nil, "").cfEmails)
}
