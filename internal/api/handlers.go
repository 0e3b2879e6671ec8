package api

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/gorilla/mux"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/search"
)

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	name, meta, ok := s.engine.Current()
	if !ok {
		s.writeError(w, r, search.ErrUnavailable)
		return
	}
	body := map[string]any{"status": "ready", "generation": name, "articles": meta.Articles}
	if s.opts.Cluster != nil {
		body["cluster"] = s.opts.Cluster()
	}
	writeJSON(w, http.StatusOK, body)
}

func (s *Server) search(w http.ResponseWriter, r *http.Request, v url.Values) {
	req, err := searchRequest(v)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	allowPartial, err := boolParam(v, "allow_partial", false)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var res *search.Response
	if s.opts.Gather != nil {
		res, err = s.opts.Gather(r.Context(), req, allowPartial)
	} else {
		res, err = s.engine.Search(r.Context(), req) // every shard here: never partial
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// whole wraps the handler of a route partitioned serving does not answer
// yet: with Options.Gather it refuses (501) instead of answering from
// this node's shards alone, which would be wrong.
func (s *Server) whole(route string, h http.Handler) http.Handler {
	if s.opts.Gather == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, fmt.Errorf("%s: %w", route, errPartitioned))
	})
}

// wholeUnless is whole, but for a route partitioned serving answers
// (gathered true).
func (s *Server) wholeUnless(gathered bool, route string, h http.Handler) http.Handler {
	if gathered {
		return h
	}
	return s.whole(route, h)
}

// pathVar returns a decoded path variable (routes use encoded paths so that
// ids may hold escaped slashes): well-formed percent-encoding of UTF-8.
func pathVar(r *http.Request, name string) (string, error) {
	raw := mux.Vars(r)[name]
	v, err := url.PathUnescape(raw)
	if err != nil {
		return "", &search.ParamError{Param: name, Msg: escapeMsg(err)}
	}
	if err := validUTF8(v); err != nil {
		return "", &search.ParamError{Param: name, Msg: err.Error()}
	}
	return v, nil
}

// notFoundError names what was not found, a long id cut to its first
// bytes (an id of 900 KB used to come back whole in the 404).
func notFoundError(what, id string, err error) error {
	if errors.Is(err, search.ErrNotFound) {
		return fmt.Errorf("%s %s: %w", what, quoteClip(id), search.ErrNotFound)
	}
	return err
}

func (s *Server) article(w http.ResponseWriter, r *http.Request, v url.Values) {
	id, err := pathVar(r, "id")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if s.opts.Gather != nil && s.opts.GatherArticle != nil {
		// partitioned: the article's shard answers, with q's matches
		variants, err := boolParam(v, "variants", true)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		a, err := s.opts.GatherArticle(r.Context(), id, v.Get("q"), variants)
		if err != nil {
			s.writeError(w, r, notFoundError("article", id, err))
			return
		}
		writeJSON(w, http.StatusOK, a)
		return
	}
	a, err := s.engine.Article(r.Context(), id)
	if err != nil {
		s.writeError(w, r, notFoundError("article", id, err))
		return
	}
	if q := v.Get("q"); q != "" {
		variants, err := boolParam(v, "variants", true)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if a.Matches, err = s.engine.ArticleMatches(r.Context(), a, q, variants); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, a)
}

// similar lists the copies of an article's story (its group of
// near-duplicates), earliest first.
func (s *Server) similar(w http.ResponseWriter, r *http.Request, _ url.Values) {
	id, err := pathVar(r, "id")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if _, _, isQuote := index.ParseQuoteDocID(id); isQuote {
		s.writeError(w, r, notFoundError("article", id, search.ErrNotFound))
		return
	}
	res, err := s.engine.Similar(r.Context(), id)
	if err != nil {
		s.writeError(w, r, notFoundError("article", id, err))
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// similarQuote lists the copies of a quote (its group of repeated quotes),
// earliest first.
func (s *Server) similarQuote(w http.ResponseWriter, r *http.Request, _ url.Values) {
	id, err := pathVar(r, "id")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if _, _, isQuote := index.ParseQuoteDocID(id); !isQuote {
		s.writeError(w, r, notFoundError("quote", id, search.ErrNotFound))
		return
	}
	res, err := s.engine.Similar(r.Context(), id)
	if err != nil {
		s.writeError(w, r, notFoundError("quote", id, err))
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) quoteSpread(w http.ResponseWriter, r *http.Request, _ url.Values) {
	id, err := pathVar(r, "id")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	sp, err := s.engine.QuoteSpread(r.Context(), id)
	if err != nil {
		s.writeError(w, r, notFoundError("quote", id, err))
		return
	}
	writeJSON(w, http.StatusOK, sp)
}

func (s *Server) facetValues(w http.ResponseWriter, r *http.Request, v url.Values) {
	field, err := pathVar(r, "field")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	size := 0
	if sz := v.Get("size"); sz != "" {
		if size, err = strconv.Atoi(sz); err != nil || size <= 0 {
			s.writeError(w, r, &search.ParamError{Param: "size", Msg: "must be a positive number, not " + quoteClip(sz)})
			return
		}
	}
	v.Del("size")
	req, err := searchRequest(v)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	res, err := s.engine.FacetValues(r.Context(), req, field, v.Get("prefix"), size)
	if err != nil {
		s.writeError(w, r, notFoundError("facet", field, err))
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request, _ url.Values) {
	st, err := s.engine.Stats(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if s.opts.Cluster != nil {
		writeJSON(w, http.StatusOK, struct {
			*search.Stats
			Cluster any `json:"cluster"`
		}{st, s.opts.Cluster()})
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) adminReload(w http.ResponseWriter, r *http.Request, _ url.Values) {
	changed, err := s.engine.Reload(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	name, _, _ := s.engine.Current()
	writeJSON(w, http.StatusOK, map[string]any{"reloaded": changed, "generation": name})
}

// applyResponse reports the ops an admin change journaled and applied.
type applyResponse struct {
	Applied    int       `json:"applied"`
	JournalSeq int64     `json:"journal_seq"`
	Ops        []opReply `json:"ops"`
	// Ignored lists the fields of the uploaded records that are not part
	// of the article format, as the indexer warns about and skips them.
	Ignored []string `json:"ignored_fields,omitempty"`
}

type opReply struct {
	Seq  int64  `json:"seq"`
	Kind string `json:"kind"`
	ID   string `json:"id"`
}

func (s *Server) apply(w http.ResponseWriter, r *http.Request, ops []index.Op, ignored []string) {
	done, err := s.engine.Apply(r.Context(), ops)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	resp := applyResponse{Applied: len(done), Ops: make([]opReply, 0, len(done)), Ignored: ignored}
	for _, op := range done {
		resp.Ops = append(resp.Ops, opReply{Seq: op.Seq, Kind: op.Kind, ID: op.ID})
		resp.JournalSeq = op.Seq
	}
	writeJSON(w, http.StatusOK, resp)
}

// decodeArticle reads one article in the corpus record format, with the
// indexer's checks (ingest.DecodeRecord); an absent id takes defaultID.
// line is the record's line in the body, 0 for a single article.
func (s *Server) decodeArticle(b []byte, line int, defaultID string) (*news.Article, []string, error) {
	where := ingest.Problem{Path: "article", Line: line}
	if line > 0 {
		where.Path = "body"
	}
	a, ignored, p := ingest.DecodeRecord(b, ingest.Options{MaxBodyBytes: s.opts.MaxArticleBytes}, where, defaultID)
	if p != nil {
		return nil, nil, &search.ParamError{Param: "body", Msg: p.Error()}
	}
	a.Origin = "admin upload"
	return &a, ignored, nil
}

func (s *Server) adminUpsert(w http.ResponseWriter, r *http.Request, _ url.Values) {
	id, err := pathVar(r, "id")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		s.writeError(w, r, fmt.Errorf("read body: %w", err))
		return
	}
	a, ignored, err := s.decodeArticle(b, 0, id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if a.ID != id {
		s.writeError(w, r, &search.ParamError{Param: "id", Msg: fmt.Sprintf("body id %s does not match path id %s", quoteClip(a.ID), quoteClip(id))})
		return
	}
	s.apply(w, r, []index.Op{{Kind: index.OpUpsert, ID: id, Article: a}}, ignored)
}

func (s *Server) adminUpsertMany(w http.ResponseWriter, r *http.Request, _ url.Values) {
	sc := bufio.NewScanner(r.Body)
	sc.Buffer(make([]byte, 0, 64<<10), int(s.opts.MaxBodyBytes)+1)
	var ops []index.Op
	ignored := map[string]bool{}
	for line := 1; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		a, ign, err := s.decodeArticle(b, line, "")
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		for _, f := range ign {
			ignored[f] = true
		}
		ops = append(ops, index.Op{Kind: index.OpUpsert, ID: a.ID, Article: a})
	}
	if err := sc.Err(); err != nil {
		s.writeError(w, r, fmt.Errorf("read body: %w", err))
		return
	}
	if len(ops) == 0 {
		s.writeError(w, r, &search.ParamError{Param: "body", Msg: "no articles (JSON Lines expected)"})
		return
	}
	s.apply(w, r, ops, slices.Sorted(maps.Keys(ignored)))
}

func (s *Server) adminDelete(w http.ResponseWriter, r *http.Request, _ url.Values) {
	id, err := pathVar(r, "id")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if _, err := s.engine.Article(r.Context(), id); err != nil {
		s.writeError(w, r, notFoundError("article", id, err))
		return
	}
	s.apply(w, r, []index.Op{{Kind: index.OpDelete, ID: id}}, nil)
}
