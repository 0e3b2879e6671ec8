#!/usr/bin/env bash
# Indexing throughput on the Reuters corpus: Readout's full build next to
# plain Bleve with the leanest text-only mapping, measured in the same run.
# Needs ../shared/corpora (or READOUT_CORPORA). Usage: scripts/bench-index.sh [count]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-5}
out=$(mktemp)
go test -run '^$' -bench 'Reuters$' -benchtime 1x -count "$count" ./internal/index | tee "$out"
awk '
  /^BenchmarkBuildReuters/      { for (i=1;i<=NF;i++) if ($(i+1)=="docs/s") r[++nr]=$i }
  /^BenchmarkPlainBleveReuters/ { for (i=1;i<=NF;i++) if ($(i+1)=="docs/s") p[++np]=$i }
  function median(a, n,   i, j, t) { for (i=1;i<=n;i++) for (j=i+1;j<=n;j++) if (a[j]<a[i]) { t=a[i]; a[i]=a[j]; a[j]=t }
                                     return n%2 ? a[(n+1)/2] : (a[n/2]+a[n/2+1])/2 }
  END { if (nr && np) { mr=median(r,nr); mp=median(p,np)
        printf "median docs/s: readout %.0f, plain bleve %.0f, ratio %.2f (target >= 0.70)\n", mr, mp, mr/mp } }
' "$out"
rm -f "$out"
