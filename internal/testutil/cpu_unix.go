//go:build unix

package testutil

import (
	"syscall"
	"time"
)

// ProcessCPU returns the user+system CPU time used by the process so far,
// so that benchmarks can report throughput per CPU second, which holds on a
// loaded machine where wall time does not.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
