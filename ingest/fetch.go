package ingest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"
)

// FetchOptions bound an http(s) fetch. Zero fields take the defaults.
type FetchOptions struct {
	Timeout      time.Duration // whole request, default 30s
	MaxRedirects int           // 0: the default, 5; negative: follow none
	Retries      int           // extra tries on network errors and 5xx/429; 0: the default, 3; negative: none
	Backoff      time.Duration // first wait between tries, doubled each time, default 500ms
	AllowPrivate bool          // allow loopback, private and link-local addresses
}

func (o FetchOptions) withDefaults() FetchOptions {
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxRedirects < 0 {
		o.MaxRedirects = 0
	} else if o.MaxRedirects == 0 {
		o.MaxRedirects = 5
	}
	if o.Retries < 0 {
		o.Retries = 0
	} else if o.Retries == 0 {
		o.Retries = 3
	}
	if o.Backoff <= 0 {
		o.Backoff = 500 * time.Millisecond
	}
	return o
}

// errPrivate is returned when a URL resolves to an address we must not reach.
var errPrivate = errors.New("address is private or loopback (use --allow-private to allow)")

// client builds an http.Client whose dialer checks each address it connects
// to (after DNS, so a name cannot smuggle a private address past the check).
func client(o FetchOptions) *http.Client {
	d := &net.Dialer{Timeout: 10 * time.Second}
	if !o.AllowPrivate {
		d.Control = func(network, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			if ip, err := netip.ParseAddr(host); err != nil || blockedIP(ip) {
				return fmt.Errorf("%s: %w", host, errPrivate)
			}
			return nil
		}
	}
	tr := &http.Transport{DialContext: d.DialContext, TLSHandshakeTimeout: 10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second, Proxy: nil}
	return &http.Client{
		Transport: tr,
		Timeout:   o.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > o.MaxRedirects {
				return fmt.Errorf("more than %d redirects", o.MaxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to %s is not http(s)", req.URL.Scheme)
			}
			return nil
		},
	}
}

// ReadURL fetches an http(s) URL with retries and reads the body as
// ReadStream does (feed, JSON Lines or one text document). A fetch that
// fails is one skipped item with the reason.
func ReadURL(ctx context.Context, rawURL string, fo FetchOptions, opt FileOptions, yield func(Item) error) error {
	fo = fo.withDefaults()
	lim := opt.Limits.withDefaults()
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return yield(Item{Skip: "bad URL", Message: fmt.Sprintf("%s: not an http(s) URL", rawURL)})
	}
	c := client(fo)
	wait := fo.Backoff
	var last error
	for try := 0; try <= fo.Retries; try++ {
		if try > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait):
			}
			wait *= 2
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
		if err != nil {
			return yield(Item{Skip: "bad URL", Message: fmt.Sprintf("%s: %v", rawURL, err)})
		}
		req.Header.Set("User-Agent", "faultline-ingest/1")
		resp, err := c.Do(req)
		if err != nil {
			last = err
			if errors.Is(err, errPrivate) || ctx.Err() != nil {
				break
			}
			continue
		}
		if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			last = fmt.Errorf("HTTP %s", resp.Status)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			return yield(Item{Skip: "fetch failed", Message: fmt.Sprintf("%s: HTTP %s", rawURL, resp.Status)})
		}
		if resp.ContentLength > lim.MaxFetchBytes {
			resp.Body.Close()
			return yield(Item{Skip: "too large", Message: fmt.Sprintf("%s: body of %d bytes is over the %d-byte limit", rawURL, resp.ContentLength, lim.MaxFetchBytes)})
		}
		opt.Limits = lim
		opt.contentType = resp.Header.Get("Content-Type")
		err = ReadStream(ctx, &capReader{r: resp.Body, n: lim.MaxFetchBytes}, rawURL, rawURL, opt, func(it Item) error {
			if it.Skip == "" && it.Doc.URL == "" && it.Doc.ID == rawURL {
				it.Doc.URL = rawURL
			}
			return yield(it)
		})
		resp.Body.Close()
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return yield(Item{Skip: "fetch failed", Message: fmt.Sprintf("%s: %v", rawURL, last)})
}
