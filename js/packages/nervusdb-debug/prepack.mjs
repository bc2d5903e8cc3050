// Copies the debug builds (dist/debug/ of the nervusdb package, which its npm run build fills)
// into this package's dist/ before npm pack; refuses when they are not there.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../../dist/debug/', import.meta.url));
const to = fileURLToPath(new URL('./dist/', import.meta.url));
if (!existsSync(`${from}nervusdb-core.mjs`) || !existsSync(`${from}nervusdb-core.wasm`)) {
  console.error(`nervusdb-debug: no debug builds in ${from}: run npm run build in js/ first`);
  process.exit(1);
}
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
