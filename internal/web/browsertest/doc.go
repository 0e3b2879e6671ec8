// Package browsertest holds the browser tests of Readout's web UI: headless
// Chromium, driven by chromedp, against the real API router (internal/api
// over internal/search) and an index of the bundled sample corpus built in
// a temporary folder. The package has no code of its own. The tests sit
// apart from package web so that web (which the API serves) never depends
// on the API stack, and web's own tests stay fast.
//
// Scenarios: search and speaker filter (article and quote mode), histogram
// bar, drag and typed ranges with back/forward, article view (also opened
// at a quote), facet "show more", facet value search, cursor paging,
// keyboard use and accessible names, API error display, sort and interval,
// and the page's pure ES modules over tables of cases. Every test fails on
// an uncaught page exception or a Content-Security-Policy violation.
//
// Environment:
//
//	READOUT_CHROMIUM         Chromium binary (default: /usr/bin/chromium, then $PATH);
//	                         without one the tests skip.
//	READOUT_SCREENSHOTS      folder for the PNG screenshots (default: a temporary folder).
//	READOUT_BROWSER_REUTERS  "1" indexes Reuters-21578 (about 2 minutes) and logs
//	                         timings of the page on 21,578 articles.
package browsertest
