// Copies the TeaVM outputs of the nervusdb-js Maven module into dist/, and the debug variants
// (unminified, with source maps and debug information) into dist/debug/.
// Build them first: ./mvnw -B -T1 -pl nervusdb-js -am package -DskipTests
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../nervusdb-js/target/', import.meta.url));
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const files = [
  ['js/nervusdb.mjs', 'nervusdb.mjs'],
  ['wasm-gc/nervusdb.wasm', 'nervusdb.wasm'],
  ['wasm-gc/nervusdb.wasm-runtime.mjs', 'nervusdb.wasm-runtime.mjs'],
  ['js-debug/nervusdb.mjs', 'debug/nervusdb.mjs'],
  ['js-debug/nervusdb.mjs.map', 'debug/nervusdb.mjs.map'],
  ['js-debug/nervusdb.mjs.teavmdbg', 'debug/nervusdb.mjs.teavmdbg'],
  ['wasm-gc-debug/nervusdb.wasm', 'debug/nervusdb.wasm'],
  ['wasm-gc-debug/nervusdb.wasm.teadbg', 'debug/nervusdb.wasm.teadbg'],
  ['wasm-gc-debug/nervusdb.wasm-runtime.mjs', 'debug/nervusdb.wasm-runtime.mjs'],
];
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist + 'debug', { recursive: true });
for (const [from, to] of files) {
  const src = root + from;
  if (!existsSync(src)) {
    console.error(`missing ${src}: build nervusdb-js with Maven first`);
    process.exit(1);
  }
  cpSync(src, dist + to, { recursive: true });
}
// Source paths in the map read as Java paths (org/nervusdb/...java) under a "src/" root.
const map = dist + 'debug/nervusdb.mjs.map';
writeFileSync(map, JSON.stringify({ ...JSON.parse(readFileSync(map, 'utf8')), sourceRoot: 'src/' }));
console.log(`copied ${files.length} outputs to ${dist}`);
