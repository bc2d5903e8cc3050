// Copies the TeaVM outputs of the nervusdb-js Maven module into dist/.
// Build them first: ./mvnw -B -T1 -pl nervusdb-js -am package -DskipTests
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../nervusdb-js/target/', import.meta.url));
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const files = [
  ['js/nervusdb.mjs', 'nervusdb.mjs'],
  ['wasm-gc/nervusdb.wasm', 'nervusdb.wasm'],
  ['wasm-gc/nervusdb.wasm-runtime.mjs', 'nervusdb.wasm-runtime.mjs'],
];
mkdirSync(dist, { recursive: true });
for (const [from, to] of files) {
  const src = root + from;
  if (!existsSync(src)) {
    console.error(`missing ${src}: build nervusdb-js with Maven first`);
    process.exit(1);
  }
  copyFileSync(src, dist + to);
}
console.log(`copied ${files.length} files to ${dist}`);
