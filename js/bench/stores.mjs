// The stores of the Node side-by-side suite, each behind the same small adapter, each through
// its own public API. An adapter's prepare* methods turn the suite's triples ({subject,
// predicate, object} in NervusDB's spelling, see data.mjs) into the store's own input, outside
// the measured time; the other methods are what is timed, and they consume every result (read
// every row's object) so that no store can skip work.
//
// Adapter methods (all may return promises):
//   open({ disk, dir, sync, memtableSize })  a new store: in memory, or on disk in `dir`
//   prepareBatch / addBatch                  one batch (one transaction where the store has them)
//   prepareSingles / addOne                  one triple per call
//   prepareLoad / load                       the whole data set through the store's fastest path
//   prepareMatch / match                     a pattern ({s, p, o}, missing = any); returns rows
//   twoHop(personIri)                        distinct cities of the person's friends (a number)
//   twoHopFollow(personIri)                  the same through the store's query builder, if any
//   prepareDelete / deleteAll                removal of the given triples
//   size()                                   the number of stored triples (checks only)
//   flush(), compact()                       where the store has them
//   close()
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KNOWS, LIVES_IN, ntriples } from './data.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

function packageVersion(dir) {
  try {
    return JSON.parse(readFileSync(here(`${dir}/package.json`), 'utf8')).version;
  } catch {
    return null;
  }
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here('.'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

const sparqlTwoHop = (p) => `SELECT DISTINCT ?c WHERE { <${p}> <${KNOWS}> ?f . ?f <${LIVES_IN}> ?c }`;

// ------------------------------------------------------------------ NervusDB (this package)

class NervusAdapter {
  constructor(kind) {
    this.kind = kind;
    this.name = kind === 'wasm-gc' ? 'NervusDB' : 'NervusDB (JS build)';
    const commit = gitCommit();
    this.version = `${packageVersion('../') ?? '?'}${commit ? ` (${commit})` : ''}`;
    this.notes = kind === 'wasm-gc'
      ? 'this package (js/src/index.mjs) on its WebAssembly GC backend, the default on Node 22; default options unless a workload says otherwise'
      : 'this package (js/src/index.mjs) on its JavaScript build (useWasm: false, NERVUSDB_USE_WASM=false); default options unless a workload says otherwise';
    this.loadNote = 'one addBatch() of all triples (one commit; calls of 10K or 100K were 10-40% slower at 1M), \':memory:\', default memtable';
    this.deleteNote = 'deleteBatch() of all of them (one commit)';
    this.batchNote = 'addBatch(): one call, one commit';
    this.singleNote = 'add() per triple, one commit each';
    this.matchNote = 'query().whereSubject/wherePredicate/whereObject(...).execute()';
    this.twoHopNote = 'sparql() SELECT DISTINCT over two triple patterns; the SPARQL module loaded before the timing '
      + '(a database moves to it on its first sparql(): 0.1-0.2 s once at 1M triples)';
    this.followNote = 'query().whereSubject(p).wherePredicate(knows).follow(livesIn).nodes()';
  }

  /** Loads the SPARQL module for the open database (untimed). */
  async prepareSparql() {
    await this.db.sparql('ASK {}');
  }

  async init() {
    const mod = await import('../src/index.mjs');
    this.NervusDB = mod.NervusDB;
    if (this.kind === 'wasm-gc' && !mod.wasmGcSupported()) {
      throw new Error(`this Node (${process.version}) has no WebAssembly GC`);
    }
  }

  async open({ disk = false, dir = null, sync = true, memtableSize } = {}) {
    const options = { useWasm: this.kind === 'wasm-gc', syncOnCommit: sync };
    if (memtableSize !== undefined) {
      options.memtableSize = memtableSize;
    }
    this.db = await new this.NervusDB(disk ? dir : ':memory:', options).open();
    if (this.db.backend !== this.kind) {
      throw new Error(`opened the ${this.db.backend} backend instead of ${this.kind} (${this.db.backendReason})`);
    }
  }

  prepareBatch(triples) {
    return triples;
  }

  addBatch(triples) {
    return this.db.addBatch(triples);
  }

  prepareSingles(triples) {
    return triples;
  }

  addOne(t) {
    return this.db.add(t);
  }

  prepareLoad(data) {
    return data.triples;
  }

  async load(triples) {
    await this.db.addBatch(triples);
  }

  prepareMatch(q) {
    return q;
  }

  async match({ s, p, o }) {
    let b = this.db.query();
    if (s !== undefined) {
      b = b.whereSubject(s);
    }
    if (p !== undefined) {
      b = b.wherePredicate(p);
    }
    if (o !== undefined) {
      b = b.whereObject(o);
    }
    const rows = await b.execute();
    let n = 0;
    for (const t of rows) {
      if (t.object !== undefined) {
        n++;
      }
    }
    return n;
  }

  async twoHop(p) {
    const { rows } = await this.db.sparql(sparqlTwoHop(p));
    let n = 0;
    for (const r of rows) {
      if (r.c !== undefined) {
        n++;
      }
    }
    return n;
  }

  async twoHopFollow(p) {
    const nodes = await this.db.query().whereSubject(p).wherePredicate(KNOWS).follow(LIVES_IN).nodes();
    return nodes.length;
  }

  prepareDelete(triples) {
    return triples;
  }

  async deleteAll(triples) {
    await this.db.deleteBatch(triples);
  }

  size() {
    return this.db.count();
  }

  flush() {
    return this.db.flush();
  }

  compact() {
    return this.db.compact();
  }

  async close() {
    await this.db?.close();
    this.db = null;
  }
}

// ------------------------------------------------------------------ @nervusdb/core (the original)

const CORE_DIR = './node_modules/@nervusdb/core';

class CoreAdapter {
  constructor(options = {}) {
    this.name = '@nervusdb/core';
    this.version = packageVersion(CORE_DIR) ?? '0.1.3';
    this.openOptions = options;
    this.notes = 'the original TypeScript NervusDB from the npm registry, default open options; its \':memory:\' is a '
      + 'temporary file in os.tmpdir() (with WAL, pages directory and lock file) removed on close';
    this.loadNote = 'beginBatch(), addFact() per triple, commitBatch(): one batch; \':memory:\' (temporary files)';
    this.deleteNote = 'beginBatch(), deleteFact() per triple, commitBatch()';
    this.batchNote = 'beginBatch(), addFact() x 1,000, commitBatch()';
    this.singleNote = 'addFact() per triple (each writes its WAL record with writeSync, no fsync)';
    this.matchNote = 'find(criteria).all(); each lookup also walks every triple held in memory (its query engine scans triples.list()), so lookups grow with the store; flush() does not change that (1.35 ms per subject lookup before and after it at 100K)';
    this.twoHopNote = 'match calls: find({subject, predicate: knows}).all(), then find({subject: friend, predicate: livesIn}).all() per friend';
    this.followNote = 'find({subject, predicate: knows}, {anchor: \'object\'}).follow(livesIn).all(), distinct objects';
  }

  async init() {
    const mod = await import('@nervusdb/core');
    this.NervusDB = mod.NervusDB;
  }

  async open({ disk = false, dir = null } = {}) {
    this.path = disk ? path.join(dir, 'db.synapsedb') : ':memory:';
    this.db = await this.NervusDB.open(this.path, this.openOptions);
  }

  prepareBatch(triples) {
    return triples;
  }

  addBatch(triples) {
    this.db.beginBatch();
    for (const t of triples) {
      this.db.addFact(t);
    }
    this.db.commitBatch();
  }

  prepareSingles(triples) {
    return triples;
  }

  addOne(t) {
    this.db.addFact(t);
  }

  prepareLoad(data) {
    return data.triples;
  }

  load(triples) {
    this.addBatch(triples);
  }

  prepareMatch({ s, p, o }) {
    const c = {};
    if (s !== undefined) {
      c.subject = s;
    }
    if (p !== undefined) {
      c.predicate = p;
    }
    if (o !== undefined) {
      c.object = o;
    }
    return c;
  }

  match(criteria) {
    const rows = this.db.find(criteria).all();
    let n = 0;
    for (const r of rows) {
      if (r.object !== undefined) {
        n++;
      }
    }
    return n;
  }

  twoHop(p) {
    const cities = new Set();
    for (const f of this.db.find({ subject: p, predicate: KNOWS }).all()) {
      for (const c of this.db.find({ subject: f.object, predicate: LIVES_IN }).all()) {
        cities.add(c.object);
      }
    }
    return cities.size;
  }

  twoHopFollow(p) {
    const cities = new Set();
    for (const r of this.db.find({ subject: p, predicate: KNOWS }, { anchor: 'object' }).follow(LIVES_IN).all()) {
      cities.add(r.object);
    }
    return cities.size;
  }

  prepareDelete(triples) {
    return triples;
  }

  deleteAll(triples) {
    this.db.beginBatch();
    for (const t of triples) {
      this.db.deleteFact(t);
    }
    this.db.commitBatch();
  }

  size() {
    return this.db.listFacts().length;
  }

  flush() {
    return this.db.flush();
  }

  /**
   * The original has compaction only in its command line tool (nervusdb compact): the database
   * is closed, the tool runs in a child process, and the database is opened again.
   */
  async compact(time) {
    await this.db.close();
    const cli = here(`${CORE_DIR}/dist/compact.js`);
    const ms = time(() => execFileSync(process.execPath, [cli, this.path, '--force'], { stdio: ['ignore', 'pipe', 'pipe'] }));
    this.db = await this.NervusDB.open(this.path, this.openOptions);
    return ms;
  }

  async close() {
    await this.db?.close();
    this.db = null;
  }
}

// ------------------------------------------------------------------ RDF/JS stores: Oxigraph, quadstore, N3.js

/** An RDF/JS term from NervusDB's spelling (the suite's literals have no escapes). */
function rdfTerm(f, s) {
  if (s.charCodeAt(0) !== 34) {
    return f.namedNode(s);
  }
  const end = s.lastIndexOf('"');
  const value = s.slice(1, end);
  const rest = s.slice(end + 1);
  if (rest.startsWith('^^<')) {
    return f.literal(value, f.namedNode(rest.slice(3, -1)));
  }
  if (rest.startsWith('@')) {
    return f.literal(value, rest.slice(1));
  }
  return f.literal(value);
}

class OxigraphAdapter {
  constructor() {
    this.name = 'Oxigraph';
    this.version = packageVersion('./node_modules/oxigraph') ?? '0.5.11';
    this.notes = 'oxigraph (Rust compiled to WebAssembly) in-memory Store, the only kind its npm package has; '
      + 'its data lives in WebAssembly linear memory (counted as external memory)';
    this.loadNote = 'Store.load() of an N-Triples string (parse and load; prepared untimed), format application/n-triples, default options (one transaction; no_transaction: true was no faster here and grew the WebAssembly memory by ~170 MB even for 10K triples)';
    this.deleteNote = 'Store.delete() per quad';
    this.batchNote = 'Store.load() of a 1,000-line N-Triples string (one transaction)';
    this.singleNote = 'Store.add() per quad';
    this.matchNote = 'Store.match(s, p, o, null) with terms built untimed; reads each quad\'s object';
    this.twoHopNote = 'Store.query() SPARQL SELECT DISTINCT over two triple patterns';
  }

  async init() {
    const mod = await import('oxigraph');
    this.ox = mod.default ?? mod;
  }

  open() {
    this.store = new this.ox.Store();
  }

  quads(triples) {
    const f = this.ox;
    return triples.map((t) => f.quad(f.namedNode(t.subject), f.namedNode(t.predicate), rdfTerm(f, t.object), f.defaultGraph()));
  }

  prepareBatch(triples) {
    return ntriples(triples);
  }

  addBatch(text) {
    this.store.load(text, { format: 'application/n-triples' });
  }

  prepareSingles(triples) {
    return this.quads(triples);
  }

  addOne(q) {
    this.store.add(q);
  }

  prepareLoad(data) {
    return data.nt();
  }

  load(text) {
    this.store.load(text, { format: 'application/n-triples' });
  }

  prepareMatch({ s, p, o }) {
    const f = this.ox;
    return [s === undefined ? null : f.namedNode(s), p === undefined ? null : f.namedNode(p), o === undefined ? null : rdfTerm(f, o)];
  }

  match([s, p, o]) {
    const rows = this.store.match(s, p, o, null);
    let n = 0;
    for (const q of rows) {
      if (q.object.value !== undefined) {
        n++;
      }
    }
    return n;
  }

  twoHop(p) {
    const rows = this.store.query(sparqlTwoHop(p));
    let n = 0;
    for (const r of rows) {
      if (r.get('c').value !== undefined) {
        n++;
      }
    }
    return n;
  }

  prepareDelete(triples) {
    return this.quads(triples);
  }

  deleteAll(quads) {
    for (const q of quads) {
      this.store.delete(q);
    }
  }

  size() {
    return this.store.size;
  }

  close() {
    this.store?.free();
    this.store = null;
  }
}

class N3Adapter {
  constructor() {
    this.name = 'N3.js';
    this.version = packageVersion('./node_modules/n3') ?? '2.13.12';
    this.notes = 'n3 N3.Store, in memory (the only kind it has), default options';
    this.loadNote = 'Store.addQuads(new Parser({format: \'N-Triples\'}).parse(text)) of an N-Triples string (prepared untimed)';
    this.deleteNote = 'Store.removeQuads() of all of them';
    this.batchNote = 'Store.addQuads() of 1,000 quads';
    this.singleNote = 'Store.addQuad() per quad';
    this.matchNote = 'Store.getQuads(s, p, o, null) with terms built untimed; reads each quad\'s object';
    this.twoHopNote = 'match calls: getQuads(person, knows), then getQuads(friend, livesIn) per friend';
  }

  async init() {
    const mod = await import('n3');
    this.n3 = mod.default ?? mod;
  }

  open() {
    this.store = new this.n3.Store();
  }

  quads(triples) {
    const f = this.n3.DataFactory;
    return triples.map((t) => f.quad(f.namedNode(t.subject), f.namedNode(t.predicate), rdfTerm(f, t.object)));
  }

  prepareBatch(triples) {
    return this.quads(triples);
  }

  addBatch(quads) {
    this.store.addQuads(quads);
  }

  prepareSingles(triples) {
    return this.quads(triples);
  }

  addOne(q) {
    this.store.addQuad(q);
  }

  prepareLoad(data) {
    return data.nt();
  }

  load(text) {
    this.store.addQuads(new this.n3.Parser({ format: 'N-Triples' }).parse(text));
  }

  prepareMatch({ s, p, o }) {
    const f = this.n3.DataFactory;
    return [s === undefined ? null : f.namedNode(s), p === undefined ? null : f.namedNode(p), o === undefined ? null : rdfTerm(f, o)];
  }

  match([s, p, o]) {
    const rows = this.store.getQuads(s, p, o, null);
    let n = 0;
    for (const q of rows) {
      if (q.object.value !== undefined) {
        n++;
      }
    }
    return n;
  }

  twoHop(p) {
    const f = this.n3.DataFactory;
    const cities = new Set();
    for (const k of this.store.getQuads(f.namedNode(p), f.namedNode(KNOWS), null, null)) {
      for (const c of this.store.getQuads(k.object, f.namedNode(LIVES_IN), null, null)) {
        cities.add(c.object.value);
      }
    }
    return cities.size;
  }

  prepareDelete(triples) {
    return this.quads(triples);
  }

  deleteAll(quads) {
    this.store.removeQuads(quads);
  }

  size() {
    return this.store.size;
  }

  close() {
    this.store = null;
  }
}

class QuadstoreAdapter {
  constructor() {
    this.name = 'quadstore';
    this.version = packageVersion('./node_modules/quadstore') ?? '15.4.1';
    this.notes = `quadstore on classic-level ${packageVersion('./node_modules/classic-level') ?? '3.0.0'} (LevelDB), persistent: `
      + 'every store is a LevelDB directory in the temporary directory, in the workloads called "in memory" too; '
      + 'default indexes (six orders of subject, predicate, object, graph), rdf-data-factory terms';
    this.loadNote = 'multiPut() of all quads (one LevelDB batch; quads built untimed)';
    this.deleteNote = 'multiDel() of all of them (one LevelDB batch)';
    this.batchNote = 'multiPut() of 1,000 quads (one LevelDB batch)';
    this.singleNote = 'put() per quad (one LevelDB batch each; LevelDB writes do not fsync by default)';
    this.matchNote = 'get({subject, predicate, object}) with terms built untimed; reads each quad\'s object';
    this.twoHopNote = 'match calls: get(person, knows), then get(friend, livesIn) per friend';
  }

  async init() {
    const [qs, level, factory] = await Promise.all([import('quadstore'), import('classic-level'), import('rdf-data-factory')]);
    this.Quadstore = qs.Quadstore;
    this.ClassicLevel = level.ClassicLevel;
    this.f = new factory.DataFactory();
  }

  async open({ dir = null } = {}) {
    const { mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    this.own = dir === null;
    this.dir = dir ?? mkdtempSync(path.join(os.tmpdir(), 'quadstore-'));
    this.store = new this.Quadstore({ backend: new this.ClassicLevel(this.dir), dataFactory: this.f });
    await this.store.open();
  }

  quads(triples) {
    const f = this.f;
    return triples.map((t) => f.quad(f.namedNode(t.subject), f.namedNode(t.predicate), rdfTerm(f, t.object), f.defaultGraph()));
  }

  prepareBatch(triples) {
    return this.quads(triples);
  }

  addBatch(quads) {
    return this.store.multiPut(quads);
  }

  prepareSingles(triples) {
    return this.quads(triples);
  }

  addOne(q) {
    return this.store.put(q);
  }

  prepareLoad(data) {
    return this.quads(data.triples);
  }

  load(quads) {
    return this.store.multiPut(quads);
  }

  prepareMatch({ s, p, o }) {
    const f = this.f;
    const pattern = {};
    if (s !== undefined) {
      pattern.subject = f.namedNode(s);
    }
    if (p !== undefined) {
      pattern.predicate = f.namedNode(p);
    }
    if (o !== undefined) {
      pattern.object = rdfTerm(f, o);
    }
    return pattern;
  }

  async match(pattern) {
    const { items } = await this.store.get(pattern);
    let n = 0;
    for (const q of items) {
      if (q.object.value !== undefined) {
        n++;
      }
    }
    return n;
  }

  async twoHop(p) {
    const f = this.f;
    const cities = new Set();
    const { items: friends } = await this.store.get({ subject: f.namedNode(p), predicate: f.namedNode(KNOWS) });
    for (const k of friends) {
      const { items } = await this.store.get({ subject: k.object, predicate: f.namedNode(LIVES_IN) });
      for (const c of items) {
        cities.add(c.object.value);
      }
    }
    return cities.size;
  }

  prepareDelete(triples) {
    return this.quads(triples);
  }

  deleteAll(quads) {
    return this.store.multiDel(quads);
  }

  /** Exact: quadstore's countQuads() is an approximate size. */
  async size() {
    const { iterator } = await this.store.getStream({});
    let n = 0;
    for await (const q of iterator) {
      if (q.object.value !== undefined) {
        n++;
      }
    }
    return n;
  }

  async close() {
    if (this.store) {
      await this.store.close();
      this.store = null;
      if (this.own) {
        const { rmSync } = await import('node:fs');
        rmSync(this.dir, { recursive: true, force: true });
      }
    }
  }
}

/** The stores by id, in report order. */
export const STORES = {
  'nervusdb-wasm': () => new NervusAdapter('wasm-gc'),
  'nervusdb-js': () => new NervusAdapter('js'),
  'nervusdb-core': () => new CoreAdapter(),
  oxigraph: () => new OxigraphAdapter(),
  quadstore: () => new QuadstoreAdapter(),
  n3: () => new N3Adapter(),
};

/** Names and versions without loading anything, for reports of stores that failed to start. */
export function describe(id) {
  const a = STORES[id]();
  return { name: a.name, version: a.version, notes: a.notes };
}

export { CoreAdapter };
