// esbuild with code splitting, so the package's builds load as chunks on first use, and the
// package's plugin, which emits its WebAssembly modules and its worker.
import * as esbuild from 'esbuild';
import nervusdb from 'nervusdb/esbuild';

await esbuild.build({
  entryPoints: ['src/main.js'],
  bundle: true,
  format: 'esm',
  splitting: true,
  outdir: 'dist',
  logLevel: 'warning',
  plugins: [nervusdb()],
});
