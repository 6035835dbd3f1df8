#!/usr/bin/env bash
# Starts a Spark standalone master and one worker on 127.0.0.1 from the project's own runnable jar
# (no Spark installation), submits `compare --quick` to it, checks the result against the local
# engine (gathered cv.csv and every task result, timings aside), and stops both. With --submit it
# also submits the same comparison through spark-submit (org.apache.spark.deploy.SparkSubmit, run
# from the same jar) and checks that too.
#
#   scripts/spark-standalone-check.sh [--cores N] [--data FILE] [--out DIR] [--port P] [--submit]
#                                     [-- extra compare options]
#
# Exit status 0 when the cluster's results equal the local engine's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cores=2
data="$root/../shared/data/ofc_physdata.mat"
out="${TMPDIR:-/tmp}/hmmrnn-spark-check"
port=7077
submit=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cores) cores="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --submit) submit=1; shift ;;
    --) shift; break ;;
    *) echo "unknown option $1 (expected --cores, --data, --out, --port, --submit, --)" >&2; exit 2 ;;
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

# the issue's acceptance: compare --quick (one rat, HMM-MoA K=1 and TinyRNN H=1, 3 folds: 6 tasks)
compare=(compare --quick --data "$data" --quiet "${extra[@]}")
HMMRNN_JAVA_OPTS="-Xmx2g -Dspark.executor.memory=4g" "$root/hmmrnn" "${compare[@]}" \
  --engine spark --master "spark://127.0.0.1:$port" --out "$out/cluster"
t2=$(now)
echo "compare --quick on the cluster: $(echo "$t2 - $t1" | bc) s"

"$root/hmmrnn" "${compare[@]}" --threads "$cores" --out "$out/local"
t3=$(now)
echo "compare --quick on the local engine ($cores threads): $(echo "$t3 - $t2" | bc) s"

runs=(cluster)
if [ -n "$submit" ]; then
  # spark-submit from the same jar: SparkSubmit sets spark.master and spark.jars, and runs the
  # command line's main class in its own JVM (the driver), which needs the Java 17 module flags
  java -Xmx2g "${opens[@]}" "${log_opts[@]}" -cp "$jar" org.apache.spark.deploy.SparkSubmit \
    --master "spark://127.0.0.1:$port" --deploy-mode client --class io.github.hmmrnn.cli.HmmrnnCli \
    --conf spark.executor.memory=4g --conf spark.ui.enabled=false \
    "$jar" "${compare[@]}" --engine spark --out "$out/submit"
  t4=$(now)
  echo "compare --quick through spark-submit: $(echo "$t4 - $t3" | bc) s"
  runs+=(submit)
fi

status=0
strip() { grep -v -E '"(seconds|engine)"' "$1"; }
for run in "${runs[@]}"; do
  if cmp -s "$out/$run/cv.csv" "$out/local/cv.csv"; then
    echo "$run cv.csv: identical to the local engine's"
  else
    echo "$run cv.csv: DIFFERS"; diff "$out/$run/cv.csv" "$out/local/cv.csv" || true; status=1
  fi
  # every task result, without the fields that record time and engine
  same=0
  for f in "$out/local/tasks"/task-*[0-9].json; do
    g="$out/$run/tasks/$(basename "$f")"
    if diff <(strip "$f") <(strip "$g") >/dev/null 2>&1; then
      same=$((same + 1))
    else
      echo "$run task result $(basename "$f"): DIFFERS"; status=1
    fi
  done
  echo "$run task results identical: $same of $(ls "$out/local/tasks"/task-*[0-9].json | wc -l)"
  grep -h '"engine"' "$out/$run/tasks"/task-*[0-9].json | sort | uniq -c
done
exit "$status"
