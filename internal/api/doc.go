// Package api is searchd's HTTP interface (docs/api.md): JSON search,
// article, facet-value and stats endpoints over a search.Engine, health and
// readiness probes, Prometheus metrics, and token-protected admin endpoints
// for reloads and incremental changes.
//
// Every route is listed in routes (gorilla/mux stays there); handlers are
// methods on Server; middleware is func(http.Handler) http.Handler (recover,
// request id, access log, metrics, request timeout, body limit); errors
// leave through writeError as {"error": {"code", "message", "param",
// "position"}}.
package api
