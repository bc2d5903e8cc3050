// A plain webpack 5 build: nothing about NervusDB here, webpack emits its WebAssembly modules,
// its worker and its builds from the `new URL(..., import.meta.url)` and import() in the package.
const path = require('node:path');

module.exports = {
  mode: 'production',
  entry: './src/main.js',
  output: { path: path.resolve(__dirname, 'dist'), filename: 'main.js', clean: true },
  performance: { hints: false },
};
