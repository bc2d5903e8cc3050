// Loads files written by `nervusdb export` into Oxigraph (strict parsing, no base IRI) and
// prints each file's statement count as `NAME: N`. Usage:
//   node oxigraph-load.mjs FILE... [--expect-failure FILE...]
// Files after --expect-failure must be refused (for example an export with --relative, whose
// relative IRIs no RDF tool accepts without a base): that shows the check can fail.
import oxigraph from 'oxigraph';

const FORMATS = { nt: 'application/n-triples', nq: 'application/n-quads', ttl: 'text/turtle', trig: 'application/trig' };
let expectFailure = false;
let failed = false;
for (const file of process.argv.slice(2)) {
  if (file === '--expect-failure') {
    expectFailure = true;
    continue;
  }
  const ext = file.slice(file.lastIndexOf('.') + 1);
  const format = FORMATS[ext];
  if (format === undefined) {
    console.error(`${file}: unknown format ${ext}`);
    process.exit(2);
  }
  const { readFileSync } = await import('node:fs');
  const store = new oxigraph.Store();
  try {
    store.load(readFileSync(file, 'utf8'), { format });
    if (expectFailure) {
      console.error(`${file}: Oxigraph loaded it (${store.size} statements), but it should have been refused`);
      failed = true;
    } else {
      console.log(`${file.slice(file.lastIndexOf('/') + 1)}: ${store.size}`);
    }
  } catch (e) {
    if (expectFailure) {
      console.log(`${file.slice(file.lastIndexOf('/') + 1)}: refused as expected (${String(e.message ?? e).split('\n')[0]})`);
    } else {
      console.error(`${file}: Oxigraph refused it: ${e.message ?? e}`);
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
