package transform

import (
	"github.com/umzug/umzug"
)

// safeFileNames reduces every FileName of d (download items, press
// release attachments, assets) to a safe base name (umzug.SafeFileName).
func safeFileNames(d *umzug.Document) {
	d.FileNames(func(s *string) {
		if *s != "" {
			*s = umzug.SafeFileName(*s)
		}
	})
}
