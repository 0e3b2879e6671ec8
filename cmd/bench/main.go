// Command bench measures Readout at archive scale.
//
//	bench corpus --articles N [--seed S] --out FILE   write a synthetic corpus (JSON Lines, .gz)
//	bench run    --corpus FILE ...                     build, serve and time Readout next to SQLite FTS5
//	bench nodes  --system LABEL=URL ...                time running searchds side by side (a partitioned cluster)
package main

import "github.com/readout/readout/internal/cli"

func main() { cli.Main("bench", run) }
