// Package cache keeps parsed documents on disk, addressed by content, so a
// second run over unchanged files skips parsing.
//
// An entry's key is the SHA-256 of the file's bytes together with the format
// name, the parser's identity and the identity of the running infragate
// build (module version, VCS revision and the executable's size and
// modification time). Any change to the input, the parser or the binary
// therefore misses instead of returning a stale entry. Entries are written
// atomically (temporary file, then rename) and carry a checksum of their
// payload; an entry that does not decode is treated as a miss.
//
// Use Wrap to put a cache in front of a parser registry: the engine and
// the rest of the pipeline see ordinary parsers.
package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/infragate/infragate/parsers"
)

// EnvVar turns the cache on ("1", "true", "on") or off ("0", "false",
// "off") when no flag decides.
const EnvVar = "INFRAGATE_CACHE"

// DirEnvVar overrides where the cache lives.
const DirEnvVar = "INFRAGATE_CACHE_DIR"

// Enabled decides whether a run uses the cache: an explicit flag wins
// (flag is "on", "off" or "" for no flag), then INFRAGATE_CACHE, then the
// default: on for local runs, off when CI=true. An INFRAGATE_CACHE value
// that is neither on nor off is an error, returned with the default's
// decision, so that a typo is said rather than taken for the default.
func Enabled(flag string, getenv func(string) string) (bool, error) {
	switch flag {
	case "on":
		return true, nil
	case "off":
		return false, nil
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv(EnvVar))); v {
	case "1", "true", "on", "yes":
		return true, nil
	case "0", "false", "off", "no":
		return false, nil
	case "":
	default:
		return !IsCI(getenv), fmt.Errorf("%s=%q is neither on nor off (also 1, true, yes / 0, false, no); it is ignored", EnvVar, getenv(EnvVar))
	}
	return !IsCI(getenv), nil
}

// IsCI reports whether the run is a CI job (CI=true or 1, as GitHub
// Actions, GitLab CI and most others set it). Results are not cached
// there by default, and check --base does not trust the working tree's
// own configuration there.
func IsCI(getenv func(string) string) bool {
	ci := strings.ToLower(strings.TrimSpace(getenv("CI")))
	return ci == "true" || ci == "1"
}

// DefaultDir is where the cache lives: $INFRAGATE_CACHE_DIR, else
// infragate/parsed under the user cache directory.
func DefaultDir(getenv func(string) string) (string, error) {
	if d := getenv(DirEnvVar); d != "" {
		return d, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no user cache directory (set %s): %w", DirEnvVar, err)
	}
	return filepath.Join(base, "infragate", "parsed"), nil
}

// Store is a directory of cache entries. It is safe for concurrent use by
// several goroutines and several processes.
type Store struct {
	dir   string
	build string // identity of the running build, part of every key

	hits, misses, writeErrs  atomic.Int64
	resultHits, resultMisses atomic.Int64
}

// Open returns the store in dir, creating the directory.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &Store{dir: dir, build: BuildIdentity()}, nil
}

// Stats counts lookups since Open: parsed documents (Hits, Misses) and
// evaluation results.
type Stats struct {
	Hits, Misses, WriteErrors int64
	ResultHits, ResultMisses  int64
}

// Stats returns the lookup counters.
func (s *Store) Stats() Stats {
	return Stats{Hits: s.hits.Load(), Misses: s.misses.Load(), WriteErrors: s.writeErrs.Load(),
		ResultHits: s.resultHits.Load(), ResultMisses: s.resultMisses.Load()}
}

// Dir is the store's directory.
func (s *Store) Dir() string { return s.dir }

// BuildIdentity names the running infragate build: module version, VCS
// revision and modification flag when known, and the executable's size and
// modification time (so a rebuilt development binary never reads entries
// written by another build).
func BuildIdentity() string {
	var b strings.Builder
	if bi, ok := debug.ReadBuildInfo(); ok {
		b.WriteString(bi.Main.Path + "@" + bi.Main.Version + " " + bi.GoVersion)
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision", "vcs.time", "vcs.modified":
				b.WriteString(" " + s.Key + "=" + s.Value)
			}
		}
	}
	if exe, err := os.Executable(); err == nil {
		if st, err := os.Stat(exe); err == nil {
			b.WriteString(" exe=" + strconv.FormatInt(st.Size(), 10) + "@" + strconv.FormatInt(st.ModTime().UnixNano(), 10))
		}
	}
	return b.String()
}

// key addresses an entry.
func (s *Store) key(format, parser string, src []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "infragate-parsed/%d\x00%s\x00%s\x00%s\x00", codecVersion, s.build, format, parser)
	h.Write(src)
	return hex.EncodeToString(h.Sum(nil))
}

func (s *Store) path(key string) string {
	return filepath.Join(s.dir, key[:2], key[2:])
}

// Get returns the documents stored under key.
func (s *Store) get(key string) ([]parsers.Document, bool) {
	data, err := os.ReadFile(s.path(key))
	if err != nil {
		s.misses.Add(1)
		return nil, false
	}
	docs, err := decode(data)
	if err != nil {
		s.misses.Add(1)
		return nil, false
	}
	s.hits.Add(1)
	return docs, true
}

// put stores documents under key. Failures only count: a cache that cannot
// be written must not fail the run.
func (s *Store) put(key string, docs []parsers.Document) {
	data, err := encode(docs)
	if err != nil {
		return // a value the codec does not know: not cached
	}
	p := s.path(key)
	if err := writeAtomic(p, data); err != nil {
		s.writeErrs.Add(1)
	}
}

func writeAtomic(p string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if errors.Is(err, fs.ErrNotExist) {
		// First entry of this shard: create its directory once.
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		tmp, err = os.CreateTemp(filepath.Dir(p), ".tmp-*")
	}
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// Parser is a parser with the store in front of it.
type Parser struct {
	store  *Store
	format string
	inner  parsers.Parser
	id     string
}

// Parse returns the cached documents of src, or parses and stores them.
// Parse errors are not cached.
func (p *Parser) Parse(filename string, src []byte) ([]parsers.Document, error) {
	key := p.store.key(p.format, p.id, src)
	if docs, ok := p.store.get(key); ok {
		return docs, nil
	}
	docs, err := p.inner.Parse(filename, src)
	if err != nil {
		return nil, err
	}
	p.store.put(key, docs)
	return docs, nil
}

// ParseEach implements parsers.Streamer. Streamed files (the engine
// streams only large ones) are not kept: holding their documents for the
// store would defeat streaming. The findings of the file are still cached
// by the engine's result cache.
func (p *Parser) ParseEach(filename string, src []byte, yield func(parsers.Document) error) error {
	if s, ok := p.inner.(parsers.Streamer); ok {
		return s.ParseEach(filename, src, yield)
	}
	docs, err := p.Parse(filename, src)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if err := yield(d); err != nil {
			return err
		}
	}
	return nil
}

// Wrap returns a registry whose parsers consult the store first. A parser
// that can read a plan by slices (PlanParser) keeps that ability.
func Wrap(reg parsers.Registry, s *Store) parsers.Registry {
	out := make(parsers.Registry, len(reg))
	for f, p := range reg {
		c := &Parser{store: s, format: string(f), inner: p, id: fmt.Sprintf("%T%+v", p, p)}
		if ps, ok := p.(planStreamer); ok {
			out[f] = &PlanParser{Parser: c, plans: ps}
			continue
		}
		out[f] = c
	}
	return out
}

// planStreamer is a parser that reads a Terraform plan change by change,
// as the engine's plan slicing wants (parsers.JSONParser.StreamPlan).
type planStreamer interface {
	StreamPlan(filename string, src []byte, keep func(key string) bool,
		change func(i int, v any, size int) error) (parsers.Document, int, error)
}

// PlanParser is a Parser whose inner parser can stream plans. The engine
// reads a large plan by slices so that it is never held whole; the store
// would have to hold it whole, so a streamed plan is not stored (as
// ParseEach's files are not), and a plan parsed whole is.
type PlanParser struct {
	*Parser
	plans planStreamer
}

// StreamPlan streams the plan with the inner parser, past the store.
func (p *PlanParser) StreamPlan(filename string, src []byte, keep func(key string) bool,
	change func(i int, v any, size int) error) (parsers.Document, int, error) {
	return p.plans.StreamPlan(filename, src, keep, change)
}

// ContentOnly is the inner parser's promise (parsers.ContentOnly).
func (p *Parser) ContentOnly() bool { return parsers.IsContentOnly(p.inner) }

// ID names the parser for keys: format and inner parser configuration.
func (p *Parser) ID() string { return p.format + "/" + p.id }

// Results is the store seen as the engine's result cache (see
// engine.ResultCache): findings of files by the engine's key, kept apart
// from parsed documents and keyed by the build identity as well.
func (s *Store) Results() *Results { return &Results{s: s} }

// Results keeps evaluation results in a Store.
type Results struct{ s *Store }

func (r *Results) path(key string) string {
	h := sha256.Sum256([]byte("infragate-results\x00" + r.s.build + "\x00" + key))
	k := hex.EncodeToString(h[:])
	return filepath.Join(r.s.dir, "results", k[:2], k[2:])
}

// Get returns the value stored under key.
func (r *Results) Get(key string) ([]byte, bool) {
	data, err := os.ReadFile(r.path(key))
	if err != nil || len(data) < 4 {
		r.s.resultMisses.Add(1)
		return nil, false
	}
	body := data[4:]
	if binary.LittleEndian.Uint32(data) != crc32.ChecksumIEEE(body) {
		r.s.resultMisses.Add(1)
		return nil, false
	}
	r.s.resultHits.Add(1)
	return body, true
}

// Put stores value under key; failures only count.
func (r *Results) Put(key string, value []byte) {
	data := binary.LittleEndian.AppendUint32(make([]byte, 0, len(value)+4), crc32.ChecksumIEEE(value))
	if err := writeAtomic(r.path(key), append(data, value...)); err != nil {
		r.s.writeErrs.Add(1)
	}
}
