// The platform of Node (and of Deno and Bun, which run Node's modules): the package's files
// read from disk, database directories on disk (node-host.mjs), and REGEX under a query's time
// limit (node-regex.mjs). Only the package's `node` entry and Node runtimes load this module.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openNodeDirectory } from './node-host.mjs';

export const platform = {
  name: 'node',

  async readFile(url) {
    if (url.protocol !== 'file:') {
      const response = await fetch(url);
      if (!response.ok) {
        throw new Error(`cannot load ${url}: HTTP ${response.status}`);
      }
      return new Uint8Array(await response.arrayBuffer());
    }
    try {
      return await readFile(fileURLToPath(url));
    } catch (e) {
      throw new Error(`cannot read ${fileURLToPath(url)}: ${e.code ?? e.message}`, { cause: e });
    }
  },

  async beforeLoad() {
    await import('./node-regex.mjs'); // REGEX and REPLACE stoppable at a query's time limit
  },

  openDirectory: openNodeDirectory,

  /**
   * The debug builds: dist/debug/ in a checkout of the repository (npm run build puts them
   * there), else the nervusdb-debug package if it is installed; null when neither is there.
   */
  debugBase() {
    const here = new URL('../dist/debug/', import.meta.url);
    if (existsSync(fileURLToPath(new URL('nervusdb-core.mjs', here)))) {
      return here;
    }
    try {
      const pkg = createRequire(import.meta.url).resolve('nervusdb-debug/package.json');
      return new URL('dist/', pathToFileURL(dirname(pkg) + '/'));
    } catch {
      return null;
    }
  },
};
