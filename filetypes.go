package umzug

import "strings"

// fileTypes maps the extension of a link to one of the site's files (a
// document, a data file, a picture, audio or video; lower case, with the
// dot) to its media type. It is the one list the stages share: the crawl
// records such links as assets and never parses them as pages, extraction
// lists them among a page's files (pictures among its images), and the
// export writes an asset record with this media type.
var fileTypes = map[string]string{
	// documents and data
	".pdf": "application/pdf", ".rtf": "application/rtf", ".txt": "text/plain", ".csv": "text/csv",
	".xml": "application/xml", ".zip": "application/zip",
	".doc": "application/msword", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls": "application/vnd.ms-excel", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".ppt": "application/vnd.ms-powerpoint", ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt": "application/vnd.oasis.opendocument.text", ".ods": "application/vnd.oasis.opendocument.spreadsheet",
	".odp": "application/vnd.oasis.opendocument.presentation",
	".ics": "text/calendar", ".vcf": "text/vcard",
	// pictures
	".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp",
	".avif": "image/avif", ".svg": "image/svg+xml", ".tif": "image/tiff", ".tiff": "image/tiff", ".bmp": "image/bmp",
	// audio and video
	".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".wav": "audio/wav",
	".mp4": "video/mp4", ".m4v": "video/x-m4v", ".mov": "video/quicktime", ".avi": "video/x-msvideo", ".webm": "video/webm",
}

// FileType returns the media type of a file of the site by the extension
// of its path (lower case, with the dot), "" when the extension names no
// file (a page, or no extension).
func FileType(ext string) string { return fileTypes[ext] }

// IsFileExt reports whether a link whose path ends in ext (lower case,
// with the dot) is a file of the site rather than a page.
func IsFileExt(ext string) bool { return fileTypes[ext] != "" }

// IsLinkedFileExt reports whether a link whose path ends in ext (lower
// case, with the dot) is one of a page's files (its attachments, the files
// its chrome links): IsFileExt but not ".xml", whose links are mostly
// feeds and sitemaps that the crawl never fetches (machinery), so an
// attachment or asset of one would name a file no crawl carries.
func IsLinkedFileExt(ext string) bool { return ext != ".xml" && IsFileExt(ext) }

// IsPictureExt reports whether ext (lower case, with the dot) names a
// picture's file.
func IsPictureExt(ext string) bool { return strings.HasPrefix(fileTypes[ext], "image/") }
