#!/usr/bin/env bash
# The release build and its downloads, checked as a user gets them (docs/RELEASE.md):
#  1. the release build (./mvnw -Prelease deploy to the local staging repository target/staging),
#     signed with a throwaway key made here; tests are skipped (verify ran them before this);
#  2. the staging check (.ci/StageCheck.java: Maven Central's rules for every published artifact,
#     signatures verified with gpg), and a broken copy of the staging repository must fail it;
#  3. the zip unpacked in a temporary directory: bin/nervusdb --version, an import and a query,
#     the class data sharing archive made by the first run and used by the next; the man page and
#     the completion script; the tar.gz holds the same files;
#  4. the self-contained image unpacked elsewhere and run with a PATH that has no java and no
#     JAVA_HOME: --version, import, query, its build-time CDS archive mapped (-Xshare:on), and
#     serve answering a SPARQL query over HTTP.
# Usage: .ci/release-check.sh  (from any directory; needs gpg and curl)
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { echo "release-check: $* ($(( $(date +%s) - start )) s)"; }

work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  GNUPGHOME="$work/gnupg" gpgconf --kill gpg-agent 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A throwaway signing key, in a keyring of its own, without a passphrase.
missing=
for tool in gpg:gnupg unzip:unzip curl:curl; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing="$missing ${tool#*:}"
done
if [[ -n "$missing" ]]; then apt-get update -qq && apt-get install -y -qq $missing >/dev/null; fi
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key 'NervusDB release check <release-check@nervusdb.invalid>' ed25519 sign 1d
step "throwaway signing key made"

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
rm -rf target/staging
# bench, conformance and js are neither published nor part of the downloads (the npm package is
# built and checked by .ci/run on its own), so this build leaves them out.
if ! ./mvnw -B -T1 -Prelease -DskipTests -Dgpg.skip=false deploy \
    -pl '!nervusdb-bench,!nervusdb-conformance,!nervusdb-js' > "$work/build.log" 2>&1; then
  tail -80 "$work/build.log"
  echo "release-check: the release build failed"
  exit 1
fi
step "release build of $version done"
dist=nervusdb-dist/target
ls -l "$dist"/nervusdb-"$version".zip "$dist"/nervusdb-"$version".tar.gz "$dist"/nervusdb-"$version"-linux-x64.tar.gz \
  | awk '{print "  " $5 " bytes  " $NF}'

# 2. The staging repository against Central's rules; a copy without one javadoc jar must fail.
java .ci/StageCheck.java target/staging --allow-snapshot --signatures
cp -r target/staging "$work/broken"
find "$work/broken" -name 'nervusdb-core-*-javadoc.jar' -delete
if java .ci/StageCheck.java "$work/broken" --allow-snapshot > "$work/broken.out" 2>&1; then
  cat "$work/broken.out"; echo "release-check: the staging check passed a repository without a javadoc jar"; exit 1
fi
grep -q 'missing nervusdb-core-.*-javadoc.jar' "$work/broken.out" || { cat "$work/broken.out"; exit 1; }
step "staging check passed; a broken repository fails it"

# 3. The zip, as a user unpacks it.
mkdir "$work/zip" "$work/home"
(cd "$work/zip" && unzip -q "$OLDPWD/$dist/nervusdb-$version.zip")
home=$work/zip/nervusdb-$version
for f in bin/nervusdb bin/nervusdb.bat man/man1/nervusdb.1 man/man1/nervusdb-import.1 completion/nervusdb.bash \
    LICENSE NOTICE README.md lib/nervusdb-cli-"$version".jar; do
  [[ -f "$home/$f" ]] || { echo "release-check: the zip has no $f"; exit 1; }
done
[[ -x "$home/bin/nervusdb" ]] || { echo "release-check: bin/nervusdb in the zip is not executable"; exit 1; }
grep -q '^\.TH "NERVUSDB"' "$home/man/man1/nervusdb.1" || { echo "release-check: nervusdb.1 is not a man page"; exit 1; }
grep -q 'complete -F' "$home/completion/nervusdb.bash" || { echo "release-check: no completion in nervusdb.bash"; exit 1; }
diff <(unzip -Z1 "$dist/nervusdb-$version.zip" | grep -v '/$' | sort) \
     <(tar -tzf "$dist/nervusdb-$version.tar.gz" | grep -v '/$' | sort) \
  || { echo "release-check: the zip and the tar.gz hold different files"; exit 1; }
export XDG_CACHE_HOME="$work/cache"
out=$("$home/bin/nervusdb" --version)
[[ "$out" == "nervusdb $version" ]] || { echo "release-check: --version printed '$out'"; exit 1; }
printf '<http://example.org/a> <http://example.org/knows> <http://example.org/b> .\n<http://example.org/b> <http://example.org/knows> <http://example.org/c> .\n' > "$work/sample.nt"
"$home/bin/nervusdb" import --db "$work/db-zip" "$work/sample.nt" > /dev/null
query='SELECT ?o WHERE { <http://example.org/a> <http://example.org/knows> ?x . ?x <http://example.org/knows> ?o }'
"$home/bin/nervusdb" query --db "$work/db-zip" --format tsv "$query" | grep -q '<http://example.org/c>' \
  || { echo "release-check: the zip's query did not answer <http://example.org/c>"; exit 1; }
ls "$XDG_CACHE_HOME"/nervusdb/cds-*-query.jsa > /dev/null 2>&1 \
  || { echo "release-check: the first query made no CDS archive in $XDG_CACHE_HOME/nervusdb"; exit 1; }
JAVA_OPTS=-Xshare:on "$home/bin/nervusdb" query --db "$work/db-zip" --format tsv "$query" | grep -q '<http://example.org/c>' \
  || { echo "release-check: the query with its CDS archive (-Xshare:on) failed"; exit 1; }
step "zip: --version, import, query, CDS archive made and used"

# 4. The image, unpacked elsewhere, with no Java on the PATH and no JAVA_HOME.
mkdir "$work/image" "$work/path"
tar -C "$work/image" -xzf "$dist/nervusdb-$version-linux-x64.tar.gz"
image=$work/image/nervusdb-$version-linux-x64
for tool in sh dirname readlink sed ls head cksum cut mkdir mv rm cat; do
  ln -s "$(command -v "$tool")" "$work/path/$tool"
done
nojava() { env -i PATH="$work/path" HOME="$work/home" "$@"; }
nojava sh -c 'command -v java' > /dev/null && { echo "release-check: java is on the test PATH"; exit 1; }
out=$(nojava "$image/bin/nervusdb" --version)
[[ "$out" == "nervusdb $version" ]] || { echo "release-check: the image's --version printed '$out'"; exit 1; }
nojava "$image/bin/nervusdb" import --db "$work/db-image" "$work/sample.nt" > /dev/null
if [[ -f "$image/app/nervusdb.jsa" ]]; then
  opts=-Xshare:on   # the build-time archive must map where the image was unpacked
else
  opts=
  echo "release-check: the image has no build-time CDS archive (made with a JDK before 21)"
fi
nojava JAVA_OPTS="$opts" "$image/bin/nervusdb" query --db "$work/db-image" --format tsv "$query" \
  | grep -q '<http://example.org/c>' || { echo "release-check: the image's query failed"; exit 1; }
# (env itself in the background, not a function: $! is then the server's process, as env and
# the launcher exec it)
: > "$work/serve.out"
env -i PATH="$work/path" HOME="$work/home" "$image/bin/nervusdb" serve --db "$work/db-image" --port 0 \
  >> "$work/serve.out" 2>&1 &
server_pid=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's/^listening on port \([0-9]*\)$/\1/p' "$work/serve.out")
  [[ -n "$port" ]] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.2
done
[[ -n "$port" ]] || { cat "$work/serve.out"; echo "release-check: the image's server did not start"; exit 1; }
curl -sf --max-time 20 -H 'Accept: text/tab-separated-values' --data-urlencode "query=$query" \
  "http://127.0.0.1:$port/ds/sparql" | grep -q '<http://example.org/c>' \
  || { cat "$work/serve.out"; echo "release-check: the image's server did not answer the query"; exit 1; }
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
kill -0 "$server_pid" 2>/dev/null && { echo "release-check: the image's server did not stop"; exit 1; }
server_pid=
step "image: runs without an installed Java (--version, import, query${opts:+ with its CDS archive}, serve)"
step "done"
