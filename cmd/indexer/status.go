package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/readout/readout/internal/index"
)

// runStatus lists the generations, then what is left of interrupted builds
// and prunes, then the journal. A corrupt journal is reported, and makes
// the command fail after printing everything.
func runStatus(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("status", stderr)
	indexFlag(fs)
	c, err := load(fs, args)
	if err != nil {
		return err
	}
	store, err := index.OpenStore(c.Index.Dir)
	if err != nil {
		return err
	}
	gens, err := store.Generations()
	if err != nil {
		return err
	}
	if err := printGenerations(stdout, store, gens, c.Index.Dir); err != nil {
		return err
	}
	left, err := store.Leftovers()
	if err != nil {
		return err
	}
	if err := printLeftovers(stdout, left); err != nil {
		return err
	}
	return printJournal(stdout, store)
}

func printGenerations(stdout io.Writer, store *index.Store, gens []index.GenInfo, dir string) error {
	if len(gens) == 0 {
		fmt.Fprintf(stdout, "no generations in %s\n", dir)
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\tGENERATION\tARTICLES\tQUOTES\tSKIPPED\tDUPLICATES\tSIZE\tBUILT\tSECONDS")
	for _, g := range gens {
		mark := ""
		if g.Current {
			mark = "*"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%s\t%s\t%.1f\n", mark, g.Name, g.Meta.Articles, g.Meta.Quotes,
			g.Meta.Skipped, g.Meta.Duplicates, humanBytes(g.SizeBytes), g.Meta.BuiltAt.Local().Format(time.DateTime), g.Meta.Seconds)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if _, err := store.CurrentName(); errors.Is(err, index.ErrNoGeneration) {
		fmt.Fprintln(stdout, "no generation is published")
	}
	return nil
}

func printLeftovers(stdout io.Writer, left []index.Leftover) error {
	if len(left) == 0 {
		return nil
	}
	fmt.Fprintln(stdout, "\nleft by interrupted builds and prunes:")
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  NAME\tWHAT\tSIZE\tTHE NEXT BUILD")
	for _, l := range left {
		what := map[string]string{
			index.LeftoverBuild:      "build folder",
			index.LeftoverPrune:      "pruned generation, not yet deleted",
			index.LeftoverTmp:        "unpublished CURRENT",
			index.LeftoverIncomplete: "incomplete generation: " + l.Problem,
		}[l.Kind]
		if l.Current {
			what = "CURRENT names this " + what
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", l.Name, what, humanBytes(l.SizeBytes), l.NextBuild)
	}
	return tw.Flush()
}

func printJournal(stdout io.Writer, store *index.Store) error {
	info, err := store.JournalInfo()
	if err != nil {
		fmt.Fprintf(stdout, "\njournal: CORRUPT: %v\n", err)
		return fmt.Errorf("status: %w", err)
	}
	if info.Bytes == 0 {
		fmt.Fprintln(stdout, "\njournal: empty")
		return nil
	}
	legacy := ""
	if info.LegacyOps > 0 {
		legacy = fmt.Sprintf(" (%d written one a line, before batches)", info.LegacyOps)
	}
	fmt.Fprintf(stdout, "\njournal: %d batches, %d ops%s, last seq %d, %s\n",
		info.Batches, info.Ops, legacy, info.LastSeq, humanBytes(info.Bytes))
	switch t := info.Tail; {
	case t == nil:
		fmt.Fprintln(stdout, "journal: no torn tail")
	case t.InProgress:
		fmt.Fprintf(stdout, "journal: an append is being written from line %d (%s so far)\n", t.Line, humanBytes(t.Bytes))
	default:
		fmt.Fprintf(stdout, "journal: torn tail from line %d, %s, left by an interrupted append (%s); readers ignore it and the next add or delete removes it\n",
			t.Line, humanBytes(t.Bytes), t.Reason)
	}
	return nil
}
