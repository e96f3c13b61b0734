package httpapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// ServeOptions bound the HTTP server. Zero fields take the defaults.
type ServeOptions struct {
	ReadHeaderTimeout time.Duration // default 10s
	ReadTimeout       time.Duration // whole request, default 60s
	WriteTimeout      time.Duration // whole reply, default 120s (exports stream)
	IdleTimeout       time.Duration // keep-alive, default 120s
	// Grace is how long shutdown waits for requests in flight (default 30s).
	Grace time.Duration
}

// Serve serves h on ln until ctx is done, then stops taking connections
// and waits (up to Grace) for the requests in flight to finish. It returns
// nil after a clean shutdown.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, o ServeOptions) error {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.ReadHeaderTimeout, 10*time.Second)
	def(&o.ReadTimeout, 60*time.Second)
	def(&o.WriteTimeout, 120*time.Second)
	def(&o.IdleTimeout, 120*time.Second)
	def(&o.Grace, 30*time.Second)
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: o.ReadHeaderTimeout,
		ReadTimeout:       o.ReadTimeout,
		WriteTimeout:      o.WriteTimeout,
		IdleTimeout:       o.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		// Requests in flight keep their own context: shutdown lets them
		// finish instead of cancelling them.
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	var wg sync.WaitGroup
	var shutErr error
	wg.Add(1)
	stop := make(chan struct{})
	go func() {
		defer wg.Done()
		select {
		case <-ctx.Done():
		case <-stop:
			return
		}
		sctx, cancel := context.WithTimeout(context.Background(), o.Grace)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			shutErr = fmt.Errorf("shutdown: %w", err)
			srv.Close()
		}
	}()
	err := srv.Serve(ln)
	if !errors.Is(err, http.ErrServerClosed) {
		close(stop)
		wg.Wait()
		return err
	}
	wg.Wait()
	return shutErr
}
