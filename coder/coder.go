// Package coder turns text into CAMEO events with compiled dictionaries.
// It is pure: documents and dictionaries in, events out.
package coder

import (
	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/dict"
)

// Coder codes documents. It is safe for concurrent use by many goroutines
// once built; SetOption must not run concurrently with coding.
// PLACEHOLDER: the coder's author replaces this file.
type Coder struct{ set *dict.Set }

// Result is what coding one document gives.
type Result struct {
	Events    []faultline.Event
	Discarded bool // a discard phrase dropped the story
	Complex   bool // the coder judged a sentence too complex to code (TABARI {+++})
}

// New compiles a dictionary set into a Coder.
func New(set *dict.Set) (*Coder, error) { return &Coder{set: set}, nil }

// SetOption applies one option: a TABARI options line ("SET: TIME SHIFT =
// FALSE", "DEFAULT: SOURCE [X] PRIOR ...", "COMPLEX: ...") or a PETRARCH
// config setting "name=value" (require_dyad=false, new_actor_length=4 ...).
func (c *Coder) SetOption(line string) error { return nil }

// Code codes one document.
func (c *Coder) Code(doc faultline.Document) Result { return Result{} }
