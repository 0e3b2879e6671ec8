# The README's commands, spelled out.
.PHONY: test demo bench

# Every test: vet, the whole suite under the race detector, then the slow
# real-corpora build test (skipped under -race) without it.
test:
	go vet ./...
	go test -race -timeout 30m ./...
	go test -count=1 -run 'RealCorpora' ./internal/index

# Index the bundled sample corpus, then serve it.
demo:
	go run ./cmd/indexer build && go run ./cmd/searchd

bench:
	scripts/bench-index.sh
