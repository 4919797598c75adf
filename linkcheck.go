package umzug

import (
	"context"
	"errors"
)

// LinkChecker tells the HTTP status of a URL that was not crawled (files,
// images, external pages) after redirects. The audit asks it about link
// targets; the pipeline's HTTP checker answers over the network.
//
// The result: a status (the final one, after redirects) and an error. An
// error means no response and makes the target broken, unless it wraps
// ErrNotChecked (robots.txt forbids asking, say): such targets are left
// out, as is status 0 without an error. Implementations must be safe for
// concurrent use.
type LinkChecker interface {
	Check(ctx context.Context, url string) (status int, err error)
}

// ErrNotChecked is wrapped by LinkChecker errors for targets that were
// not checked; they are not reported as broken.
var ErrNotChecked = errors.New("not checked")
