// Rollup resolves packages with @rollup/plugin-node-resolve; the package's plugin emits its
// WebAssembly modules and its worker, which Rollup does not do for `new URL(..., import.meta.url)`.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import nervusdb from 'nervusdb/rollup';

export default {
  input: 'src/main.js',
  output: { dir: 'dist', format: 'es', entryFileNames: 'main.js' },
  plugins: [nodeResolve({ browser: true }), nervusdb()],
};
