package html

import (
	"mime"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/umzug/umzug"
)

// processedRe matches TYPO3's processed image variants:
// fileadmin/_processed_/a/b/csm_<name>_<hash>.<ext>.
var processedRe = regexp.MustCompile(`/_processed_/(?:[0-9a-f]/[0-9a-f]/)?csm_(.+)_[0-9a-f]{6,}\.([A-Za-z0-9]+)$`)

// processedName is the original file name of a TYPO3 processed image
// variant ("" for another URL).
func processedName(u string) string {
	if mm := processedRe.FindStringSubmatch(pathOf(u)); mm != nil {
		return umzug.SafeFileName(mm[1] + "." + mm[2])
	}
	return ""
}

// collectAssets lists the images and files a document refers to, once
// each, in order of appearance. A processed variant whose original (or
// a larger rendition of it) the page links (lightbox) is listed under it.
func collectAssets(d *umzug.Document) []umzug.Asset {
	var out []umzug.Asset
	seen := map[string]int{}
	addMedia := func(m umzug.Media) {
		a := umzug.Asset{Kind: "image", URL: m.Src, Alt: m.Alt, Caption: m.Caption, Credit: m.Credit}
		a.FileName = fileName(m.Src)
		if name := processedName(m.Src); name != "" {
			a.FileName = name
			if m.Link != "" && (fileName(m.Link) == a.FileName || processedName(m.Link) == a.FileName && m.Link != m.Src) {
				// The original, or its larger rendition the lightbox
				// shows (tx_news and bootstrap_package link a processed
				// variant too): migrated with the picture, not left as a
				// file of the chrome.
				a.Original = m.Link
			}
		} else if m.Link != "" && m.Link != m.Src && legacyRendering(m.Src) && umzug.IsPictureExt(strings.ToLower(path.Ext(pathOf(m.Link)))) {
			// TYPO3 up to 6.1 rendered a scaled copy into typo3temp/pics/
			// under a hash; the picture it links (click-enlarge: the
			// file itself or TYPO3's showpic script, resolved in
			// mediaOf) is the original.
			a.FileName = fileName(m.Link)
			a.Original = m.Link
		} else if m.Link != "" && m.Link != m.Src && pathOf(m.Link) == pathOf(m.Src) {
			// The same file in another rendition, chosen by the query
			// (GSB's `?__blob=normal` linking `?__blob=poster`): the
			// linked one is the original.
			a.Original = m.Link
		}
		add(&out, seen, a)
	}
	addFile := func(f umzug.File) {
		a := umzug.Asset{Kind: "file", URL: f.URL, FileName: umzug.SafeFileName(f.FileName), Size: f.Size, Caption: f.Title}
		if a.FileName == "" {
			a.FileName = fileName(f.URL)
		}
		add(&out, seen, a)
	}
	for i := range d.Blocks {
		b := &d.Blocks[i]
		switch b.Type {
		case umzug.BlockImage:
			addMedia(b.Image.Media)
		case umzug.BlockGallery:
			for _, m := range b.Gallery.Items {
				addMedia(m)
			}
		case umzug.BlockTextMedia:
			for _, m := range b.TextMedia.Media {
				addMedia(m)
			}
		case umzug.BlockTeaser:
			for _, it := range b.Teaser.Items {
				if it.Image != nil {
					addMedia(*it.Image)
				}
			}
		case umzug.BlockAccordion, umzug.BlockTabs:
			items := b.Accordion
			if b.Type == umzug.BlockTabs {
				items = (*umzug.Accordion)(b.Tabs)
			}
			for _, it := range items.Items {
				for _, m := range it.Media {
					addMedia(m)
				}
			}
		case umzug.BlockTimeline:
			for _, it := range b.Timeline.Items {
				for _, m := range it.Media {
					addMedia(m)
				}
			}
		case umzug.BlockDownloads:
			for _, f := range b.Downloads.Items {
				addFile(f)
			}
		case umzug.BlockVideo:
			// A video file of the site (fileadmin/…/film.mp4) moves
			// with the site; a platform's player does not.
			if b.Video.Provider == "file" {
				addFile(umzug.File{URL: b.Video.Src, Title: b.Video.Title})
			}
		}
		// Links to files inside rich text are assets too.
		for _, href := range fileLinks(b) {
			addFile(umzug.File{URL: href})
		}
	}
	if d.PressRelease != nil {
		for _, f := range d.PressRelease.Attachments {
			addFile(f)
		}
	}
	return out
}

func add(out *[]umzug.Asset, seen map[string]int, a umzug.Asset) {
	if a.URL == "" || strings.HasPrefix(a.URL, "data:") {
		return
	}
	a.MimeType = mime.TypeByExtension(strings.ToLower(path.Ext(a.FileName)))
	if i, ok := seen[a.URL]; ok {
		// Keep the first texts; fill what the first mention lacked.
		x := &(*out)[i]
		if x.Alt == "" {
			x.Alt = a.Alt
		}
		if x.Caption == "" {
			x.Caption = a.Caption
		}
		if x.Credit == "" {
			x.Credit = a.Credit
		}
		return
	}
	seen[a.URL] = len(*out)
	*out = append(*out, a)
}

// fileLinks returns the hrefs of links to files (by extension) in the
// block's rich text.
func fileLinks(b *umzug.Block) []string {
	var pts []umzug.PortableText
	switch b.Type {
	case umzug.BlockText:
		pts = append(pts, b.Text.Body)
	case umzug.BlockTextMedia:
		pts = append(pts, b.TextMedia.Body)
	case umzug.BlockInfoBox:
		pts = append(pts, b.InfoBox.Body)
	case umzug.BlockAccordion:
		for _, it := range b.Accordion.Items {
			pts = append(pts, it.Body)
		}
	case umzug.BlockTabs:
		for _, it := range b.Tabs.Items {
			pts = append(pts, it.Body)
		}
	}
	var out []string
	for _, pt := range pts {
		for _, blk := range pt {
			for _, md := range blk.MarkDefs {
				if ext := strings.ToLower(path.Ext(pathOf(md.Href))); umzug.IsLinkedFileExt(ext) {
					out = append(out, md.Href)
				}
			}
		}
	}
	return out
}

func pathOf(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Path
	}
	return raw
}

// fileName is the safe base name of the file a URL names (see
// umzug.SafeFileName): "%5C..%5Cevil.pdf" is "evil.pdf".
func fileName(raw string) string {
	p := pathOf(raw)
	if p == "" || strings.HasSuffix(p, "/") {
		return ""
	}
	return umzug.SafeFileName(path.Base(p))
}

// legacyRendering reports a picture TYPO3 up to 6.1 rendered (scaled,
// cropped) into typo3temp/pics/ ("typo3temp/pics/8c1d2e3f4a.jpg",
// "typo3temp/pics/name_95d46d313a.png"): a copy, not the editor's file.
func legacyRendering(u string) bool {
	return strings.Contains(pathOf(u), "/typo3temp/pics/")
}

// showpicFile returns the file that TYPO3's click-enlarge script shows
// (index.php?eID=tx_cms_showpic&file=uploads%2Fpics%2Fbild.jpg, TYPO3 4.x
// to 6.1; tt_news' and css_styled_content's popups), resolved against
// the link; href itself for any other link. A file given as a number
// (FAL's sys_file uid, TYPO3 6.2) names no path and stays the link.
func showpicFile(href string) string {
	if !strings.Contains(href, "tx_cms_showpic") {
		return href
	}
	u, err := url.Parse(href)
	if err != nil {
		return href
	}
	q := u.Query()
	f := strings.TrimLeft(q.Get("file"), "/")
	if q.Get("eID") != "tx_cms_showpic" || f == "" || !strings.Contains(f, "/") || path.Ext(f) == "" || strings.Contains(f, "..") {
		return href
	}
	file, err := u.Parse("/" + f)
	if err != nil {
		return href
	}
	return file.String()
}
