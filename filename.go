package umzug

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxFileNameBytes caps a file name: most file systems allow 255 bytes.
const maxFileNameBytes = 200

// SafeFileName reduces name to a base name that every file system and
// CMS can store: the part after the last "/" or "\" (so "..\..\evil.pdf"
// from a %5C in an old URL becomes "evil.pdf"), without control
// characters, the characters Windows forbids (<>:"|?*), leading dots and
// spaces, trailing dots and spaces, and Windows device names (CON, NUL,
// COM1, …, which get a leading "_"); at most 200 bytes, the extension
// kept. Invalid UTF-8 becomes U+FFFD. It returns "" when nothing is left.
// SafeFileName is idempotent.
func SafeFileName(name string) string {
	name = strings.ToValidUTF8(name, "\ufffd")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r), r == '\u2028', r == '\u2029':
			return -1
		case strings.ContainsRune(`<>:"|?*`, r):
			return '_'
		}
		return r
	}, name)
	name = strings.TrimLeft(name, ". ")
	name = strings.TrimRight(name, ". ")
	if name == "" {
		return ""
	}
	stem, ext := name, ""
	if i := strings.LastIndexByte(name, '.'); i > 0 && len(name)-i <= 16 {
		stem, ext = name[:i], name[i:]
	}
	if reservedDeviceName(stem) {
		stem = "_" + stem
	}
	if len(stem)+len(ext) > maxFileNameBytes {
		cut := maxFileNameBytes - len(ext)
		for cut > 0 && !utf8.RuneStart(stem[cut]) {
			cut--
		}
		stem = strings.TrimRight(stem[:cut], ". ")
	}
	return stem + ext
}

// reservedDeviceName reports the names Windows reserves for devices,
// whatever the extension: CON, PRN, AUX, NUL, COM0-9, LPT0-9.
func reservedDeviceName(stem string) bool {
	s := strings.ToUpper(stem)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = s[:i]
	}
	switch s {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(s) == 4 && (strings.HasPrefix(s, "COM") || strings.HasPrefix(s, "LPT")) && s[3] >= '0' && s[3] <= '9'
}
