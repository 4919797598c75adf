package html_test

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// cfEncode encodes s the way Cloudflare's e-mail obfuscation does: a key
// byte, then every byte of s XORed with it, as hex.
func cfEncode(key byte, s string) string {
	b := []byte{key}
	for i := 0; i < len(s); i++ {
		b = append(b, s[i]^key)
	}
	return hex.EncodeToString(b)
}

// TestCloudflareProtectedEmails: addresses that Cloudflare hid behind
// "[email protected]" and /cdn-cgi/l/email-protection links are read as
// the browser shows them: in the text, as mailto: links, and as the press
// contact's e-mail. What does not decode stays as served.
func TestCloudflareProtectedEmails(t *testing.T) {
	press, office := cfEncode(0x5a, "presse@ministerium.example"), cfEncode(0x17, "büro@ministerium.example")
	page := `<html><head><title>Presse</title></head><body><main><div class="news news-single"><div class="article">
<h1>Neue Förderrichtlinie für kommunale Radwege veröffentlicht</h1>
<p><time datetime="2024-03-05">05.03.2024</time></p>
<div class="news-text-wrap"><p>Anträge nimmt das Büro unter <a href="/cdn-cgi/l/email-protection#` + office + `"><span class="__cf_email__" data-cfemail="` + office + `">[email&#160;protected]</span></a> entgegen, Fragen auch <a href="/cdn-cgi/l/email-protection#zz">per Formular</a>.</p>
<p>Ältere Form: <a class="__cf_email__" href="/cdn-cgi/l/email-protection" data-cfemail="` + cfEncode(0x21, "info@ministerium.example") + `">[email&#160;protected]</a>.</p>
<h2>Pressekontakt</h2>
<p>Anna Beispiel<br>Tel.: 0361 57 3911-000<br><a href="/cdn-cgi/l/email-protection#` + press + `"><span class="__cf_email__" data-cfemail="` + press + `">[email&#160;protected]</span></a></p>
</div></div></div></main></body></html>`
	d := parseFile(t, page, "https://ministerium.example/presse/radwege/")
	var text, hrefs []string
	for _, b := range d.Blocks {
		text = append(text, b.PlainText())
		if b.Text != nil {
			for _, pb := range b.Text.Body {
				for _, md := range pb.MarkDefs {
					hrefs = append(hrefs, md.Href)
				}
			}
		}
	}
	all := strings.Join(text, " ")
	if !strings.Contains(all, "unter büro@ministerium.example entgegen") || !strings.Contains(all, "Ältere Form: info@ministerium.example.") || strings.Contains(all, "protected") {
		t.Errorf("text = %q; want the address decoded", all)
	}
	if len(hrefs) != 3 || hrefs[0] != "mailto:büro@ministerium.example" || !strings.HasSuffix(hrefs[1], "/cdn-cgi/l/email-protection#zz") || hrefs[2] != "mailto:info@ministerium.example" {
		t.Errorf("links = %q; want the mailto: link and the undecodable one as served", hrefs)
	}
	if d.PressRelease == nil || len(d.PressRelease.Contacts) != 1 || d.PressRelease.Contacts[0] != (umzug.Contact{Name: "Anna Beispiel", Phone: "0361 57 3911-000", Email: "presse@ministerium.example"}) {
		t.Errorf("contacts = %+v; want Anna Beispiel with phone and the decoded e-mail", d.PressRelease)
	}
}
