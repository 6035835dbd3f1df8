#!/usr/bin/env bash
# Compares the speed of this checkout with a baseline commit in one run on the same machine:
# builds the baseline's jar in a temporary git worktree, then runs the two jars' benchmark
# suites alternately (old, new, old, new, ...) and prints the medians and the ratios old/new.
#
# Usage: scripts/bench-compare.sh [BASE_COMMIT] [ROUNDS]      (defaults: 9603cfa, 3)
# Environment: SUITES="hmm rnn rnn-outcomes" (which suites), SKIP_BUILD=1 (reuse this checkout's
# jar), HMMRNN_BENCH_TMP (where the baseline worktree goes, default /tmp).
#
# Figures: forward-backward B64xT400xK2 (median of 200 calls after a 3 s warm-up, wall and
# thread CPU; ./hmmrnn bench hmm): the fastest API of each jar (a baseline without
# ForwardBackwardWorkspace: its allocating runBatch), and where the jar has them the reused
# workspace with every output and the allocating runBatch (a baseline without them: its
# runBatch); T = 10^6 one chain for K = 2..8 (thread CPU); HMM-TinyRNN
# epoch at B64xT400xH6xK2 for both chain evidences (mean over 200 epochs, wall and process CPU;
# RnnBench epoch). On a loaded machine compare the CPU figures: wall time there mostly measures
# the other jobs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="${1:-9603cfa}"
rounds="${2:-3}"
suites="${SUITES:-hmm rnn rnn-outcomes}"
tmp="${HMMRNN_BENCH_TMP:-/tmp}"
base_sha="$(git -C "$root" rev-parse --short "$base")"
base_dir="$tmp/hmmrnn-bench-base-$base_sha"
out="$(mktemp -d "$tmp/hmmrnn-bench-compare.XXXXXX")"

build() { # $1 = checkout
  (cd "$1" && mvn -B -ntp -q -Dmaven.test.skip=true -Dmaven.javadoc.skip=true -Dmaven.source.skip=true package) \
    > "$out/build-$(basename "$1").log" 2>&1 || { cat "$out/build-$(basename "$1").log" >&2; exit 1; }
}
jar_of() { ls "$1"/hmmrnn-examples/target/hmmrnn-examples-*-all.jar | head -1; }

if [ ! -d "$base_dir" ]; then
  git -C "$root" worktree add --detach "$base_dir" "$base_sha" >/dev/null
fi
if ! ls "$base_dir"/hmmrnn-examples/target/hmmrnn-examples-*-all.jar >/dev/null 2>&1; then
  echo "building baseline $base_sha in $base_dir ..." >&2
  build "$base_dir"
fi
if [ "${SKIP_BUILD:-0}" != 1 ] || ! ls "$root"/hmmrnn-examples/target/hmmrnn-examples-*-all.jar >/dev/null 2>&1; then
  echo "building this checkout ..." >&2
  build "$root"
fi
old_jar="$(jar_of "$base_dir")"
new_jar="$(jar_of "$root")"

# The Vector API module is added to both JVMs (the baseline does not use it; it only changes
# this checkout's speed, never its numbers).
java_cmd=(java -Xmx8g --add-modules jdk.incubator.vector)
export OMP_NUM_THREADS=1

run_suite() { # $1 = old|new, $2 = jar, $3 = suite, $4 = round
  local f="$out/$1-$3-$4.txt"
  case "$3" in
    hmm) "${java_cmd[@]}" -cp "$2" io.github.hmmrnn.bench.HmmBench > "$f" 2>/dev/null ;;
    rnn) "${java_cmd[@]}" -cp "$2" io.github.hmmrnn.bench.RnnBench epoch 1 CHOICES > "$f" 2>/dev/null ;;
    rnn-outcomes) "${java_cmd[@]}" -cp "$2" io.github.hmmrnn.bench.RnnBench epoch 1 CHOICES_AND_OUTCOMES \
        > "$f" 2>/dev/null ;;
  esac
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); base $base_sha ($old_jar) vs $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo '+dirty')" \
  | tee "$out/summary.txt"
for r in $(seq 1 "$rounds"); do
  for s in $suites; do
    run_suite old "$old_jar" "$s" "$r"
    run_suite new "$new_jar" "$s" "$r"
  done
  echo "round $r done, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/summary.txt"

# metric extractors: print one number per file
hmm_metric() { # $1 = file, $2 = result name, $3 = value|cpu_ms
  grep -F "name=$2," "$1" | head -1 | if [ "$3" = value ]; then sed -E 's/.*value=([^,]*),.*/\1/'; \
    else sed -E "s/.*$3=([^,}]*).*/\1/"; fi
}
hmm_metric_or() { # $1 = file, $2 = result name, $3 = fallback name (jars before the workspace API), $4 = value|cpu_ms
  if grep -qF "name=$2," "$1"; then hmm_metric "$1" "$2" "$4"; else hmm_metric "$1" "$3" "$4"; fi
}
rnn_metric() { # $1 = file, $2 = wall|cpu
  if [ "$2" = wall ]; then grep -E 'epoch \(train step' "$1" | awk '{for(i=1;i<=NF;i++) if($i=="ms"){print $(i-1); exit}}'; \
  else grep -E 'epoch process CPU time' "$1" | awk '{for(i=1;i<=NF;i++) if($i=="ms"){print $(i-1); exit}}'; fi
}
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
row() { # $1 = label, $2 = extractor command (with FILE placeholder), $3 = suite
  local o n
  o="$(for f in "$out"/old-"$3"-[0-9]*.txt; do eval "${2//FILE/$f}"; done | median)"
  n="$(for f in "$out"/new-"$3"-[0-9]*.txt; do eval "${2//FILE/$f}"; done | median)"
  printf '%-58s %12s %12s %8s\n' "$1" "$o" "$n" "$(awk -v o="$o" -v n="$n" 'BEGIN{ if (n > 0) printf "%.2fx", o / n; else print "-" }')"
}
{
  printf '%-58s %12s %12s %8s\n' "figure (median over $rounds rounds)" "base $base_sha" "this" "old/new"
  for s in $suites; do
    case "$s" in
      hmm)
        # hmm.forwardBackward.B64.T400.K2 is the fastest path of each jar: 9603cfa's allocating
        # runBatch (every output); since the workspace API, a reused workspace that computes the
        # smoothed posteriors, log-likelihoods and summed statistics (no predicted/filtered/log-conditionals)
        row "forward-backward B64 T400 K2 (fastest API), wall ms" 'hmm_metric FILE hmm.forwardBackward.B64.T400.K2 value' hmm
        row "forward-backward B64 T400 K2 (fastest API), thread CPU ms" \
          'hmm_metric FILE hmm.forwardBackward.B64.T400.K2 cpu_ms' hmm
        row "forward-backward B64 T400 K2 reused workspace, every output, CPU ms" \
          'hmm_metric_or FILE hmm.forwardBackward.allOutputs.B64.T400.K2 hmm.forwardBackward.B64.T400.K2 cpu_ms' hmm
        row "forward-backward B64 T400 K2 allocating runBatch, CPU ms" \
          'hmm_metric_or FILE hmm.forwardBackward.allocating.B64.T400.K2 hmm.forwardBackward.B64.T400.K2 cpu_ms' hmm
        row "forward-backward B64 T400 K2 per-chain API, CPU ms" \
          'hmm_metric FILE hmm.forwardBackward.perChain.B64.T400.K2 cpu_ms' hmm
        for k in 2 3 4 5 6 7 8; do
          row "forward-backward T=10^6 K=$k, thread CPU ms" "hmm_metric FILE hmm.forwardBackward.T1000000.K$k cpu_ms" hmm
        done ;;
      rnn)
        row "HMM-TinyRNN epoch (choices), wall ms" 'rnn_metric FILE wall' rnn
        row "HMM-TinyRNN epoch (choices), process CPU ms" 'rnn_metric FILE cpu' rnn ;;
      rnn-outcomes)
        row "HMM-TinyRNN epoch (choices+outcomes), wall ms" 'rnn_metric FILE wall' rnn-outcomes
        row "HMM-TinyRNN epoch (choices+outcomes), process CPU ms" 'rnn_metric FILE cpu' rnn-outcomes ;;
    esac
  done
} | tee -a "$out/summary.txt"
echo "raw outputs: $out" >&2
