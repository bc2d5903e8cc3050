#!/usr/bin/env bash
# Start-up time of `nervusdb stats --db DIR` on a small database (1,000 triples), each way of
# running the tool, after a release build (./mvnw -B -T1 -Prelease package):
#
#   nervusdb-dist/src/build/startup-times.sh [RUNS]      (default 10)
#
# The ways are run in turn (round-robin), RUNS rounds, so that a change in the machine's load
# falls on all of them alike; the median, minimum and maximum wall time of each are printed.
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
declare -A times
for ((r = 0; r < runs; r++)); do
  for k in "${!cmds[@]}"; do
    t0=$(date +%s%N)
    ${cmds[$k]} > /dev/null
    t1=$(date +%s%N)
    times[$k]+="$(( (t1 - t0) / 1000000 )) "
  done
done
echo "nervusdb stats --db DIR (1,000 triples), $runs runs each, wall time in ms; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for k in "${!cmds[@]}"; do
  printf '%s\n' ${times[$k]} | sort -n | awk -v name="${names[$k]}" '{ a[NR] = $1 }
    END { m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
          printf "  %-46s median %4d  (min %4d, max %4d)\n", name, m, a[1], a[NR] }'
done
