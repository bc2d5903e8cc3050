// A Rollup plugin for NervusDB. Rollup leaves `new URL('./file', import.meta.url)` alone, so
// without help a bundle has neither the WebAssembly modules nor the database worker that the
// package names that way. This plugin emits them: each WebAssembly module as an asset, the
// worker (src/worker.mjs) as a chunk of its own, which shares the package's code with the page
// through common chunks and never loads the page's entry. Use it with @rollup/plugin-node-resolve:
//
//   import { nodeResolve } from '@rollup/plugin-node-resolve';
//   import nervusdb from 'nervusdb/rollup';
//   export default { input: 'src/main.js', output: { dir: 'dist', format: 'es' },
//     plugins: [nodeResolve({ browser: true }), nervusdb()] };
//
// Output format 'es' is needed: the worker is a module worker.
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const ASSET_URL = /new URL\((['"])(\.{1,2}\/[^'"]+)\1,\s*import\.meta\.url\)/g;

export default function nervusdb() {
  return {
    name: 'nervusdb',
    transform(code, id) {
      if (!id.startsWith(SRC) || !id.endsWith('.mjs') || !code.includes('import.meta.url')) {
        return null;
      }
      let changed = false;
      const out = code.replace(ASSET_URL, (whole, quote, relative) => {
        const file = resolve(dirname(id), relative);
        let ref;
        if (file.endsWith('.wasm')) {
          ref = this.emitFile({ type: 'asset', name: basename(file), source: readFileSync(file) });
        } else if (file === `${SRC}worker.mjs` || file === resolve(SRC, 'worker.mjs')) {
          ref = this.emitFile({ type: 'chunk', id: file, name: 'nervusdb-worker' });
        } else {
          return whole;
        }
        changed = true;
        return `new URL(import.meta.ROLLUP_FILE_URL_${ref})`;
      });
      return changed ? { code: out, map: null } : null;
    },
  };
}

