#!/usr/bin/env bash
# Start-up time of `nervusdb stats --db DIR` on a small database (1,000 triples), each way of
# running the tool, after a release build (./mvnw -B -T1 -Prelease package):
#
#   nervusdb-dist/src/build/startup-times.sh [RUNS]      (default 10)
#
# The ways are run in turn (round-robin), RUNS rounds, so that a change in the machine's load
# falls on all of them alike; the median, minimum and maximum wall time and CPU time (user and
# system, of the JVM and the launcher together) of each are printed.
# Ways: java -jar nervusdb-cli/target/nervusdb-cli.jar (the fat jar); the zip's bin/nervusdb
# without and with its CDS archive (made by a first run before timing); the image's bin/nervusdb
# with its build-time archive and without any.
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs=${1:-10}
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && unzip -q "$OLDPWD/nervusdb-dist/target/nervusdb-$version.zip")
tar -C "$work" -xzf "nervusdb-dist/target/nervusdb-$version-linux-x64.tar.gz"
zip=$work/nervusdb-$version/bin/nervusdb
image=$work/nervusdb-$version-linux-x64/bin/nervusdb
export XDG_CACHE_HOME=$work/cache

for i in $(seq 1000); do echo "<s$((i / 10))> <p$((i % 20))> <o$i> ."; done > "$work/data.nt"
"$zip" import --db "$work/db" "$work/data.nt" > /dev/null
"$zip" stats --db "$work/db" > /dev/null   # the zip launcher's first run: makes its archive for stats

names=("java -jar (Java $(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p'))"
       "zip bin/nervusdb, no CDS" "zip bin/nervusdb, CDS (first-run archive)"
       "image bin/nervusdb, no CDS" "image bin/nervusdb, CDS (build-time archive)")
cmds=("java -jar nervusdb-cli/target/nervusdb-cli.jar stats --db $work/db"
      "env NERVUSDB_CDS=off $zip stats --db $work/db" "$zip stats --db $work/db"
      "env NERVUSDB_CDS=off $image stats --db $work/db" "$image stats --db $work/db")
declare -A wall cpu
TIMEFORMAT='%R %U %S'
for ((r = 0; r < runs; r++)); do
  for k in "${!cmds[@]}"; do
    t=$( { time ${cmds[$k]} > /dev/null; } 2>&1 | tail -1)
    read -r real user sys <<< "$t"
    wall[$k]+="$(awk -v a="$real" 'BEGIN { printf "%d", a * 1000 }') "
    cpu[$k]+="$(awk -v a="$user" -v b="$sys" 'BEGIN { printf "%d", (a + b) * 1000 }') "
  done
done
median() { printf '%s\n' $1 | sort -n | awk '{ a[NR] = $1 } END { m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
  printf "%4d (%4d-%4d)", m, a[1], a[NR] }'; }
echo "nervusdb stats --db DIR (1,000 triples), $runs runs each; median (min-max) in ms; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '  %-46s %-17s %s\n' "" "wall time" "CPU time (user+sys)"
for k in "${!cmds[@]}"; do
  printf '  %-46s %s  %s\n' "${names[$k]}" "$(median "${wall[$k]}")" "$(median "${cpu[$k]}")"
done
