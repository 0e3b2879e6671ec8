package cluster

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// Several large blobs stored at once into a server whose streams have a
// small ingest queue (as a 1M build's workers storing 700 MB shards into
// the default 128 MiB one) all arrive whole: each put keeps few chunks
// unacknowledged. nats.go's ObjectStore.Put, with 4,000 chunks in flight,
// had its chunks refused (429 too many requests) here.
func TestConcurrentPutsStayWithinTheIngestQueue(t *testing.T) {
	s, err := StartServer(ServerOptions{Name: "small-queue", StoreDir: t.TempDir(), streamBuffer: 8 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Shutdown)
	ctx := context.Background()
	const puts, size = 3, 24 << 20
	dirs := make([]string, puts)
	for i := range dirs {
		dirs[i] = t.TempDir()
		b := make([]byte, size)
		_, _ = rand.Read(b) // incompressible, as zap segments mostly are
		if err := os.WriteFile(filepath.Join(dirs[i], "seg.zap"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	clients := make([]*Client, puts)
	for i := range clients {
		clients[i] = connect(t, Options{URL: s.ClientURL()}) // a worker each
	}
	blobs := make([]Blob, puts)
	errs := make([]error, puts)
	var wg sync.WaitGroup
	for i := range puts {
		wg.Go(func() { blobs[i], errs[i] = clients[i].putDir(ctx, fmt.Sprintf("b%d", i), dirs[i], nil) })
	}
	wg.Wait()
	for i := range puts {
		if errs[i] != nil {
			t.Fatalf("put %d: %v", i, errs[i])
		}
		dst := filepath.Join(t.TempDir(), "got")
		if err := clients[0].GetDir(ctx, blobs[i], dst); err != nil {
			t.Fatalf("get %d: %v", i, err)
		}
		sameFiles(t, files(t, dst), files(t, dirs[i]), "")
	}
}
