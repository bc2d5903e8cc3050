// The package from CommonJS: require('nervusdb'). NervusDB is made of ES modules, which
// CommonJS loads asynchronously, so this entry gives asynchronous access to them:
//
//   const { open, load } = require('nervusdb');
//   const db = await open(':memory:', { useWasm: true });    // new NervusDB(path, options).open()
//   const { NervusDB, literal, XSD } = await load();         // the ES module's exports
//
// The constants are here as plain values too (DEFAULT_GRAPH, ANY_GRAPH, XSD).
'use strict';

let loading = null;

/** The package's ES module (src/node.mjs): everything `import ... from 'nervusdb'` gives. */
function load() {
  loading ??= import('./node.mjs');
  return loading;
}

/** Opens a database: resolves to an open NervusDB (`path` ':memory:' or a directory). */
async function open(path = ':memory:', options = {}) {
  const { NervusDB } = await load();
  return new NervusDB(path, options).open();
}

module.exports = {
  load,
  open,
  DEFAULT_GRAPH: 'urn:x-arq:DefaultGraph',
  ANY_GRAPH: null,
  XSD: 'http://www.w3.org/2001/XMLSchema#',
};
