package docio

import (
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	faultline "github.com/faultline/faultline"
)

// Errors of DecodeDocument, to be told apart with errors.Is.
var (
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrNotJSON     = errors.New("not a JSON object")
	ErrBadID       = errors.New(`"id" is neither a string nor a number`)
)

// DecodeDocument decodes one JSON Lines document as Reader does: the
// common flat object through the fast path, anything else through
// encoding/json; the id may be a string (trimmed) or a number. Absent
// fields are left empty: whether a document needs an id or a text is the
// caller's rule. Errors wrap ErrInvalidUTF8, ErrNotJSON or ErrBadID.
func DecodeDocument(line []byte) (faultline.Document, error) {
	jd, err := decodeJSONDoc(line)
	if err != nil {
		return faultline.Document{}, err
	}
	id, ok := parseID(jd.ID)
	if !ok {
		return faultline.Document{}, ErrBadID
	}
	d := faultline.Document{ID: id, Date: jd.Date, Title: jd.Title, URL: jd.URL, Source: jd.Source}
	if jd.Text != nil {
		d.Text = *jd.Text
	}
	return d, nil
}

// decodeJSONDoc checks a line is UTF-8 (decoding would replace bad bytes
// silently) and decodes it, the fast path first.
func decodeJSONDoc(line []byte) (jsonDoc, error) {
	if !utf8.Valid(line) {
		return jsonDoc{}, fmt.Errorf("%w at byte %d", ErrInvalidUTF8, badUTF8At(line))
	}
	var jd jsonDoc
	if fastDecode(line, &jd) {
		return jd, nil
	}
	jd = jsonDoc{}
	if err := json.Unmarshal(line, &jd); err != nil {
		return jsonDoc{}, fmt.Errorf("%w: %s", ErrNotJSON, shortJSONError(err))
	}
	return jd, nil
}
