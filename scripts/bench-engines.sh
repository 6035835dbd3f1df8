#!/usr/bin/env bash
# Times one compare plan (M071, HMM-MoA K=1,2, TinyRNN H=1,2, HMM-TinyRNN K=2 H=2, 6 folds = 30 tasks)
# on the local engine and on embedded Spark, each with 1 and 2 threads, in alternating rounds (the
# order rotates each round), and prints per run: wall and CPU (user + system) seconds of the whole
# process, the sum of the tasks' own wall times, and the load average before and after. Checks that
# every run's cv.csv is byte-identical.
#
#   scripts/bench-engines.sh [--rounds N] [--data FILE] [--jar JAR] [--out DIR] [--configs "local2 spark2 ..."]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=2
data="$root/../shared/data/ofc_physdata.mat"
jar=""
out="${TMPDIR:-/tmp}/hmmrnn-bench-engines"
configs="local2 spark2 spark1 local1"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --configs) configs="$2"; shift 2 ;;
    *) echo "unknown option $1 (expected --rounds, --data, --jar, --out, --configs)" >&2; exit 2 ;;
  esac
done
if [ -z "$jar" ]; then
  "$root/hmmrnn" --version >/dev/null
  jar="$(ls "$root"/hmmrnn-examples/target/hmmrnn-examples-*-all.jar | head -1)"
fi
rm -rf "$out" && mkdir -p "$out"
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
export OMP_NUM_THREADS=1
read -r -a list <<<"$configs"
printf '%-6s %-7s %8s %8s %8s %14s\n' round config wall_s cpu_s task_s load
for ((r = 1; r <= rounds; r++)); do
  n=${#list[@]}
  for ((i = 0; i < n; i++)); do
    c="${list[$(((i + r - 1) % n))]}"
    engine="${c%[0-9]}"; threads="${c#"$engine"}"
    dir="$out/r$r-$c"
    before=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f '%e %U %S' -o "$dir.time" java -Xmx6g --add-modules jdk.incubator.vector "${opens[@]}" \
      -jar "$jar" compare --data "$data" --subject M071 --moa-states 1..2 --rnn-hidden 1..2 --hmm-rnn-states 2..2 \
      --engine "$engine" --threads "$threads" --quiet --out "$dir" >"$dir.log" 2>&1
    after=$(cut -d' ' -f1 /proc/loadavg)
    read -r wall user sys <"$dir.time"
    tasks=$(grep -h '"seconds"' "$dir"/tasks/task-*[0-9].json | tr -dc '0-9.\n' | paste -sd+ | bc)
    printf '%-6s %-7s %8.1f %8.1f %8.1f %14s\n' "$r" "$c" "$wall" "$(echo "$user + $sys" | bc)" "$tasks" \
      "$before -> $after"
    if [ -f "$out/first.csv" ]; then
      cmp -s "$out/first.csv" "$dir/cv.csv" || { echo "cv.csv of $dir DIFFERS"; exit 1; }
    else
      cp "$dir/cv.csv" "$out/first.csv"
    fi
  done
done
echo "every cv.csv identical ($(getconf _NPROCESSORS_ONLN) cores)"
