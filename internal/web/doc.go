// Package web serves Readout's browser interface: one HTML page and its
// static ES modules and stylesheet, embedded in the binary with embed.FS.
//
// The page talks only to the JSON API under /api/v1 (search, facets,
// articles, stats); there is no build step and no server-side rendering.
// Every view state (query, mode, filters, date range, histogram interval,
// sort, page, open article) lives in the URL query string, so views can be
// shared and the browser's back and forward buttons work.
//
// Handler serves "/" (index.html, never cached without revalidation) and
// "/static/…". Index.html references assets under "/static/v-<hash>/…",
// where hash covers every embedded asset; those URLs are served with a
// one-year immutable cache lifetime, while unversioned "/static/…" URLs are
// revalidated with an ETag.
//
// Browser tests (headless Chromium through chromedp, against the real API
// router) live in the browsertest subpackage, because package api imports
// this one.
package web
