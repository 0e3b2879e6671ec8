#!/usr/bin/env bash
# Indexing throughput on the Reuters corpus: Readout's full build next to
# plain Bleve with the leanest text-only mapping, measured in the same run.
# With --costs, where the time goes instead: plain Bleve, Readout's mapping
# without extraction, extraction without quote documents, and the full build,
# interleaved in every iteration.
# Needs ../shared/corpora (or READOUT_CORPORA).
# Usage: scripts/bench-index.sh [count] [--costs]
set -euo pipefail
cd "$(dirname "$0")/.."
count=5
costs=
for arg in "$@"; do
  case $arg in
    --costs) costs=1 ;;
    *[!0-9]* | '') echo "usage: $0 [count] [--costs]" >&2; exit 2 ;;
    *) count=$arg ;;
  esac
done
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if [[ -n $costs ]]; then
  go test -run '^$' -bench 'ReutersCosts$' -benchtime 1x -count "$count" -timeout 60m ./internal/index | tee "$out"
  awk '
    function median(a, n,   i, j, t) { for (i=1;i<=n;i++) for (j=i+1;j<=n;j++) if (a[j]<a[i]) { t=a[i]; a[i]=a[j]; a[j]=t }
                                       return n%2 ? a[(n+1)/2] : (a[n/2]+a[n/2+1])/2 }
    /^BenchmarkReutersCosts/ { n++; for (i=1;i<NF;i++) if ($(i+1) ~ /\/plain$|docs\/s$|cpu-s$/) { v[$(i+1), n]=$i; units[$(i+1)]=1 } }
    END { if (!n) exit
          printf "medians of %d:\n", n
          split("plain-docs/s plain-cpu-s mapping-docs/s mapping/plain mapping-cpu-s entities-docs/s entities/plain entities-cpu-s full-docs/s full/plain full-cpu-s", order, " ")
          for (k=1; k<=11; k++) { u=order[k]; if (!(u in units)) continue
            for (i=1;i<=n;i++) a[i]=v[u, i]
            printf "  %-16s %.2f\n", u, median(a, n) } }
  ' "$out"
  exit
fi
go test -run '^$' -bench 'Reuters$' -benchtime 1x -count "$count" ./internal/index | tee "$out"
awk '
  /^BenchmarkBuildReuters/      { for (i=1;i<=NF;i++) if ($(i+1)=="docs/s") r[++nr]=$i }
  /^BenchmarkPlainBleveReuters/ { for (i=1;i<=NF;i++) if ($(i+1)=="docs/s") p[++np]=$i }
  function median(a, n,   i, j, t) { for (i=1;i<=n;i++) for (j=i+1;j<=n;j++) if (a[j]<a[i]) { t=a[i]; a[i]=a[j]; a[j]=t }
                                     return n%2 ? a[(n+1)/2] : (a[n/2]+a[n/2+1])/2 }
  END { if (nr && np) { mr=median(r,nr); mp=median(p,np)
        printf "median docs/s: readout %.0f, plain bleve %.0f, ratio %.2f (target >= 0.70)\n", mr, mp, mr/mp } }
' "$out"
