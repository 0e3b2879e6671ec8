package cluster

import (
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// ServerOptions configure an embedded NATS server with JetStream.
type ServerOptions struct {
	Name     string // server name, unique within a cluster
	Host     string // listen address; empty: 127.0.0.1
	Port     int    // client port; 0: a free one
	StoreDir string // JetStream's storage folder

	// A cluster of servers: the same ClusterName on each, the server's own
	// route port and the route URLs (nats-route://host:port) of all of them.
	ClusterName string
	ClusterPort int
	Routes      []string

	// streamBuffer, if set, is each stream's ingest queue in bytes (the
	// server's jetstream max_buffered_size; 128 MiB by default): tests
	// make it small.
	streamBuffer int64
}

// StartServer starts a NATS server with JetStream in this process and
// waits until it takes clients. Shutdown stops it.
func StartServer(o ServerOptions) (*server.Server, error) {
	if o.StoreDir == "" {
		return nil, errors.New("embedded nats: store dir is empty")
	}
	host := o.Host
	if host == "" {
		host = "127.0.0.1"
	}
	port := o.Port
	if port == 0 {
		port = server.RANDOM_PORT
	}
	opts := &server.Options{
		ServerName: o.Name,
		Host:       host,
		Port:       port,
		JetStream:  true,
		StoreDir:   o.StoreDir,
		NoSigs:     true,
		NoLog:      true,

		StreamMaxBufferedSize: o.streamBuffer,
	}
	if o.ClusterName != "" {
		opts.Cluster = server.ClusterOpts{Name: o.ClusterName, Host: host, Port: o.ClusterPort}
		for _, r := range o.Routes {
			u, err := url.Parse(r)
			if err != nil {
				return nil, fmt.Errorf("embedded nats: route %q: %w", r, err)
			}
			opts.Routes = append(opts.Routes, u)
		}
	}
	s, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("embedded nats: %w", err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		s.Shutdown()
		return nil, fmt.Errorf("embedded nats %s: not ready after 10s", o.Name)
	}
	return s, nil
}
