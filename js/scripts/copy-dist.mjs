// Copies the TeaVM outputs of the nervusdb-js Maven module into dist/, and the debug variants
// (unminified, with source maps and debug information) into dist/debug/: for each build, the
// storage core module (nervusdb-core) and the full module with SPARQL (nervusdb-full).
// Build them first: ./mvnw -B -T1 -pl nervusdb-js -am package -DskipTests
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../nervusdb-js/target/', import.meta.url));
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const files = [
  ['wasm-gc/nervusdb.wasm-runtime.mjs', 'nervusdb.wasm-runtime.mjs'],
  ['wasm-gc-debug/nervusdb.wasm-runtime.mjs', 'debug/nervusdb.wasm-runtime.mjs'],
];
for (const part of ['core', 'full']) {
  files.push(
    [`js/nervusdb-${part}.mjs`, `nervusdb-${part}.mjs`],
    [`wasm-gc/nervusdb-${part}.wasm`, `nervusdb-${part}.wasm`],
    [`js-debug/nervusdb-${part}.mjs`, `debug/nervusdb-${part}.mjs`],
    [`js-debug/nervusdb-${part}.mjs.map`, `debug/nervusdb-${part}.mjs.map`],
    [`js-debug/nervusdb-${part}.mjs.teavmdbg`, `debug/nervusdb-${part}.mjs.teavmdbg`],
    [`wasm-gc-debug/nervusdb-${part}.wasm`, `debug/nervusdb-${part}.wasm`],
    [`wasm-gc-debug/nervusdb-${part}.wasm.teadbg`, `debug/nervusdb-${part}.wasm.teadbg`],
  );
}
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
// TeaVM's WebAssembly runtime can read a module from a path in Node, through a dynamic import of
// node:fs/promises; NervusDB hands it bytes instead (see loadBackend), so that import is never
// reached, but browser bundlers (esbuild, Rollup) would still try to resolve it. It is replaced
// by a rejection; the runtime's other dynamic imports, by names known only at run time, are
// marked for webpack and Vite to leave alone.
for (const runtime of ['nervusdb.wasm-runtime.mjs', 'debug/nervusdb.wasm-runtime.mjs']) {
  const file = dist + runtime;
  const text = readFileSync(file, 'utf8');
  const fsImport = /import\(\s*["']node:fs\/promises["']\s*\)/g;
  if ((text.match(fsImport) ?? []).length !== 1) {
    console.error(`${file}: expected one import of node:fs/promises, found ${(text.match(fsImport) ?? []).length}`);
    process.exit(1);
  }
  const patched = text
    .replace(fsImport, 'Promise.reject(new Error("NervusDB gives the runtime bytes, not paths"))')
    .replace(/\bimport\(([A-Za-z_$][\w$]*)\)/g, 'import(/* webpackIgnore: true */ /* @vite-ignore */ $1)');
  if (/node:/.test(patched)) {
    console.error(`${file}: still names a node: module`);
    process.exit(1);
  }
  writeFileSync(file, patched);
}
// Source paths in the maps read as Java paths (org/nervusdb/...java) under a "src/" root.
for (const part of ['core', 'full']) {
  const map = `${dist}debug/nervusdb-${part}.mjs.map`;
  writeFileSync(map, JSON.stringify({ ...JSON.parse(readFileSync(map, 'utf8')), sourceRoot: 'src/' }));
}
console.log(`copied ${files.length} outputs to ${dist}`);
