package syntax

import (
	"bufio"
	"bytes"
	"compress/flate"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
)

// Model is a trained tagger and parser. Its methods are safe for
// concurrent use.
type Model struct {
	tags     []string // joint tag names "UPOS XPOS", by tag id
	upos     []string
	xpos     []string
	labels   []string
	rootLab  int
	fallLab  int // label of an extra root's words attached to the root
	punctTag int
	tagger   *table
	parser   *table
	tagDict  map[string]uint8 // frequent unambiguous forms -> tag
	morph    *morph
	pool     sync.Pool
}

//go:embed model/en_ewt.model
var embedded []byte

var (
	loadOnce  sync.Once
	loadModel *Model
	loadErr   error
)

// Load returns the embedded model, decoded once; safe for concurrent use.
func Load() (*Model, error) {
	loadOnce.Do(func() {
		loadModel, loadErr = Decode(embedded)
		if loadErr != nil {
			loadErr = fmt.Errorf("syntax: embedded model: %w", loadErr)
		}
	})
	return loadModel, loadErr
}

const modelMagic = "faultline-syntax-1\n"

// Encode returns the model file: a header, then the tag and label names,
// both weight tables, the tag dictionary and the morphology tables, all
// compressed with DEFLATE. Every map is written in sorted order, so a model
// encodes to the same bytes every time.
func (m *Model) Encode() []byte {
	var raw bytes.Buffer
	w := bufio.NewWriter(&raw)
	var buf [binary.MaxVarintLen64]byte
	putN := func(v int) { w.Write(buf[:binary.PutUvarint(buf[:], uint64(v))]) }
	putS := func(s string) { putN(len(s)); w.WriteString(s) }
	putList := func(l []string) {
		putN(len(l))
		for _, s := range l {
			putS(s)
		}
	}
	putMap := func(m map[string]string) {
		keys := sortedKeys(m)
		slices.Sort(keys)
		putN(len(keys))
		for _, k := range keys {
			putS(k)
			putS(m[k])
		}
	}
	w.WriteString(modelMagic)
	putList(m.tags)
	putList(m.upos)
	putList(m.xpos)
	putList(m.labels)
	putN(m.rootLab)
	putN(m.fallLab)
	putN(m.punctTag)
	writeTableRows(w, m.tagger)
	writeTableRows(w, m.parser)
	dict := make(map[string]string, len(m.tagDict))
	for k, v := range m.tagDict {
		dict[k] = string([]byte{v})
	}
	putMap(dict)
	rules := make(map[string]string, len(m.morph.rules))
	for k, r := range m.morph.rules {
		rules[k] = encodeRule(r)
	}
	putMap(rules)
	putMap(m.morph.lemmaExc)
	putMap(m.morph.feats)
	putList(m.morph.tagFeats)
	for _, k := range m.morph.keepCase {
		if k {
			w.WriteByte(1)
		} else {
			w.WriteByte(0)
		}
	}
	w.Flush()
	var out bytes.Buffer
	zw, _ := flate.NewWriter(&out, flate.BestCompression)
	zw.Write(raw.Bytes())
	zw.Close()
	return out.Bytes()
}

// writeTableRows writes a look-up table back as its sorted rows.
func writeTableRows(w *bufio.Writer, t *table) {
	rows := make([]sparseRow, len(t.keys))
	for i, k := range t.keys {
		rows[i] = sparseRow{key: k}
		rows[i].cls, rows[i].w = t.row(k)
	}
	writeRows(w, t.nClass, t.scale, rows)
}

// Decode reads a model file written by Encode.
func Decode(data []byte) (*Model, error) {
	raw, err := io.ReadAll(flate.NewReader(bytes.NewReader(data)))
	if err != nil {
		return nil, fmt.Errorf("model file: %w", err)
	}
	d := &decoder{b: raw}
	m := &Model{}
	err = catchTruncated(func() {
		getN := func() int { return d.int(1 << 30) }
		getS := d.string
		getList := func() []string {
			l := make([]string, d.int(1<<20))
			for i := range l {
				l[i] = getS()
			}
			return l
		}
		getMap := func() map[string]string {
			n := d.int(1 << 24)
			out := make(map[string]string, n)
			for range n {
				k := getS()
				out[k] = getS()
			}
			return out
		}
		if !bytes.HasPrefix(raw, []byte(modelMagic)) {
			panic(errors.New("not a faultline syntax model"))
		}
		d.off = len(modelMagic)
		m.tags, m.upos, m.xpos, m.labels = getList(), getList(), getList(), getList()
		if len(m.upos) != len(m.tags) || len(m.xpos) != len(m.tags) || len(m.tags) == 0 || len(m.tags) > 255 || len(m.labels) == 0 || len(m.labels) > 63 {
			panic(errors.New("inconsistent tag or label lists"))
		}
		m.rootLab, m.fallLab, m.punctTag = getN(), getN(), getN()
		if m.rootLab >= len(m.labels) || m.fallLab >= len(m.labels) || m.punctTag >= len(m.tags) {
			panic(errors.New("label or tag index out of range"))
		}
		m.tagger = readTable(d)
		m.parser = readTable(d)
		if m.tagger.nClass != len(m.tags) || m.parser.nClass != 2+2*len(m.labels) {
			panic(errors.New("weight tables do not match the tag and label lists"))
		}
		m.tagDict = map[string]uint8{}
		for k, v := range getMap() {
			if len(v) != 1 || int(v[0]) >= len(m.tags) {
				panic(fmt.Errorf("tag dictionary: bad tag for %q", k))
			}
			m.tagDict[k] = v[0]
		}
		mo := &morph{rules: map[string]rule{}}
		for k, v := range getMap() {
			if len(v) == 0 {
				panic(errors.New("bad lemma rule"))
			}
			mo.rules[k] = decodeRule(v)
		}
		mo.lemmaExc, mo.feats = getMap(), getMap()
		mo.tagFeats = getList()
		if len(mo.tagFeats) != len(m.tags) {
			panic(errors.New("feature list does not match the tags"))
		}
		mo.keepCase = make([]bool, len(m.tags))
		for i := range mo.keepCase {
			mo.keepCase[i] = d.byte() == 1
		}
		for k := range mo.rules {
			if k == "" || int(k[0]) >= len(m.tags) {
				panic(errors.New("lemma rule for an unknown tag"))
			}
		}
		m.morph = mo
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// Labels returns the dependency relations the model knows.
func (m *Model) Labels() []string { return slices.Clone(m.labels) }

// Tags returns the model's joint tags, "UPOS XPOS".
func (m *Model) Tags() []string { return slices.Clone(m.tags) }
