package api_test

import (
	"os"
	"testing"

	"github.com/readout/readout/internal/search/searchtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	searchtest.RemoveBuilt()
	os.Exit(code)
}
