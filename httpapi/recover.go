package httpapi

import (
	"context"
	"time"

	"github.com/faultline/faultline/ingest"
)

// Recover codes every document the store holds but has not coded: those
// of a POST whose coding or storing failed after the document was
// committed (a body that ran past the request's deadline, a full disk, a
// killed server) and those queued by `faultline ingest --queue-only`. It
// claims them through the store's queue, so that other workers on the
// same store and this server's own POSTs code each document once. It
// returns how many documents it coded.
func (s *Server) Recover(ctx context.Context) (int, error) {
	if s.cfg.Coder == nil {
		return 0, nil
	}
	st, err := ingest.Work(ctx, s.cfg.Store, s.cfg.Coder, ingest.Options{BatchSize: 50})
	s.metrics.recovered.Add(uint64(st.Coded))
	if st.Coded > 0 {
		s.refreshCache(ctx)
	}
	return st.Coded, err
}

// RecoverEvery runs Recover at once and then every interval until ctx
// ends, logging what it coded and its errors.
func (s *Server) RecoverEvery(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		n, err := s.Recover(ctx)
		if err != nil && ctx.Err() == nil {
			s.cfg.Log.Error("code stored documents left uncoded", "coded", n, "err", err)
		} else if n > 0 {
			s.cfg.Log.Info("coded stored documents left uncoded", "coded", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
