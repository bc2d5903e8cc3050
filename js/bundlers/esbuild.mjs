// An esbuild plugin for NervusDB. esbuild leaves `new URL('./file', import.meta.url)` alone, so
// without help a bundle has neither the WebAssembly modules nor the database worker that the
// package names that way. This plugin emits them: each WebAssembly module through esbuild's
// `file` loader, and the worker (src/worker.mjs) as a bundle of its own, built with the same
// output options into the same directory. Use it with esbuild's JavaScript API:
//
//   import * as esbuild from 'esbuild';
//   import nervusdb from 'nervusdb/esbuild';
//   await esbuild.build({ entryPoints: ['src/main.js'], bundle: true, format: 'esm',
//     splitting: true, outdir: 'dist', plugins: [nervusdb()] });
//
// Output format 'esm' is needed: the worker is a module worker. Without the plugin the
// package still runs on ':memory:' and in workers of the app's own, on the JavaScript build.
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const PACKAGE = resolve(SRC, '..');
const WORKER = resolve(SRC, 'worker.mjs');
const ASSET_URL = /new URL\((['"])(\.{1,2}\/[^'"]+)\1,\s*import\.meta\.url\)/g;

export default function nervusdb({ inWorker = false } = {}) {
  return {
    name: 'nervusdb',
    setup(build) {
      const options = build.initialOptions;
      let worker = null; // the worker bundle's file name in the output directory, once built

      async function buildWorker() {
        const outdir = options.outdir ?? dirname(options.outfile);
        const result = await build.esbuild.build({
          entryPoints: { 'nervusdb-worker': WORKER },
          bundle: true,
          format: 'esm',
          splitting: true,
          platform: 'browser',
          outdir,
          entryNames: '[name]-[hash]',
          chunkNames: options.chunkNames,
          assetNames: options.assetNames,
          minify: options.minify,
          sourcemap: options.sourcemap,
          target: options.target,
          write: options.write !== false,
          metafile: true,
          logLevel: 'warning',
          plugins: [nervusdb({ inWorker: true })],
        });
        const [file] = Object.entries(result.metafile.outputs)
          .find(([, output]) => output.entryPoint !== undefined && resolve(output.entryPoint) === WORKER);
        return `./${relative(outdir, resolve(file)).split('\\').join('/')}`;
      }

      build.onStart(() => {
        worker = null;
      });

      build.onLoad({ filter: /\.wasm$/ }, async (args) => (args.path.startsWith(PACKAGE)
        ? { contents: await readFile(args.path), loader: 'file' } : undefined));

      build.onLoad({ filter: /\.mjs$/ }, async (args) => {
        if (!args.path.startsWith(SRC)) {
          return undefined;
        }
        const code = await readFile(args.path, 'utf8');
        if (!code.includes('import.meta.url')) {
          return undefined;
        }
        const imports = [];
        let needsWorker = false;
        let out = code.replace(ASSET_URL, (whole, quote, rel) => {
          const file = resolve(dirname(args.path), rel);
          if (file.endsWith('.wasm')) {
            const name = `__nervusdb_asset_${imports.length}`;
            imports.push(`import ${name} from ${JSON.stringify(rel)};`);
            return `new URL(${name}, import.meta.url)`;
          }
          if (file === WORKER && !inWorker) {
            needsWorker = true;
            return 'new URL(__nervusdb_worker, import.meta.url)';
          }
          return whole;
        });
        if (needsWorker) {
          worker ??= buildWorker();
          out = `const __nervusdb_worker = ${JSON.stringify(await worker)};\n${out}`;
        }
        return { contents: `${imports.join('\n')}\n${out}`, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}
