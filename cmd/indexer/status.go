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

func runStatus(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("status", stderr)
	fs.String("index", "", "index directory (default data/index)")
	c, err := load(fs, args)
	if errors.Is(err, errHelp) {
		return nil
	}
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
	if len(gens) == 0 {
		fmt.Fprintf(stdout, "no generations in %s\n", c.Index.Dir)
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
