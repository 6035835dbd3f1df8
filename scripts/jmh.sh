#!/usr/bin/env bash
# Runs the JMH benchmarks of one module, single thread:
#
#   scripts/jmh.sh MODULE [REGEX] [JMH options]
#
# MODULE: core (FusedRnnPassBenchmarks: the fused GRU forward/backward), agents
# (MoaFitterBenchmarks: the HMM-MoA E-step and M-step) or examples (HmmBenchmarks: forward–backward).
# REGEX selects benchmarks (JMH's own syntax; default: all of the module's); JMH options follow,
# e.g. `-wi 2 -i 3 -f 1 -w 1s -r 1s` for a short check, `-h` for JMH's help.
#
# The kernels of core and agents are package-private, so their benchmarks live in the test sources
# of the owning package: this compiles the module's tests (without running them), writes the test
# classpath to target/jmh.classpath and runs org.openjdk.jmh.Main on
# test-classes:classes:classpath. The forks get --add-modules jdk.incubator.vector from each
# benchmark's @Fork; OMP_NUM_THREADS=1 keeps ND4J's native code on one thread.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -lt 1 ]; then
  echo "usage: scripts/jmh.sh core|agents|examples [REGEX] [JMH options]" >&2
  exit 2
fi
module="$1"
shift
case "$module" in
  core) default_regex="FusedRnnPassBenchmarks" ;;
  agents) default_regex="MoaFitterBenchmarks" ;;
  examples) default_regex="HmmBenchmarks" ;;
  *) echo "MODULE must be core, agents or examples, got '$module'" >&2; exit 2 ;;
esac
regex="$default_regex"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  regex="$1"
  shift
fi
dir="$root/hmmrnn-$module"
cd "$root"
# One reactor run: the modules it depends on resolve to their target/ folders, nothing is installed.
# A relative output file is written inside each module of the reactor.
mvn -B -ntp -q -pl "hmmrnn-$module" -am test-compile dependency:build-classpath \
  -DskipTests -Dmaven.javadoc.skip=true \
  -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
cp="$dir/target/test-classes:$dir/target/classes:$(cat "$dir/target/jmh.classpath")"
export OMP_NUM_THREADS=1
exec java --add-modules jdk.incubator.vector -cp "$cp" org.openjdk.jmh.Main "$regex" "$@"
