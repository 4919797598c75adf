package extract

// assetExt are the extensions of links to files (documents, images,
// media): the crawl records them as assets (status, type, size) and never
// parses them, extraction lists them among a page's files.
var assetExt = map[string]bool{
	".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true,
	".pptx": true, ".odt": true, ".ods": true, ".odp": true, ".rtf": true, ".zip": true,
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".svg": true,
	".tif": true, ".tiff": true, ".bmp": true, ".mp3": true, ".mp4": true,
	".m4v": true, ".mov": true, ".avi": true, ".webm": true, ".ogg": true, ".wav": true,
}

// IsAssetExt reports whether a link whose path ends in ext (lower case,
// with the dot) is a file of the site: a document, an image, a medium.
func IsAssetExt(ext string) bool { return assetExt[ext] }
