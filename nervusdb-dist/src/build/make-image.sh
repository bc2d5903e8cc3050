#!/usr/bin/env bash
# Builds the self-contained runtime image of the command line (the release profile runs it from
# nervusdb-dist's package phase, after lib/, the man pages and the completion script are made):
#
#   make-image.sh JDK TARGET NAME
#
# TARGET/image/NAME/ is a Java runtime made by jlink with the modules the tool needs, plus
#   bin/nervusdb (the distribution's launcher, which runs bin/java when it is there), app/ (the
#   jars of lib/) and app/nervusdb.jsa, a class data sharing archive of the JDK's and the tool's
#   classes as sample runs of the common commands load them; and man/, completion/, the notices.
# TARGET/NAME.tar.gz is that directory. Linux only (the image is for the platform that builds it).
#
# The runtime: the JDK in $NERVUSDB_IMAGE_JDK if set; otherwise the newest JDK 21 or later in
# /usr/lib/jvm that has jlink, otherwise JDK (the one running Maven). From Java 21 on a CDS
# archive still maps when the image is unpacked elsewhere than where it was made (the class path
# may move with the runtime); Java 17 refuses it then ("shared class paths mismatch"), so an image
# made with Java 17 ships no archive and its launcher makes one on first run, as the zip's does.
set -euo pipefail

fallback_jdk=$1
target=$2
name=$3

major_of() {  # the feature version of the JDK in $1, from its release file
  local v
  v=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$1/release" 2>/dev/null)
  v=${v#1.}
  echo "${v%%[!0-9]*}"
}
if [[ -n "${NERVUSDB_IMAGE_JDK:-}" ]]; then
  jdk=$NERVUSDB_IMAGE_JDK
else
  jdk=$fallback_jdk
  best=0
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    m=$(major_of "$candidate")
    if [[ -x "$candidate/bin/jlink" && -n "$m" && "$m" -ge 21 && "$m" -gt "$best" ]]; then
      jdk=$candidate
      best=$m
    fi
  done
fi
major=$(major_of "$jdk")
echo "image: jlink of $jdk (Java $major)"
dist=$(cd "$(dirname "$0")/../.." && pwd)   # nervusdb-dist/
root=$(cd "$dist/.." && pwd)

# The modules: what `jdeps --print-module-deps --ignore-missing-deps --multi-release 17
# nervusdb-cli/target/nervusdb-cli.jar` reports for the whole tool (with Jena, Fuseki, Jetty and
# RDF4J), plus modules that are only found through services or at run time: jdk.crypto.ec (TLS
# with elliptic curves), jdk.charsets (input files in encodings beyond java.base's), jdk.zipfs and
# jdk.localedata are left out (not used). Checked by .ci/release-check.sh, which runs the image.
modules=java.base,java.compiler,java.desktop,java.naming,java.net.http,java.scripting,java.security.jgss
modules=$modules,java.security.sasl,java.sql,java.xml.crypto,jdk.management,jdk.unsupported
modules=$modules,jdk.crypto.ec,jdk.charsets

[[ -x "$jdk/bin/jlink" ]] || { echo "make-image: $jdk has no bin/jlink (a JDK, not a JRE, is needed)" >&2; exit 1; }
[[ -d "$target/lib" ]] || { echo "make-image: $target/lib is missing" >&2; exit 1; }

out=$target/image
image=$out/$name
rm -rf "$out" "$target/$name.tar.gz"
mkdir -p "$out"
link() {  # jlink of the JDK in $jdk into $image
  rm -rf "$image"
  if [[ "$major" -ge 21 ]]; then
    "$jdk/bin/jlink" --add-modules "$modules" --output "$image" \
      --strip-debug --no-header-files --no-man-pages --compress=zip-6
  else
    # the JDK's default CDS archive too: the base that the launcher's first-run archive builds on
    "$jdk/bin/jlink" --add-modules "$modules" --output "$image" \
      --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive
  fi
}
# A newer JDK found in /usr/lib/jvm may be unable to link (no jmods, and not a linkable
# runtime): then the JDK running Maven makes the image.
if ! link && [[ "$jdk" != "$fallback_jdk" ]]; then
  echo "image: jlink of $jdk failed; using $fallback_jdk"
  jdk=$fallback_jdk
  major=$(major_of "$jdk")
  link
fi
[[ -x "$image/bin/java" ]] || { echo "make-image: jlink made no runtime" >&2; exit 1; }
mkdir "$image/app" "$image/completion"
cp "$target"/lib/*.jar "$image/app/"
install -m 0755 "$dist/src/bin/nervusdb" "$image/bin/nervusdb"
cp -r "$target/man" "$image/man"
cp "$target/completion/nervusdb.bash" "$image/completion/"
cp "$dist/src/dist/README.md" "$root/LICENSE" "$root/NOTICE" "$image/"

if [[ "$major" -lt 21 ]]; then
  echo "image: Java $major cannot move a CDS archive with the image: none is made at build time"
  archive=none
else
  archive=app/nervusdb.jsa
# The class list: the classes that import, stats, query, find, add and export load, each run in
# its own JVM through the launcher (so with its class path), merged into one list.
work=$out/cds-work
mkdir -p "$work"
cat > "$work/sample.trig" <<'EOF'
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:alice ex:knows ex:bob ; ex:name "Alice"@en ; ex:age "31"^^xsd:integer .
ex:bob ex:knows ex:carol ; ex:born "1990-01-01"^^xsd:date .
ex:g1 { ex:carol ex:says "hello\tworld" . _:b ex:likes ex:alice . }
EOF
nv=$image/bin/nervusdb
db=$work/db
n=0
sample() {
  n=$((n + 1))
  NERVUSDB_CDS=off JAVA_OPTS="-XX:DumpLoadedClassList=$work/classes-$n.lst" "$nv" "$@" > /dev/null
}
sample import --db "$db" "$work/sample.trig"
sample stats --db "$db"
sample query --db "$db" 'SELECT ?s ?o WHERE { ?s <http://example.org/knows> ?o } ORDER BY ?s'
sample find --db "$db" -p http://example.org/knows
sample add --db "$db" http://example.org/carol http://example.org/knows http://example.org/alice
sample export --db "$db" --format nq --output "$work/out.nq"
sample --version
# One line per class (the first run's), ids renumbered: the ids of separate lists collide.
# Lambda and invoker lines (@...) are kept once each.
awk '
  /^#/ { next }
  /^@/ { if (!seen[$0]++) print; next }
  NF >= 3 && $2 == "id:" { if (!seen["class " $1]++) print $1 " id: " id++; next }
  NF == 1 { if (!seen["class " $1]++) print $1 " id: " id++; next }
' "$work"/classes-*.lst > "$work/classes.lst"

# The archive is made and checked through the launcher, so with its class path and options
# (-Xshare:dump writes the archive and exits).
NERVUSDB_CDS=off JAVA_OPTS="-Xshare:dump -XX:SharedClassListFile=$work/classes.lst -XX:SharedArchiveFile=$image/app/nervusdb.jsa" \
  "$nv" > "$work/dump.log" 2>&1 \
  || { cat "$work/dump.log" >&2; echo "make-image: the CDS archive was not made" >&2; exit 1; }
[[ -s "$image/app/nervusdb.jsa" ]] || { cat "$work/dump.log" >&2; echo "make-image: no CDS archive" >&2; exit 1; }
# The archive must be usable as it is: -Xshare:on refuses to start otherwise.
JAVA_OPTS=-Xshare:on "$nv" --version > /dev/null \
  || { echo "make-image: the CDS archive does not load" >&2; exit 1; }
classes=$(grep -c ' id: ' "$work/classes.lst")
rm -rf "$work"
archive="app/nervusdb.jsa ($classes classes)"
fi

tar -C "$out" --owner=0 --group=0 --numeric-owner --sort=name -czf "$target/$name.tar.gz" "$name"
echo "image: $image ($(du -sh "$image" | cut -f1)), $target/$name.tar.gz ($(du -h "$target/$name.tar.gz" | cut -f1));" \
  "CDS archive: $archive"
