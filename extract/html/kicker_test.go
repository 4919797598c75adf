package html_test

import (
	"strings"
	"testing"
)

// TestCommentKickerIsGenre: "Kommentar" over a headline names the genre
// of an opinion piece, in a teaser of a news list or over the article
// itself. It is no comment section's headline, and the teasers around it
// (or the article under it) stay.
func TestCommentKickerIsGenre(t *testing.T) {
	teaser := func(kicker, title, text string) string {
		return `<div class="list__item"><article class="item"><header class="item__header">
<div class="item__kicker">` + kicker + `</div>
<h3 class="item__title"><a href="/news/` + strings.ToLower(kicker) + `"><span>` + title + `</span></a></h3></header>
<p class="item__text">` + text + `</p><a class="item__more" href="/news/` + strings.ToLower(kicker) + `">Mehr erfahren</a></article></div>`
	}
	hub := `<html><head><title>Energie und Klima | Institut</title></head><body>
<header><nav><a href="/">Start</a> <a href="/institut">Institut</a> <a href="/themen">Themen</a></nav></header>
<main>
<h1>Energie und Klima</h1>
<p>Der Forschungsbereich untersucht, wie der Umbau der Energieversorgung gelingt und wer ihn trägt.</p>
<h2>News</h2>
<div class="list">` +
		teaser("Wasserstoff", "Partnerländer entscheiden über die Strategie", "Die Strategie setzt auf grünen Wasserstoff aus Partnerländern, deren Erzeugungskapazitäten erst entstehen müssen, und das braucht Zeit.") +
		teaser("Kommentar", "Fallstricke eines Umstiegs auf neue Technologien", "Der Umstieg kann zur Chance oder zum Risiko werden, je nachdem, wer die Rohstoffe und die Märkte der neuen Technologien beherrscht.") +
		teaser("Demokratie", "Genossenschaften erreichen neue Gruppen", "Bürgerenergie bietet die Chance, die Energiewende vor Ort mitzugestalten, wenn die Genossenschaften auch jüngere Mitglieder gewinnen.") +
		`</div>
</main>
<footer>Impressum · Datenschutz</footer></body></html>`
	_, text := extractText(t, hub, "https://www.institut.example/themen/energie")
	for _, want := range []string{"Partnerländer entscheiden", "Fallstricke eines Umstiegs", "Genossenschaften erreichen", "Bürgerenergie bietet"} {
		if !strings.Contains(text, want) {
			t.Errorf("news list: %q lost (kicker read as a comment headline):\n%s", want, text)
		}
	}

	article := `<html><head><title>Die Stadt braucht mehr Mut | Zeitung</title></head><body>
<header><nav><a href="/">Start</a> <a href="/meinung">Meinung</a></nav></header>
<main><article>
<div class="kicker">Kommentar</div>
<h1>Die Stadt braucht mehr Mut</h1>
<p>Seit Jahren streitet der Rat über die Radwege in der Innenstadt, und seit Jahren geschieht nichts, was über einen Plan hinausginge.</p>
<p>Andere Städte zeigen, dass es anders geht: Sie bauen erst provisorisch, messen, und bessern dann nach, statt auf den perfekten Entwurf zu warten.</p>
</article>
<section id="comments"><h2>Kommentare</h2><div class="comment"><p>Endlich sagt es mal jemand, das habe ich im Rat schon vor Jahren gefordert.</p></div></section>
</main>
<footer>Impressum · Datenschutz</footer></body></html>`
	_, text = extractText(t, article, "https://www.zeitung.example/meinung/mut")
	for _, want := range []string{"Seit Jahren streitet der Rat", "Andere Städte zeigen"} {
		if !strings.Contains(text, want) {
			t.Errorf("opinion piece: %q lost:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Endlich sagt es mal jemand") {
		t.Errorf("opinion piece: the comment section stayed:\n%s", text)
	}
}
