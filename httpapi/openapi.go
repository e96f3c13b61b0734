package httpapi

import (
	_ "embed"
	"net/http"
)

// openAPIDoc is the published description of the routes; a test checks
// it against the routes the server registers.
//
//go:embed openapi.json
var openAPIDoc []byte

// openAPI serves the OpenAPI 3 document as is (not in the envelope: tools
// read it directly).
func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "max-age=300")
	_, err := w.Write(openAPIDoc)
	return err
}
