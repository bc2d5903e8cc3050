// The app every bundler test builds (each app's src/main.js imports it): what a web page does
// with NervusDB. The query string says what to do: `step=write` opens a database in the Origin
// Private File System and adds a triple, `step=read` (after a reload) opens it again and reads
// that triple back with SPARQL, which loads the full module; `useWasm=false` takes the
// JavaScript build. Each step also runs ':memory:' with a SPARQL query. The outcome is put in
// window.__nervusdb (and on the page) for test/bundlers/run.mjs to check.
import { NervusDB, XSD } from 'nervusdb';

async function main() {
  const params = new URLSearchParams(location.search);
  const useWasm = params.get('useWasm') !== 'false';
  const step = params.get('step') ?? 'write';
  const out = { step, useWasm };

  const memory = new NervusDB(':memory:', { useWasm });
  await memory.open();
  await memory.add({ subject: 'alice', predicate: 'age', object: 31 });
  const adults = await memory.sparql(`PREFIX xsd: <${XSD}> SELECT ?s WHERE { ?s <age> ?a FILTER(?a > 18) }`);
  out.memory = { backend: memory.backend, module: memory.module, rows: adults.rows };
  await memory.close();

  const db = new NervusDB(`bundler-app-${useWasm ? 'wasm' : 'js'}`, { useWasm });
  await db.open();
  out.backend = db.backend;
  out.backendReason = db.backendReason;
  if (step === 'write') {
    await db.add({ subject: 'page', predicate: 'wrote', object: params.get('token') ?? 'x' });
  }
  const r = await db.sparql('SELECT ?token WHERE { <page> <wrote> ?token }');
  out.persisted = r.rows.map((row) => row.token);
  out.module = db.module;
  await db.close();
  return out;
}

main().then((out) => out, (e) => ({ error: `${e.code ?? e.name}: ${e.message}` })).then((out) => {
  window.__nervusdb = out;
  document.body.textContent = JSON.stringify(out);
});
