package api_test

import (
	"bytes"
	"net/http"
	"os/exec"
	"strings"
	"testing"

	"github.com/readout/readout/internal/api"
)

func TestMetrics(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	get(t, s, "/api/v1/search?q=grain", nil)
	get(t, s, "/api/v1/articles/nope", nil)
	get(t, s, "/api/v1/articles/k1", nil)
	rec := do(t, s, http.MethodGet, "/metrics", nil, nil, nil)
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	body := rec.Body.String()
	for _, want := range []string{
		`readout_http_requests_total{method="GET",route="/api/v1/search",status="200"} 1`,
		`readout_http_requests_total{method="GET",route="/api/v1/articles/{id}",status="404"} 1`,
		`readout_http_requests_total{method="GET",route="/api/v1/articles/{id}",status="200"} 1`,
		`readout_http_request_duration_seconds_bucket{method="GET",route="/api/v1/search",status="200",le="+Inf"} 1`,
		`readout_index_generation_info{generation="gen-000001"} 1`,
		`readout_index_documents{type="article"} 45`,
		`readout_index_ready 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Skip("promtool not on PATH")
	}
	cmd := exec.Command(promtool, "check", "metrics")
	cmd.Stdin = bytes.NewReader(rec.Body.Bytes())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("promtool check metrics: %v\n%s", err, out)
	}
}
