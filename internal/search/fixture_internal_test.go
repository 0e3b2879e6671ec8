package search

import (
	"testing"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/search/searchtest"
)

func fixtureGeneration(t *testing.T) *index.Generation {
	return searchtest.Generation(t, "gen-000001", searchtest.Fixture())
}
