package cmd

import "io"

// SummaryOut is where a command writes its summary: w, or nowhere with
// --quiet, which means warnings and errors only.
func (g *GlobalOptions) SummaryOut(w io.Writer) io.Writer {
	if g != nil && g.Quiet {
		return io.Discard
	}
	return w
}
