package pipeline

import "context"

// result is the outcome of one item of runOrdered.
type result[U any] struct {
	v   U
	err error
}

// runOrdered applies f to the items of in with up to workers goroutines
// and delivers the results in the order of in. The output closes when in
// is drained or ctx is done; a consumer that stops early cancels ctx.
func runOrdered[T, U any](ctx context.Context, workers int, in <-chan T, f func(T) (U, error)) <-chan result[U] {
	queue := make(chan chan result[U], workers*2)
	out := make(chan result[U], workers)
	sem := make(chan struct{}, workers)
	go func() {
		defer close(queue)
		for t := range in {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			c := make(chan result[U], 1)
			select {
			case queue <- c:
			case <-ctx.Done():
				return
			}
			go func() {
				v, err := f(t)
				c <- result[U]{v, err}
				<-sem
			}()
		}
	}()
	go func() {
		defer close(out)
		for c := range queue {
			select {
			case r := <-c:
				select {
				case out <- r:
				case <-ctx.Done():
					return
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}
