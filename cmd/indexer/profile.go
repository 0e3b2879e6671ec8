package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/spf13/pflag"
)

// profiles are the build's profiling flags: a CPU profile of the whole
// build, heap profiles at the end and at the largest live heap, and the
// peak resident memory and CPU time on stderr.
type profiles struct {
	cpu, mem *string
}

func profileFlags(fs *pflag.FlagSet) profiles {
	return profiles{
		cpu: fs.String("cpuprofile", "", "write a CPU profile of the build to this file (go tool pprof)"),
		mem: fs.String("memprofile", "", "write a heap profile at the end of the build to this file, and one at the largest live heap (sampled each second) to FILE.peak; print the peak RSS"),
	}
}

// heapSampleEvery is how often the live heap is read for FILE.peak.
const heapSampleEvery = time.Second

// start starts what the flags ask for. Its stop function ends the CPU
// profile, writes the heap profiles and prints the resources used to w;
// with no flag set, both do nothing.
func (p profiles) start(w io.Writer) (stop func() error, err error) {
	if *p.cpu == "" && *p.mem == "" {
		return func() error { return nil }, nil
	}
	began := time.Now()
	var cpuFile *os.File
	if *p.cpu != "" {
		if cpuFile, err = os.Create(*p.cpu); err != nil {
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
		if err := pprof.StartCPUProfile(cpuFile); err != nil {
			cpuFile.Close()
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	var peakErr error
	var peakHeap uint64
	if *p.mem != "" {
		wg.Go(func() { peakHeap, peakErr = samplePeakHeap(*p.mem+".peak", done) })
	}
	return func() error {
		var errs []error
		if cpuFile != nil {
			pprof.StopCPUProfile()
			if err := cpuFile.Close(); err != nil {
				errs = append(errs, fmt.Errorf("cpu profile: %w", err))
			}
		}
		close(done)
		wg.Wait()
		if peakErr != nil {
			errs = append(errs, peakErr)
		}
		if *p.mem != "" {
			if err := writeHeap(*p.mem); err != nil {
				errs = append(errs, err)
			}
		}
		user, sys, maxRSS := rusage()
		fmt.Fprintf(w, "resources: %.1f s wall, %.1f s CPU (user %.1f, system %.1f), peak RSS %s, largest live heap sampled %s\n",
			time.Since(began).Seconds(), (user + sys).Seconds(), user.Seconds(), sys.Seconds(), humanBytes(maxRSS), humanBytes(int64(peakHeap)))
		if len(errs) > 0 {
			return errs[0]
		}
		return nil
	}, nil
}

// samplePeakHeap reads the live heap each heapSampleEvery until done is
// closed (and once more then), and writes a heap profile to path each time
// the heap has grown by a tenth past the last one written: the last one
// written is the profile at (about) the peak. It returns the largest heap
// seen.
func samplePeakHeap(path string, done <-chan struct{}) (uint64, error) {
	t := time.NewTicker(heapSampleEvery)
	defer t.Stop()
	var peak, written uint64
	for end := false; !end; {
		select {
		case <-done:
			end = true // one last sample, so that a short build has its file too
		case <-t.C:
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapAlloc)
		if ms.HeapAlloc > written+written/10 {
			if err := writeHeapNoGC(path); err != nil {
				return peak, err
			}
			written = ms.HeapAlloc
		}
	}
	return peak, nil
}

// writeHeap writes the heap profile after a collection, so that it shows
// what is live at the end.
func writeHeap(path string) error {
	runtime.GC()
	return writeHeapNoGC(path)
}

// writeHeapNoGC writes the heap profile as of the last collection.
func writeHeapNoGC(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("heap profile: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	return nil
}
