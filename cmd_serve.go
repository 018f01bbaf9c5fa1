package main

import (
	"context"
	"fmt"
	"net"

	"github.com/shihyo/shihyo/dashboards/serve"
)

func runServe(ctx context.Context, e env) int {
	fs := newFlags("serve", "[--out DIR] [--addr HOST:PORT]", e)
	var out string
	outFlag(fs, &out, "。配信するフォルダ")
	addr := fs.String("addr", serve.DefaultAddr, "待ち受けるアドレス (LAN に配信するときは 0.0.0.0:8080 など)")
	if code, ok := parseFlags(fs, e); !ok {
		return code
	}
	if err := serve.CheckAddr(*addr); err != nil {
		fmt.Fprintf(e.stderr, "shihyo serve: %v\n", err)
		return exitUsage
	}
	if err := serve.CheckDir(out); err != nil {
		fmt.Fprintf(e.stderr, "shihyo serve: %v\n", err)
		return exitFailure
	}
	ln, err := serve.Listen(*addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "shihyo serve: %v\n", err)
		return exitFailure
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		e.logger.Warn("このパソコンの外からも見られます (LAN に配信しています)", "addr", ln.Addr().String())
	}
	// The first line of stdout is the address, so that a script (or a
	// test) that asked for port 0 learns which one it got.
	fmt.Fprintf(e.stdout, "http://%s/\n", ln.Addr())
	if err := serve.Serve(ctx, ln, serve.Options{Dir: out, Logger: e.logger}); err != nil {
		fmt.Fprintf(e.stderr, "shihyo serve: %v\n", err)
		return exitFailure
	}
	return exitOK
}
