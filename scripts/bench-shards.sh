#!/usr/bin/env bash
# Sharded generations on the Reuters corpus: for each shard count, the
# build (wall and CPU seconds, docs/s, peak RSS, index size) and the query
# latencies of BenchmarkShardQueriesReuters (p50/p99 in process), rounds
# interleaved over the shard counts; then how far relevance order of each
# sharded index is from one shard's (BenchmarkShardRelevanceReuters).
# Prints the medians over the rounds. Needs ../shared/corpora (or
# READOUT_CORPORA).
# Usage: scripts/bench-shards.sh [rounds] [shard counts...]   (default: 3 1 2 4)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
shift || true
counts=("$@")
[[ ${#counts[@]} -gt 0 ]] || counts=(1 2 4)
corpora=${READOUT_CORPORA:-../shared/corpora}
corpus=$corpora/reuters21578.jsonl.gz
[[ -f $corpus ]] || { echo "no $corpus" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/indexer" ./cmd/indexer
go test -c -o "$tmp/search.test" ./internal/search
out=$tmp/results
for r in $(seq "$rounds"); do
  for n in "${counts[@]}"; do
    dir=$tmp/n$n
    rm -rf "$dir"
    /usr/bin/time -f 'time %e %U %S %M' -o "$tmp/time" \
      "$tmp/indexer" build --corpus "$corpus" --index "$dir" --shards "$n" --progress log >"$tmp/build" 2>/dev/null
    read -r _ wall user sys rss <"$tmp/time"
    dps=$(sed -n 's/.* \([0-9.]*\) docs\/s.*/\1/p' "$tmp/build")
    size=$(du -sm "$dir"/gen-* | awk '{print $1}')
    echo "build n=$n round=$r wall=$wall cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') docs/s=$dps rss-mb=$((rss / 1024)) size-mb=$size" | tee -a "$out"
    READOUT_BENCH_INDEX=$dir "$tmp/search.test" -test.run '^$' -test.bench 'ShardQueriesReuters' -test.benchtime 100x 2>&1 |
      awk -v n="$n" -v r="$r" '/^BenchmarkShardQueriesReuters\// { split($1, a, "/"); q=a[2]; sub(/-[0-9]+$/, "", q)
        for (i=1;i<NF;i++) { if ($(i+1)=="p50-ms") p50=$i; if ($(i+1)=="p99-ms") p99=$i; if ($(i+1)=="cpu-ms/op") cpu=$i }
        printf "query n=%s round=%s q=%s p50=%s p99=%s cpu=%s\n", n, r, q, p50, p99, cpu }' | tee -a "$out"
  done
  # Keep the last round's indexes for the relevance comparison.
done
for n in "${counts[@]}"; do
  [[ $n == 1 ]] && continue
  READOUT_BENCH_INDEX=$tmp/n$n READOUT_BENCH_REF=$tmp/n1 "$tmp/search.test" -test.run '^$' -test.bench 'ShardRelevanceReuters' -test.benchtime 1x 2>&1 |
    awk -v n="$n" '/^BenchmarkShardRelevanceReuters/ { for (i=1;i<NF;i++) if ($(i+1) ~ /^top/) printf "relevance n=%s %s=%s\n", n, $(i+1), $i }' | tee -a "$out"
done
echo "medians of $rounds rounds:"
awk '
  function median(s,   a, n, i, j, t) { n=split(s, a, " "); for (i=1;i<=n;i++) for (j=i+1;j<=n;j++) if (a[j]+0<a[i]+0) { t=a[i]; a[i]=a[j]; a[j]=t }
                                       return n%2 ? a[(n+1)/2] : (a[n/2]+a[n/2+1])/2 }
  $1=="build" { for (i=4;i<=NF;i++) { split($i, kv, "="); b[$2 " " kv[1]] = b[$2 " " kv[1]] " " kv[2] } }
  $1=="query" { split($4, q, "="); for (i=5;i<=7;i++) { split($i, kv, "="); k[$2 " " q[2] " " kv[1]] = k[$2 " " q[2] " " kv[1]] " " kv[2] } }
  END { for (x in b) printf "  build %s %s\n", x, median(b[x]) | "sort"; close("sort")
        for (x in k) printf "  query %s %s\n", x, median(k[x]) | "sort" }
' "$out"
grep '^relevance' "$out" || true
