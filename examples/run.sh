#!/usr/bin/env bash
# The Java API as a user gets it: small programs compiled and run against the jar of artifact
# org.nervusdb:nervusdb that the build left in nervusdb/target (run after `./mvnw package` or
# `verify`; nothing of NervusDB is installed or read from a repository):
#   1. a program on the module path (module org.nervusdb), and one that names an internal
#      package, which must not compile there;
#   2. a program on the class path;
#   3. a Kotlin program (kotlin-maven-plugin), and a Kotlin file that misuses the API's
#      @Nullable values, which must fail to compile with exactly its three nullness errors.
# MVN_FLAGS (for example -o) is passed to the Maven call of the Kotlin example.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
jar="$root/nervusdb/target/nervusdb-0.1.0-SNAPSHOT.jar"
test -f "$jar" || { echo "no $jar: build first (./mvnw -T1 package -pl nervusdb -am -DskipTests)"; exit 1; }
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
jspecify="$repo/org/jspecify/jspecify/1.0.1/jspecify-1.0.1.jar"
test -f "$jspecify" || { echo "no $jspecify (a dependency of the build)"; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1"; failed=$((failed + 1)); }

# 1. Module path. JSpecify is needed to compile (the API's annotations), not to run.
if javac -d "$work/mods" --module-path "$jar:$jspecify" --module-source-path examples/modulepath \
      -m org.nervusdb.example.modules \
    && java --module-path "$jar:$work/mods" -m org.nervusdb.example.modules/org.nervusdb.example.modules.ModulePathExample \
      | tee "$work/module.out" && grep -q '^module path: ok' "$work/module.out"; then
  ok "module path"
else
  fail "module path"
fi
if javac -d "$work/internal" --module-path "$jar:$jspecify" --module-source-path examples/modulepath-internal \
    -m org.nervusdb.example.internal > "$work/internal.out" 2>&1; then
  fail "a module compiled against an internal package of org.nervusdb"
elif grep -q 'package org.nervusdb.engine is not visible' "$work/internal.out"; then
  ok "internal packages are not visible on the module path"
else
  cat "$work/internal.out"; fail "internal package check failed for another reason"
fi

# 2. Class path: the one jar, nothing else at run time.
if javac -d "$work/cp" -cp "$jar:$jspecify" $(find examples/classpath -name '*.java') \
    && java -cp "$jar:$work/cp" org.nervusdb.example.classpath.ClassPathExample | tee "$work/cp.out" \
    && grep -q '^class path: ok' "$work/cp.out"; then
  ok "class path"
else
  fail "class path"
fi

# 3. Kotlin. The build writes its class path for running the program.
mvn=("$root/mvnw" -B -q ${MVN_FLAGS:-} -f examples/kotlin/pom.xml "-Dnervusdb.jar=$jar")
if "${mvn[@]}" compile dependency:build-classpath "-Dmdep.outputFile=$work/kotlin.cp" > "$work/kotlin-build.out" 2>&1 \
    && java -cp "$root/examples/kotlin/target/classes:$(cat "$work/kotlin.cp")" org.nervusdb.example.kotlin.KotlinExampleKt \
      | tee "$work/kotlin.out" && grep -q '^kotlin: ok' "$work/kotlin.out"; then
  ok "kotlin"
else
  cat "$work/kotlin-build.out"; fail "kotlin"
fi
# The misuse must fail, on its three lines (9, 10, 11), for nullness.
if "${mvn[@]}" clean compile "-Dexample.sources=$root/examples/kotlin/misuse" > "$work/misuse.out" 2>&1; then
  fail "the Kotlin misuse of @Nullable values compiled"
else
  errors=$(grep -E '^\[ERROR\] .*NullMisuse\.kt:' "$work/misuse.out" | sort -u)
  lines=$(echo "$errors" | grep -oE 'NullMisuse\.kt:[0-9]+' | sort -u | tr '\n' ' ')
  if [ "$lines" = "NullMisuse.kt:10 NullMisuse.kt:11 NullMisuse.kt:9 " ] \
      && echo "$errors" | grep -qiE 'mismatch|null can not|null cannot'; then
    echo "$errors"
    ok "kotlin sees the nullness (3 expected errors)"
  else
    cat "$work/misuse.out"; fail "the Kotlin misuse failed otherwise than expected"
  fi
fi
rm -rf examples/kotlin/target

echo "examples: $passed passed, $failed failed"
test "$failed" = 0
