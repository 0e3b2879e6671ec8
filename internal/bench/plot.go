package bench

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
)

// plotColors gives each request kind of Kinds its colour.
var plotColors = []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
	"#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79"}

// Plot geometry, in SVG user units.
const (
	plotW, plotH           = 800, 500
	padL, padR, padT, padB = 70, 230, 40, 55
)

// WritePlot draws the p50 latency of every request kind against archive
// size (articles), both axes logarithmic: one colour per kind, Readout
// solid, SQLite FTS5 dashed, a dot per measured size. Hand-written SVG.
func WritePlot(w io.Writer, rs []Result) error {
	if len(rs) == 0 {
		return errors.New("plot: no results")
	}
	rs = slices.Clone(rs)
	slices.SortFunc(rs, func(a, b Result) int { return a.Articles - b.Articles })
	xlo, xhi := math.Log10(float64(rs[0].Articles)), math.Log10(float64(rs[len(rs)-1].Articles))
	ylo, yhi := math.Inf(1), math.Inf(-1)
	for _, r := range rs {
		for _, q := range r.Requests {
			for _, v := range []float64{q.Readout.P50ms, q.FTS.P50ms} {
				if v > 0 {
					ylo, yhi = math.Min(ylo, math.Log10(v)), math.Max(yhi, math.Log10(v))
				}
			}
		}
	}
	if math.IsInf(ylo, 0) {
		return errors.New("plot: no latencies")
	}
	xlo, xhi = math.Floor(xlo), math.Ceil(xhi)
	if xhi == xlo {
		xhi++
	}
	ylo, yhi = math.Floor(ylo), math.Ceil(yhi)
	if yhi == ylo {
		yhi++
	}
	iw, ih := float64(plotW-padL-padR), float64(plotH-padT-padB)
	px := func(n float64) float64 { return padL + (math.Log10(n)-xlo)/(xhi-xlo)*iw }
	py := func(v float64) float64 { return padT + ih - (math.Log10(v)-ylo)/(yhi-ylo)*ih }

	var b strings.Builder
	f := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	f(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", plotW, plotH, plotW, plotH)
	f(`<rect width="%d" height="%d" fill="white"/>`+"\n", plotW, plotH)
	f(`<text x="%d" y="22" font-size="15">p50 latency against archive size: Readout (solid) and SQLite FTS5 (dashed)</text>`+"\n", padL)
	for e := xlo; e <= xhi; e++ {
		x := px(math.Pow(10, e))
		f(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%.1f" stroke="#ddd"/>`+"\n", x, padT, x, padT+ih)
		f(`<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", x, padT+ih+18, countLabel(math.Pow(10, e)))
	}
	for e := ylo; e <= yhi; e++ {
		y := py(math.Pow(10, e))
		f(`<line x1="%d" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>`+"\n", padL, y, padL+iw, y)
		f(`<text x="%d" y="%.1f" text-anchor="end">%s</text>`+"\n", padL-6, y+4, msLabel(math.Pow(10, e)))
	}
	f(`<rect x="%d" y="%d" width="%.1f" height="%.1f" fill="none" stroke="#333"/>`+"\n", padL, padT, iw, ih)
	f(`<text x="%.1f" y="%d" text-anchor="middle">articles in the archive</text>`+"\n", padL+iw/2, plotH-12)
	f(`<text transform="translate(16 %.1f) rotate(-90)" text-anchor="middle">p50 latency (ms)</text>`+"\n", padT+ih/2)
	for k, kind := range Kinds {
		color := plotColors[k%len(plotColors)]
		for _, sys := range []struct {
			dash string
			p50  func(RequestResult) float64
		}{
			{"", func(q RequestResult) float64 { return q.Readout.P50ms }},
			{` stroke-dasharray="6 4"`, func(q RequestResult) float64 { return q.FTS.P50ms }},
		} {
			var pts []string
			for _, r := range rs {
				for _, q := range r.Requests {
					if q.Kind == kind && sys.p50(q) > 0 {
						x, y := px(float64(r.Articles)), py(sys.p50(q))
						pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
						f(`<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`+"\n", x, y, color)
					}
				}
			}
			if len(pts) > 1 {
				f(`<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>`+"\n", strings.Join(pts, " "), color, sys.dash)
			}
		}
		ly := padT + 10 + k*20
		lx := plotW - padR + 20
		f(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/>`, lx, ly, lx+18, ly, color)
		f(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2" stroke-dasharray="6 4"/>`, lx+24, ly, lx+48, ly, color)
		f(`<text x="%d" y="%d">%s</text>`+"\n", lx+56, ly+4, kind)
	}
	f("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func countLabel(n float64) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%gM", n/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%gk", n/1e3)
	}
	return fmt.Sprintf("%g", n)
}

func msLabel(v float64) string {
	if v >= 1000 {
		return fmt.Sprintf("%g s", v/1000)
	}
	return fmt.Sprintf("%g", v)
}

// PlotFile draws the results file at results into the SVG at path.
func PlotFile(results, path string) error {
	rs, err := ReadResults(results)
	if err != nil {
		return err
	}
	var b strings.Builder
	if err := WritePlot(&b, rs); err != nil {
		return err
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("write plot: %w", err)
	}
	return nil
}
