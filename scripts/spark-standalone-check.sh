#!/usr/bin/env bash
# Starts a Spark standalone master and one worker on 127.0.0.1 from the project's own runnable jar
# (no Spark installation), runs a small sweep grid on it, checks the result against the local
# engine (gathered cv.csv and every task result, timings aside), and stops both.
#
#   scripts/spark-standalone-check.sh [--cores N] [--data FILE] [--out DIR] [-- extra compare options]
#
# Exit status 0 when the cluster's results equal the local engine's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cores=2
data="$root/../shared/data/ofc_physdata.mat"
out="${TMPDIR:-/tmp}/hmmrnn-spark-check"
port=7077
while [ $# -gt 0 ]; do
  case "$1" in
    --cores) cores="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown option $1 (expected --cores, --data, --out, --port, --)" >&2; exit 2 ;;
  esac
done
extra=("$@")

"$root/hmmrnn" --version >/dev/null   # builds the runnable jar when it is missing or stale
jar="$(ls "$root"/hmmrnn-examples/target/hmmrnn-examples-*-all.jar | head -1)"
rm -rf "$out" && mkdir -p "$out"

# The worker starts executors as `java -cp $SPARK_HOME/jars/*`: a SPARK_HOME whose jars/ holds only
# the project's runnable jar makes them run from the same jar.
home="$out/spark-home"
mkdir -p "$home/jars" "$out/work"
ln -s "$jar" "$home/jars/hmmrnn-all.jar"
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 OMP_NUM_THREADS=1
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
log_opts=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

now() { date +%s.%N; }
t0=$(now)
java -Xmx512m "${opens[@]}" "${log_opts[@]}" -cp "$jar" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port 0 >"$out/master.log" 2>&1 &
pids+=($!)
java -Xmx512m "${opens[@]}" "${log_opts[@]}" -cp "$jar" org.apache.spark.deploy.worker.Worker \
  --host 127.0.0.1 --cores "$cores" --memory 6g --work-dir "$out/work" --webui-port 0 \
  "spark://127.0.0.1:$port" >"$out/worker.log" 2>&1 &
pids+=($!)
# the worker logs its registration at INFO, which is silenced: wait for the master's port instead
for _ in $(seq 1 120); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.5
done
sleep 3
t1=$(now)
echo "master and worker ($cores cores) on spark://127.0.0.1:$port after $(echo "$t1 - $t0" | bc) s"

# a small grid: one rat, HMM-MoA with 1 and 2 states, 6-fold session CV (12 tasks)
cat >"$out/grid.json" <<GRID
{"data": "$data", "subjects": ["M071"], "folds": 6, "models": [{"model": "moa", "states": [1, 2]}]}
GRID
HMMRNN_JAVA_OPTS="-Xmx2g -Dspark.executor.memory=4g" "$root/hmmrnn" sweep --grid "$out/grid.json" \
  --engine spark --master "spark://127.0.0.1:$port" --out "$out/cluster" --quiet "${extra[@]}"
t2=$(now)
echo "grid on the cluster: $(echo "$t2 - $t1" | bc) s"

"$root/hmmrnn" sweep --grid "$out/grid.json" --threads "$cores" --out "$out/local" --quiet "${extra[@]}"
t3=$(now)
echo "grid on the local engine ($cores threads): $(echo "$t3 - $t2" | bc) s"

status=0
if cmp -s "$out/cluster/cv.csv" "$out/local/cv.csv"; then
  echo "cv.csv: identical"
else
  echo "cv.csv: DIFFERS"; diff "$out/cluster/cv.csv" "$out/local/cv.csv" || true; status=1
fi
# every task result, without the fields that record time and engine
strip() { grep -v -E '"(seconds|engine)"' "$1"; }
for f in "$out/local/tasks"/task-*[0-9].json; do
  g="$out/cluster/tasks/$(basename "$f")"
  if ! diff <(strip "$f") <(strip "$g") >/dev/null; then
    echo "task result $(basename "$f"): DIFFERS"; status=1
  fi
done
[ "$status" -eq 0 ] && echo "task results: identical ($(ls "$out/local/tasks"/task-*[0-9].json | wc -l) tasks)"
grep -h '"engine"' "$out/cluster/tasks"/task-*[0-9].json | sort | uniq -c
exit "$status"
