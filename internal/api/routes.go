package api

import (
	"net/http"

	"github.com/gorilla/mux"
)

// routes lists every route of searchd.
func (s *Server) routes() http.Handler {
	r := mux.NewRouter()
	r.UseEncodedPath()
	// Every route has time limits (routeLimits): a handler timeout and a
	// write deadline; 404s and 405s too.
	r.NotFoundHandler = s.limits(http.HandlerFunc(s.notFound))
	r.MethodNotAllowedHandler = s.limits(http.HandlerFunc(s.methodNotAllowed))
	r.Use(routeTemplate, s.limits)

	r.HandleFunc("/healthz", s.healthz).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/readyz", s.readyz).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/metrics", s.metrics.handler()).Methods(http.MethodGet)

	r.HandleFunc("/api/v1/search", s.checked(searchParams, s.search)).Methods(http.MethodGet)
	// In partitioned mode (Options.Gather) the search answers from every
	// shard's replicas; the routes wrapped in whole are refused (501)
	// until they do too (docs/scaling.md).
	r.Handle("/api/v1/export", s.wholeUnless(s.opts.GatherExport != nil, "export", s.checked(exportParams, s.export))).Methods(http.MethodGet)
	r.Handle("/api/v1/articles/{id}", s.wholeUnless(s.opts.GatherArticle != nil, "the article page", s.checked(articleParams, s.article))).Methods(http.MethodGet)
	r.Handle("/api/v1/articles/{id}/similar", s.whole("similar copies", s.checked(similarParams, s.similar))).Methods(http.MethodGet)
	r.Handle("/api/v1/quotes/{id}/similar", s.whole("similar quotes", s.checked(similarQuoteParams, s.similarQuote))).Methods(http.MethodGet)
	r.Handle("/api/v1/quotes/{id}/spread", s.whole("a quote's spread", s.checked(spreadParams, s.quoteSpread))).Methods(http.MethodGet)
	r.Handle("/api/v1/facets/{field}", s.whole("facet-value lookups", s.checked(facetParams, s.facetValues))).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/stats", s.checked(statsParams, s.stats)).Methods(http.MethodGet)

	if s.opts.AdminToken != "" {
		r.Handle("/api/v1/admin/reload", s.requireToken(s.whole("admin reload", s.checked(adminParams, s.adminReload)))).Methods(http.MethodPost)
		r.Handle("/api/v1/admin/articles", s.requireToken(s.whole("admin changes", s.checked(adminParams, s.adminUpsertMany)))).Methods(http.MethodPost)
		r.Handle("/api/v1/admin/articles/{id}", s.requireToken(s.whole("admin changes", s.checked(adminParams, s.adminUpsert)))).Methods(http.MethodPut)
		r.Handle("/api/v1/admin/articles/{id}", s.requireToken(s.whole("admin changes", s.checked(adminParams, s.adminDelete)))).Methods(http.MethodDelete)
	} else {
		// Admin is off: its paths do not exist, whatever the method.
		r.PathPrefix("/api/v1/admin/").HandlerFunc(s.notFound)
	}

	// Unknown API paths answer JSON, never the UI.
	r.PathPrefix("/api/").HandlerFunc(s.notFound).Methods(http.MethodGet, http.MethodHead)

	if s.opts.UI != nil {
		r.PathPrefix("/").Handler(s.opts.UI).Methods(http.MethodGet, http.MethodHead)
	}
	// cmd/searchd passes web.Handler() as Options.UI.

	var h http.Handler = r
	h = s.limitBody(h)
	h = s.recover(h)
	h = s.observe(h) // access log and metrics
	h = requestID(h)
	return h
}
