// Package web is the analyst's page: one HTML file, a style sheet, a
// hand-written script and the country outlines, all embedded so that the
// page works offline. The outlines (static/world.json) are generated from
// Natural Earth by gen/ (see gen/README.md); `go generate` reruns it.
//
// Document text reaches the page only through textContent, never as HTML,
// and the Content-Security-Policy allows no inline script, so a document
// that contains markup shows as text.
package web

//go:generate sh -c "cd gen && npm ci --no-audit --no-fund --silent && go run . -o ../static/world.json"

import (
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var static embed.FS

// Files are the page's files, rooted at static/.
func Files() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embedded tree always has static/
	}
	return sub
}

// csp allows the page's own files and nothing else: no inline script, no
// other origin.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Handler serves the page at / and its files at /static/; other paths go
// to notFound.
func Handler(notFound http.Handler) http.Handler {
	files := Files()
	fileServer := http.FileServerFS(files)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			notFound.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		switch {
		case r.URL.Path == "/":
			h.Set("Cache-Control", "no-cache")
			http.ServeFileFS(w, r, files, "index.html")
		case strings.HasPrefix(r.URL.Path, "/static/"):
			name := strings.TrimPrefix(path.Clean(r.URL.Path), "/static/")
			if _, err := fs.Stat(files, name); err != nil || name == "index.html" {
				notFound.ServeHTTP(w, r)
				return
			}
			h.Set("Cache-Control", "max-age=300")
			r2 := r.Clone(r.Context())
			r2.URL.Path = "/" + name
			fileServer.ServeHTTP(w, r2)
		default:
			notFound.ServeHTTP(w, r)
		}
	})
}
