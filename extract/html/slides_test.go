package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/testkit"
)

// TestSlidesHaveTheirOwnContent: every slide of a slider is one item of
// the carousel, not the carousel again (Bootstrap's carousel has the class
// "slide" too), and no item links to the slider's own controls.
func TestSlidesHaveTheirOwnContent(t *testing.T) {
	sliders := 0
	for _, p := range testkit.MinistryPages(t) {
		d, _ := parseFixture(t, p.Path)
		for _, b := range d.Blocks {
			if b.Type != umzug.BlockTeaser || b.Teaser.Layout != "slider" {
				continue
			}
			sliders++
			for i, it := range b.Teaser.Items {
				text := it.Title + "\n" + it.Body.PlainText()
				others := 0
				for j, o := range b.Teaser.Items {
					if j != i && o.Title != "" && o.Title != it.Title && strings.Contains(text, o.Title) {
						others++
					}
				}
				if others >= 2 {
					t.Errorf("%s %s: slide %q holds the titles of %d other slides: the whole slider again", p.Path, b.Key, it.Title, others)
				}
				if it.Link != nil && strings.HasPrefix(it.Link.Href, ministryBase+p.Path+"#") {
					t.Errorf("%s %s: slide %q links to a control of its page: %s", p.Path, b.Key, it.Title, it.Link.Href)
				}
			}
		}
	}
	if sliders == 0 {
		t.Fatal("no slider on the fixture site: the test checks nothing")
	}
}

// TestCaptionLivesInOnePlace: the caption of an image or a video belongs
// to it and is not repeated as a paragraph of text.
func TestCaptionLivesInOnePlace(t *testing.T) {
	captions := 0
	for _, p := range testkit.MinistryPages(t) {
		d, _ := parseFixture(t, p.Path)
		var caps []string
		media := func(m umzug.Media) {
			if m.Caption != "" {
				caps = append(caps, m.Caption)
			}
		}
		for _, b := range d.Blocks {
			switch b.Type {
			case umzug.BlockVideo:
				if b.Video.Caption != "" {
					caps = append(caps, b.Video.Caption)
				}
			case umzug.BlockImage:
				media(b.Image.Media)
			case umzug.BlockTextMedia:
				for _, m := range b.TextMedia.Media {
					media(m)
				}
			case umzug.BlockGallery:
				for _, m := range b.Gallery.Items {
					media(m)
				}
			}
		}
		captions += len(caps)
		for _, b := range d.Blocks {
			if b.Type != umzug.BlockText {
				continue
			}
			for _, pb := range b.Text.Body {
				for _, c := range caps {
					if strings.TrimSpace(pb.PlainText()) == c {
						t.Errorf("%s %s: caption %q repeated as a paragraph", p.Path, b.Key, c)
					}
				}
			}
		}
	}
	if captions == 0 {
		t.Fatal("no caption on the fixture site: the test checks nothing")
	}
}
