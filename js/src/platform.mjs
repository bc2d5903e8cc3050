// What NervusDB needs from its host beyond the web platform: reading its own files, database
// directories on disk, and stoppable regular expressions. Browsers (and bundles for them) use
// the web implementation below, which imports no `node:` module; in Node, Deno and Bun the
// package's `node` export (src/node.mjs) installs src/platform-node.mjs. A module that imports
// src/index.mjs directly in Node gets it too, loaded on first use through a specifier that
// bundlers leave alone, so no bundle for a browser ever contains it.

/** Whether this is Node, or a runtime that presents itself as Node (Deno, Bun). */
export const inNode = typeof process === 'object' && process !== null && process.versions != null
  && process.versions.node != null;

const web = {
  name: 'web',

  /**
   * The bytes of one of the package's files (the WebAssembly modules). A missing file names its
   * URL and HTTP status; a server's fallback page (HTML served for any path, as single-page app
   * servers do) is reported as such instead of as a broken WebAssembly module.
   */
  async readFile(url) {
    let response;
    try {
      response = await fetch(url);
    } catch (e) {
      throw new Error(`cannot fetch ${url}: ${e && e.message ? e.message : e}`, { cause: e });
    }
    if (!response.ok) {
      throw new Error(`cannot load ${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (url.pathname.endsWith('.wasm') && !(bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d)) {
      const type = response.headers.get('content-type') || 'no content type';
      throw new Error(`cannot load ${url}: the server answered HTTP ${response.status} with ${bytes.length} bytes of `
        + `${type}, not a WebAssembly module (a fallback page for a missing file?)`);
    }
    return bytes;
  },

  /** Runs before a build of the core is first loaded. */
  async beforeLoad() {},

  /** A database directory on disk: only in Node. */
  openDirectory: null,

  /** Where `debug: true` loads the debug builds from: dist/debug/ beside the package's sources. */
  debugBase() {
    return new URL(DEBUG_DIR, HERE);
  },
};

// Not the literal form `new URL('...', import.meta.url)`: bundlers would take these for files
// to emit (the debug builds are left out of bundles on purpose, the Node platform never goes in one).
const HERE = import.meta.url;
const DEBUG_DIR = '../dist/debug/';
const NODE_PLATFORM = './platform-node.mjs';

let current = web;
let nodeLoading = null;

/** Installs the platform of a runtime's entry point (src/node.mjs installs the Node one). */
export function install(platform) {
  current = platform;
}

/** The platform, after loading the Node one where this is Node and no entry installed it. */
export async function platform() {
  if (current === web && inNode) {
    nodeLoading ??= import(/* webpackIgnore: true */ /* @vite-ignore */ new URL(NODE_PLATFORM, HERE).href)
      .then((m) => install(m.platform));
    await nodeLoading;
  }
  return current;
}
