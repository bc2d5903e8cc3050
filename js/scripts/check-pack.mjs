// npm pack and npm publish run this first (the prepack script): the package is nothing without
// the builds in dist/, which npm run build copies there from the Maven build, so it refuses to
// pack without them rather than make a package that cannot open a database.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const needed = ['nervusdb-core.mjs', 'nervusdb-full.mjs', 'nervusdb-core.wasm', 'nervusdb-full.wasm',
  'nervusdb.wasm-runtime.mjs'];
const missing = needed.filter((f) => !existsSync(dist + f) || statSync(dist + f).size === 0);
if (missing.length > 0) {
  console.error(`nervusdb: cannot pack without the builds: ${missing.map((f) => `dist/${f}`).join(', ')} `
    + `${missing.length === 1 ? 'is' : 'are'} missing or empty.\n`
    + 'Build them with Maven (./mvnw -B -pl nervusdb-js -am package -DskipTests in the repository root),\n'
    + 'then run npm run build here, which copies them into dist/.');
  process.exit(1);
}
