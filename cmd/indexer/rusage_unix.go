//go:build unix

package main

import (
	"runtime"
	"syscall"
	"time"
)

// rusage returns the process's user and system CPU time and its peak
// resident memory in bytes.
func rusage() (user, sys time.Duration, maxRSS int64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0, 0
	}
	maxRSS = int64(ru.Maxrss) * 1024 // kilobytes on Linux and the BSDs
	if runtime.GOOS == "darwin" {
		maxRSS = int64(ru.Maxrss) // bytes on macOS
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano()), maxRSS
}
