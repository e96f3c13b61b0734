package httpapi

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/ingest"
)

// maxPostDocs caps the documents of one POST.
const maxPostDocs = 1000

// documentReply is GET /api/v1/documents/{id}: the text and the events it
// mentions, whose evidence offsets index the text's bytes.
type documentReply struct {
	Document faultline.StoredDocument `json:"document"`
	Events   []faultline.StoredEvent  `json:"events"`
}

func (s *Server) getDocument(w http.ResponseWriter, r *http.Request) error {
	doc, err := s.cfg.Store.Document(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	evs, err := s.docEvents(r, doc.ID)
	if err != nil {
		return err
	}
	reply(w, http.StatusOK, documentReply{Document: doc, Events: evs}, "")
	return nil
}

func (s *Server) docEvents(r *http.Request, id string) ([]faultline.StoredEvent, error) {
	evs := []faultline.StoredEvent{}
	err := s.cfg.Store.Events(r.Context(), faultline.EventFilter{DocID: id}, func(e faultline.StoredEvent) error {
		evs = append(evs, e)
		return nil
	})
	return evs, err
}

// postResult says what became of one posted document.
type postResult struct {
	ID     string                  `json:"id"`
	Result string                  `json:"result"` // added, near_copy, duplicate_id, duplicate_content
	NearOf string                  `json:"near_of,omitempty"`
	Events []faultline.StoredEvent `json:"events"`
}

var resultNames = map[faultline.AddResult]string{
	faultline.Added: "added", faultline.NearCopy: "near_copy",
	faultline.DupID: "duplicate_id", faultline.DupHash: "duplicate_content",
}

// postDocuments stores posted documents (one JSON object, an array of
// them, or JSON Lines), codes the new ones and answers with their events.
func (s *Server) postDocuments(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Coder == nil {
		return errorf(KindUnavailable, "this server does not code documents")
	}
	docs, err := readDocuments(r)
	if err != nil {
		return err
	}
	nds := make([]faultline.NewDocument, len(docs))
	for i, d := range docs {
		nds[i] = faultline.NewDocument{Document: d, Hash: ingest.ContentHash(d.Text), Signature: ingest.Signature(d.Text)}
	}
	start := time.Now()
	res, err := s.cfg.Store.AddDocuments(r.Context(), nds)
	if err != nil {
		return fmt.Errorf("add documents: %w", err)
	}
	var todo []faultline.Document
	for i, rs := range res {
		if rs == faultline.DupID {
			// A retry of a POST that stored the document but failed
			// before its events were (deadline, full disk, killed
			// server): the same text, still uncoded, is coded now.
			if sd, err := s.cfg.Store.Document(r.Context(), docs[i].ID); err == nil && !sd.Coded && sd.Hash == nds[i].Hash {
				res[i] = faultline.Added
				if sd.NearOf != "" {
					res[i] = faultline.NearCopy
				}
			}
		}
		if res[i] == faultline.Added || res[i] == faultline.NearCopy {
			todo = append(todo, docs[i])
		}
	}
	coded := s.code(todo)
	// The documents are committed: their events are stored even when the
	// request ran out of time while they were coded, or its client left.
	cctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), s.cfg.RequestTimeout)
	defer cancel()
	st, err := s.cfg.Store.Complete(cctx, coded)
	if err != nil {
		return fmt.Errorf("store events: %w", err)
	}
	s.metrics.observeCoding(len(todo), st.Events+st.Mentions, time.Since(start))
	s.refreshCache(r.Context())
	out := make([]postResult, len(docs))
	for i, d := range docs {
		out[i] = postResult{ID: d.ID, Result: resultNames[res[i]], Events: []faultline.StoredEvent{}}
		if res[i] == faultline.DupHash {
			continue // the events are those of the stored copy, under its own id
		}
		if out[i].Events, err = s.docEvents(r, d.ID); err != nil {
			return err
		}
		if res[i] == faultline.NearCopy {
			if sd, err := s.cfg.Store.Document(r.Context(), d.ID); err == nil {
				out[i].NearOf = sd.NearOf
			}
		}
	}
	reply(w, http.StatusCreated, map[string]any{"documents": out, "stored_events": st.Events, "merged_mentions": st.Mentions}, "")
	return nil
}

// code codes docs on every core.
func (s *Server) code(docs []faultline.Document) []faultline.CodedDocument {
	out := make([]faultline.CodedDocument, len(docs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, d := range docs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i] = faultline.CodedDocument{DocID: d.ID, Events: s.cfg.Coder.Code(d)}
		}()
	}
	wg.Wait()
	return out
}

// badUTF8At is the offset of the first byte of b that is not valid UTF-8.
func badUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// readDocuments reads the body as JSON (an object or an array) or JSON
// Lines, by Content-Type, and checks each document.
func readDocuments(r *http.Request) ([]faultline.Document, error) {
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil && r.Header.Get("Content-Type") != "" {
		return nil, errorf(KindMediaType, "unreadable Content-Type")
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err // MaxBytesError becomes 413
	}
	// encoding/json would quietly turn invalid UTF-8 into U+FFFD, where
	// 'faultline code' and 'ingest' refuse it: the API refuses it too.
	if !utf8.Valid(body) {
		return nil, errorf(KindInvalid, "body is not valid UTF-8 (at byte "+strconv.Itoa(badUTF8At(body))+")")
	}
	var docs []faultline.Document
	switch ct {
	case "application/json", "":
		t := bytes.TrimLeft(body, " \t\r\n")
		if len(t) > 0 && t[0] == '[' {
			if err := json.Unmarshal(t, &docs); err != nil {
				return nil, errorf(KindInvalid, "body is not a JSON array of documents")
			}
		} else {
			var d faultline.Document
			if err := json.Unmarshal(t, &d); err != nil {
				return nil, errorf(KindInvalid, "body is not a JSON document")
			}
			docs = []faultline.Document{d}
		}
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-seq":
		sc := bufio.NewScanner(bytes.NewReader(body))
		sc.Buffer(nil, len(body)+1)
		line := 0
		for sc.Scan() {
			line++
			b := bytes.TrimSpace(sc.Bytes())
			if len(b) == 0 {
				continue
			}
			var d faultline.Document
			if err := json.Unmarshal(b, &d); err != nil {
				return nil, errorf(KindInvalid, "line "+strconv.Itoa(line)+": not a JSON document")
			}
			docs = append(docs, d)
		}
	default:
		return nil, errorf(KindMediaType, "post application/json or application/x-ndjson")
	}
	if len(docs) == 0 {
		return nil, errorf(KindInvalid, "no documents")
	}
	if len(docs) > maxPostDocs {
		return nil, errorf(KindInvalid, "at most "+strconv.Itoa(maxPostDocs)+" documents a request")
	}
	seen := map[string]bool{}
	for i, d := range docs {
		where := "document " + strconv.Itoa(i+1)
		switch {
		case d.ID == "":
			return nil, errorf(KindInvalid, where+": no id")
		case d.Text == "":
			return nil, errorf(KindInvalid, where+": no text")
		case !utf8.ValidString(d.Text) || !utf8.ValidString(d.ID):
			return nil, errorf(KindInvalid, where+": invalid UTF-8")
		case seen[d.ID]:
			return nil, errorf(KindInvalid, where+": id given twice")
		case d.HasNUL():
			return nil, errorf(KindInvalid, where+": contains U+0000 (a NUL character), which is not stored")
		}
		if d.Date != "" {
			if _, err := time.Parse(time.DateOnly, d.Date); err != nil {
				return nil, errorf(KindInvalid, where+": date is YYYY-MM-DD")
			}
		}
		seen[d.ID] = true
	}
	return docs, nil
}
