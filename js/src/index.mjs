// NervusDB for JavaScript: the NervusDB core compiled to WebAssembly GC, or to plain
// JavaScript where WebAssembly GC is missing or not wanted, behind the NervusDB API.

const DIST = new URL('../dist/', import.meta.url);

// The smallest module that declares a GC struct type: only engines with WebAssembly GC accept it.
const GC_PROBE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x03, 0x01, 0x5f, 0x00]);

/** Whether this engine can run the WebAssembly GC build. */
export function wasmGcSupported() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(GC_PROBE);
  } catch {
    return false;
  }
}

// NERVUSDB_USE_WASM=false from the environment (Node), or as a global where there is no
// environment (browsers: globalThis.NERVUSDB_USE_WASM = 'false' before open()).
function envSaysNoWasm() {
  const env = typeof process === 'object' && process.env ? process.env.NERVUSDB_USE_WASM : undefined;
  return [env, globalThis.NERVUSDB_USE_WASM].some(
    (value) => value != null && /^(false|0|no|off)$/i.test(String(value).trim()));
}

const loaded = new Map();

// The WebAssembly bytes are read here and handed to TeaVM's loader, rather than a path: the
// loader takes any global `process` (as some bundlers add to pages) to mean Node and would
// then reach for node:fs in a browser.
async function wasmBytes(url) {
  if (url.protocol === 'file:') {
    const [{ readFile }, { fileURLToPath }] = await Promise.all([import('node:fs/promises'), import('node:url')]);
    return readFile(fileURLToPath(url));
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`cannot load ${url}: HTTP ${response.status}`);
  }
  return response.arrayBuffer();
}

/** The exports of one build: kind 'wasm-gc' or 'js', optimized or the debug variant. */
async function loadBackend(kind, debug) {
  const dist = debug ? new URL('debug/', DIST) : DIST;
  const id = `${kind}${debug ? '-debug' : ''}`;
  if (!loaded.has(id)) {
    const loading = (async () => {
      if (kind === 'wasm-gc') {
        const [runtime, bytes] = await Promise.all([
          import(new URL('nervusdb.wasm-runtime.mjs', dist).href),
          wasmBytes(new URL('nervusdb.wasm', dist)),
        ]);
        return (await runtime.load(bytes, { nodejs: isNode })).exports;
      }
      return import(new URL('nervusdb.mjs', dist).href);
    })();
    loaded.set(id, loading);
    loading.catch(() => loaded.delete(id)); // a failed load may be retried
  }
  return loaded.get(id);
}

/** A database error with a stable code, like the JVM library's exceptions. */
export class NervusDBError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = 'NervusDBError';
    this.code = code;
  }
}

function term(value, what) {
  if (typeof value !== 'string') {
    throw new NervusDBError('INVALID_TERM', `${what} must be a string, got ${value === null ? 'null' : typeof value}`);
  }
  return value;
}

function triple(t, i) {
  if (t === null || typeof t !== 'object') {
    throw new NervusDBError('INVALID_TERM', `triple ${i ?? ''} must be an object {subject, predicate, object}`.replace('  ', ' '));
  }
  return [term(t.subject, 'subject'), term(t.predicate, 'predicate'), term(t.object, 'object')];
}

// The core reports errors as messages that start with a code: "[CORRUPTION] table ...".
const CODED = /^\[([A-Z_]+)\] ([\s\S]*)$/;

function call(fn) {
  try {
    return fn();
  } catch (e) {
    if (e instanceof NervusDBError) {
      throw e;
    }
    const message = e && e.message ? e.message : String(e);
    const coded = CODED.exec(message);
    throw coded
      ? new NervusDBError(coded[1], coded[2], { cause: e })
      : new NervusDBError('ENGINE', message, { cause: e });
  }
}

class LockedError extends NervusDBError {
  constructor(message) {
    super('LOCKED', message);
  }
}

const isNode = typeof process === 'object' && process.versions != null && process.versions.node != null;
// Sync access handles, which OPFS storage needs, exist only in dedicated workers.
const hasSyncOpfs = typeof globalThis.FileSystemFileHandle === 'function'
  && typeof globalThis.FileSystemFileHandle.prototype.createSyncAccessHandle === 'function'
  && typeof globalThis.navigator === 'object' && typeof globalThis.navigator.storage?.getDirectory === 'function';

function storageError(path, e) {
  return new NervusDBError('IO', `${path}: ${e && e.message ? e.message : String(e)}`, { cause: e });
}

const noSettle = async () => {};

/** The directory behind a path: on disk in Node, in the Origin Private File System in a worker. */
async function openStorage(path, options) {
  try {
    if (isNode) {
      const { openNodeDirectory } = await import('./node-host.mjs');
      return { settle: noSettle, ...openNodeDirectory(path, LockedError) };
    }
    if (hasSyncOpfs) {
      const segments = path.split('/').filter((s) => s !== '');
      if (segments.length === 0 || segments.some((s) => s === '.' || s === '..')) {
        throw new NervusDBError('INVALID_ARGUMENT', `${path} is not a usable directory name`);
      }
      const { openOpfsDirectory } = await import('./opfs-host.mjs');
      const spares = options.opfsSpareFiles ?? 4;
      if (!Number.isInteger(spares) || spares < 0) {
        throw new NervusDBError('INVALID_ARGUMENT', `opfsSpareFiles must be a non-negative integer, got ${spares}`);
      }
      return await openOpfsDirectory(segments, LockedError, spares);
    }
  } catch (e) {
    throw e instanceof NervusDBError ? e : storageError(path, e);
  }
  throw new NervusDBError('UNSUPPORTED', `${path}: persistent databases need Node, or a dedicated worker with the `
    + `Origin Private File System; open ':memory:' here, or open the database inside a worker`);
}

function positive(value, what) {
  if (value === undefined) {
    return 0;
  }
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new NervusDBError('INVALID_ARGUMENT', `${what} must be a positive integer, got ${value}`);
  }
  return value;
}

// A batch crosses into the core as UTF-8 bytes, each term followed by a zero byte: an array of
// strings would cross one string at a time, each wrapped and tracked. Terms that are not well
// formed UTF-16 or hold U+0000 take the array path (the core answers -1 to the latter).
const utf8Encoder = new TextEncoder();

/** The zero-terminated UTF-8 bytes of the strings, or null when they are not all well formed. */
function encodeList(strings) {
  const joined = strings.join('\0') + '\0';
  if (typeof joined.isWellFormed !== 'function' || !joined.isWellFormed()) {
    return null;
  }
  const bytes = utf8Encoder.encode(joined);
  return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

function toTriples(flat, limit) {
  const n = Math.min(flat.length / 3, limit);
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = { subject: flat[3 * i], predicate: flat[3 * i + 1], object: flat[3 * i + 2] };
  }
  return out;
}

const POSITIONS = { subject: 's', predicate: 'p', object: 'o' };
const OPERATORS = { eq: 'eq', ne: 'ne', prefix: 'prefix', regex: 'regex', gt: 'gt', gte: 'ge', lt: 'lt', lte: 'le' };

function position(p) {
  const code = POSITIONS[p];
  if (code === undefined) {
    throw new NervusDBError('INVALID_ARGUMENT', `position must be 'subject', 'predicate' or 'object', got ${p}`);
  }
  return code;
}

function count(n, what) {
  if (!Number.isInteger(n) || n < 0) {
    throw new NervusDBError('INVALID_ARGUMENT', `${what} must be a non-negative integer, got ${n}`);
  }
  return n;
}

/**
 * Builds a query: a pattern, traversal steps, conditions on the latest step, order and paging.
 * `execute()` returns the facts of the last step; `nodes()`, `values(position)`, `count()` and
 * `countBy(position)` the rest. It runs on the core's query builder.
 */
export class QueryBuilder {
  #db;
  #spec = [];

  constructor(db) {
    this.#db = db;
  }

  /**
   * A condition on a position of the latest step: a term (equality), or an object with one or
   * more of eq, ne, prefix, regex (with flags), gt, gte, lt, lte.
   */
  where(pos, condition) {
    const at = position(pos);
    if (typeof condition === 'string') {
      this.#spec.push('c', at, 'eq', condition, '');
      return this;
    }
    if (condition === null || typeof condition !== 'object' || Object.keys(condition).length === 0) {
      throw new NervusDBError('INVALID_ARGUMENT', `a condition is a term or an object such as {gt: 3}, got ${condition}`);
    }
    for (const [key, value] of Object.entries(condition)) {
      if (key === 'flags') {
        continue;
      }
      const op = OPERATORS[key];
      if (op === undefined) {
        throw new NervusDBError('INVALID_ARGUMENT', `unknown condition ${key}`);
      }
      if (op === 'gt' || op === 'ge' || op === 'lt' || op === 'le') {
        if (typeof value !== 'number' || Number.isNaN(value)) {
          throw new NervusDBError('INVALID_ARGUMENT', `${key} takes a number, got ${value}`);
        }
        this.#spec.push('c', at, op, String(value), '');
      } else {
        term(value, key);
        const flags = condition.flags ?? '';
        this.#spec.push('c', at, op, value, op === 'regex' ? String(flags) : '');
      }
    }
    return this;
  }

  whereSubject(s) {
    return this.#term(s, 'subject');
  }

  wherePredicate(p) {
    return this.#term(p, 'predicate');
  }

  whereObject(o) {
    return this.#term(o, 'object');
  }

  #term(value, pos) {
    if (typeof value !== 'object' || value === null) {
      term(value, pos);
    }
    return this.where(pos, value);
  }

  /** Along predicate p from the nodes reached so far. */
  follow(p) {
    this.#spec.push('f', term(p, 'predicate'));
    return this;
  }

  /** Against predicate p, to the nodes reached so far. */
  followReverse(p) {
    this.#spec.push('r', term(p, 'predicate'));
    return this;
  }

  /** Along p for min to max hops (max -1 or Infinity: unbounded); each node once. */
  followPath(p, { min = 1, max = -1 } = {}) {
    const hi = max === Infinity ? -1 : max;
    if (!Number.isInteger(min) || !Number.isInteger(hi) || min < 0 || (hi >= 0 && hi < min)) {
      throw new NervusDBError('INVALID_ARGUMENT', `hops must satisfy 0 <= min <= max, got ${min}..${max}`);
    }
    this.#spec.push('p', term(p, 'predicate'), String(min), String(hi));
    return this;
  }

  /** Orders by a position of the last step's fact; 'desc' for descending. */
  orderBy(pos, direction = 'asc') {
    if (direction !== 'asc' && direction !== 'desc') {
      throw new NervusDBError('INVALID_ARGUMENT', `direction must be 'asc' or 'desc', got ${direction}`);
    }
    this.#spec.push('o', position(pos), direction === 'desc' ? 'd' : 'a');
    return this;
  }

  offset(n) {
    this.#spec.push('s', String(count(n, 'offset')));
    return this;
  }

  /** The original NervusDB's name for offset(n). */
  skip(n) {
    return this.offset(n);
  }

  limit(n) {
    this.#spec.push('l', String(count(n, 'limit')));
    return this;
  }

  /** Stops the query with QUERY_TIMEOUT after ms milliseconds (0: no limit). */
  timeout(ms) {
    this.#spec.push('t', String(count(ms, 'timeout')));
    return this;
  }

  /** values() gives each value once. */
  distinct() {
    this.#spec.push('d');
    return this;
  }

  #run(mode, arg = '') {
    this.#db._checkOpen();
    return this.#db._invoke('queryRun', this.#spec.slice(), mode, arg);
  }

  async execute() {
    return toTriples(await this.#run('facts'), Infinity);
  }

  /** The original NervusDB's name for execute(). */
  async all() {
    return this.execute();
  }

  async nodes() {
    return await this.#run('nodes');
  }

  async values(pos) {
    return await this.#run('values', position(pos));
  }

  async count() {
    return Number((await this.#run('count'))[0]);
  }

  /** A Map from each value of the position to its number of results, largest first. */
  async countBy(pos) {
    const flat = await this.#run('countBy', position(pos));
    const out = new Map();
    for (let i = 0; i < flat.length; i += 2) {
      out.set(flat[i], Number(flat[i + 1]));
    }
    return out;
  }

  async *[Symbol.asyncIterator]() {
    yield* await this.execute();
  }
}

// Calls that may change files; in OPFS their directory changes are carried out before the
// call's promise resolves.
const WRITES = new Set(['add', 'addBatch', 'addBatchUtf8', 'delete', 'deleteBatch', 'deleteBatchUtf8', 'flush', 'compact', 'close']);

/** The core in this thread. */
class LocalEngine {
  constructor(core, path, settle = noSettle, release = () => {}) {
    this.core = core;
    this.path = path;
    this.settle = settle;
    this.release = release;
  }

  async invoke(method, args) {
    if (!WRITES.has(method)) {
      return call(() => this.core[method](...args));
    }
    try {
      return call(() => this.core[method](...args));
    } finally {
      try {
        await this.settle();
      } catch (e) {
        throw storageError(this.path, e);
      }
    }
  }

  async close() {
    try {
      await this.invoke('close', []);
    } finally {
      this.release();
    }
  }
}

/**
 * The core in a dedicated worker, for persistent databases opened on a browser's main thread,
 * where OPFS has no synchronous access. Calls and results travel as messages.
 */
class WorkerEngine {
  #worker;
  #pending = new Map();
  #next = 1;
  #failure = null;

  constructor() {
    this.#worker = new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module', name: 'nervusdb' });
    this.#worker.onmessage = ({ data }) => {
      const waiter = this.#pending.get(data.id);
      this.#pending.delete(data.id);
      if (data.error) {
        waiter.reject(new NervusDBError(data.error.code, data.error.message));
      } else {
        waiter.resolve(data.result);
      }
    };
    this.#worker.onerror = (event) => {
      event.preventDefault();
      this.#fail(`the database worker failed: ${event.message}`);
    };
  }

  #fail(message) {
    this.#failure = new NervusDBError('ENGINE', message);
    for (const waiter of this.#pending.values()) {
      waiter.reject(this.#failure);
    }
    this.#pending.clear();
  }

  invoke(method, args) {
    if (this.#failure !== null) {
      return Promise.reject(this.#failure);
    }
    return new Promise((resolve, reject) => {
      const id = this.#next++;
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, method, args });
    });
  }

  async close() {
    try {
      await this.invoke('close', []);
    } finally {
      this.#worker.terminate();
      this.#fail('database is closed');
    }
  }
}

/**
 * A NervusDB database: `new NervusDB(path, options)`, then `await db.open()`.
 *
 * `path` is ':memory:', or a directory: on disk in Node (created if missing, holding the same
 * files as the JVM library writes), or in the browser's Origin Private File System, directly
 * in a dedicated worker and through a worker the database starts itself on a page's main thread.
 * Options: `useWasm` (default true), `syncOnCommit` (default true: each commit is durable
 * before its promise resolves), `memtableSize` and `blockCacheSize` in bytes, `debug` (load the
 * unminified builds with source maps and debug information, for troubleshooting), and in OPFS
 * `opfsSpareFiles` (default 4), how many empty files are kept ready for new files; a call that
 * creates more files than that keeps the rest in memory until it returns.
 * `db.backend` says which build runs it ('wasm-gc' or 'js') and `db.backendReason` why.
 */
export class NervusDB {
  #engine = null;
  #closed = false;

  constructor(path = ':memory:', options = {}) {
    this.path = path;
    this.options = { useWasm: true, syncOnCommit: true, ...options };
    this.backend = null;
    this.backendReason = null;
  }

  async open() {
    if (this.#engine !== null) {
      return this;
    }
    if (this.#closed) {
      throw new NervusDBError('CLOSED', 'database is closed');
    }
    if (typeof this.path !== 'string' || this.path === '') {
      throw new NervusDBError('INVALID_ARGUMENT', `path must be ':memory:' or a directory, got ${this.path}`);
    }
    const memtable = positive(this.options.memtableSize, 'memtableSize');
    const cache = positive(this.options.blockCacheSize, 'blockCacheSize');
    let kind = 'js';
    if (!this.options.useWasm) {
      this.backendReason = 'useWasm: false';
    } else if (envSaysNoWasm()) {
      this.backendReason = 'NERVUSDB_USE_WASM=false';
    } else if (!wasmGcSupported()) {
      this.backendReason = 'WebAssembly GC is not available in this engine; using the JavaScript build';
    } else {
      kind = 'wasm-gc';
      this.backendReason = 'WebAssembly GC available';
    }
    if (this.path !== ':memory:' && !isNode && !hasSyncOpfs && typeof globalThis.Worker === 'function'
        && typeof globalThis.navigator?.storage?.getDirectory === 'function') {
      const engine = new WorkerEngine();
      try {
        const info = await engine.invoke('open', [this.path, { ...this.options, useWasm: kind === 'wasm-gc' }]);
        this.backend = info.backend;
        this.backendReason = `${info.backendReason}; in a worker, for the Origin Private File System`;
      } catch (e) {
        await engine.close().catch(() => {});
        throw e;
      }
      this.#engine = engine;
      return this;
    }
    let mod;
    try {
      mod = await loadBackend(kind, this.options.debug === true);
    } catch (e) {
      throw new NervusDBError('ENGINE', `cannot load the ${kind} build${this.options.debug ? ' (debug)' : ''}: ${e.message}`, { cause: e });
    }
    if (this.path === ':memory:') {
      this.#engine = new LocalEngine(call(() => mod.openInMemorySized(memtable, cache)), this.path);
    } else {
      const { host, settle, release } = await openStorage(this.path, this.options);
      let core = null;
      try {
        core = call(() => mod.openDirectory(host, this.options.syncOnCommit !== false, memtable, cache));
        await settle();
      } catch (e) {
        try {
          core?.close();
        } catch {
          // The open already failed; its error is the one to report.
        }
        release();
        throw e instanceof NervusDBError ? e : storageError(this.path, e);
      }
      this.#engine = new LocalEngine(core, this.path, settle, release);
    }
    this.backend = kind;
    return this;
  }

  /** @internal */
  _checkOpen() {
    if (this.#engine === null) {
      throw new NervusDBError(this.#closed ? 'CLOSED' : 'NOT_OPEN', this.#closed ? 'database is closed' : 'call open() first');
    }
  }

  /** @internal Calls a method of the core, here or in the database's worker. */
  _invoke(method, ...args) {
    this._checkOpen();
    return this.#engine.invoke(method, args);
  }

  async add(t) {
    const [s, p, o] = triple(t);
    return this._invoke('add', s, p, o);
  }

  /** Adds all triples in one commit (one call into the core). Returns how many were new. */
  async addBatch(triples) {
    return this.#batch('addBatch', triples);
  }

  /** Removes all triples in one commit (one call into the core). Returns how many were present. */
  async deleteBatch(triples) {
    return this.#batch('deleteBatch', triples);
  }

  async #batch(method, triples) {
    if (!Array.isArray(triples)) {
      throw new NervusDBError('INVALID_ARGUMENT', `${method} takes an array of triples`);
    }
    const flat = new Array(triples.length * 3);
    triples.forEach((t, i) => {
      const [s, p, o] = triple(t, i);
      flat[3 * i] = s;
      flat[3 * i + 1] = p;
      flat[3 * i + 2] = o;
    });
    const bytes = flat.length > 0 ? encodeList(flat) : null;
    if (bytes !== null) {
      const n = await this._invoke(`${method}Utf8`, bytes, flat.length);
      if (n >= 0) {
        return n;
      }
    }
    return this._invoke(method, flat);
  }

  async delete(t) {
    const [s, p, o] = triple(t);
    return this._invoke('delete', s, p, o);
  }

  async contains(t) {
    const [s, p, o] = triple(t);
    return (await this._invoke('countMatching', s, p, o)) > 0;
  }

  async count() {
    return this._invoke('count');
  }

  query() {
    return new QueryBuilder(this);
  }

  /**
   * The original NervusDB's entry point: a query of the facts matching `{subject, predicate,
   * object}` (each optional), to go on with follow(), where(), limit()... and all().
   */
  find(criteria = {}) {
    if (criteria === null || typeof criteria !== 'object') {
      throw new NervusDBError('INVALID_ARGUMENT', `find takes an object such as {subject: 'alice'}, got ${criteria}`);
    }
    const q = new QueryBuilder(this);
    for (const key of Object.keys(criteria)) {
      if (key !== 'subject' && key !== 'predicate' && key !== 'object') {
        throw new NervusDBError('INVALID_ARGUMENT', `find criteria are subject, predicate and object, got ${key}`);
      }
      if (criteria[key] !== undefined) {
        q.where(key, criteria[key]);
      }
    }
    return q;
  }

  /**
   * Runs a SPARQL 1.1 SELECT or ASK query. SELECT resolves to `{ variables, rows }`, each row an
   * object from variable name to stored term (unbound variables are absent); ASK to a boolean.
   * Stored terms read as RDF terms: plain names are IRIs (`<alice>`), N-Triples literal syntax
   * is a literal, `_:x` a blank node. Option: `timeout` in milliseconds.
   */
  async sparql(text, { timeout = 0 } = {}) {
    if (typeof text !== 'string') {
      throw new NervusDBError('INVALID_ARGUMENT', 'sparql takes the query text as a string');
    }
    if (!Number.isFinite(timeout) || timeout < 0) {
      throw new NervusDBError('INVALID_ARGUMENT', `timeout must be a non-negative number, got ${timeout}`);
    }
    const result = JSON.parse(await this._invoke('sparqlJson', text, timeout));
    if ('boolean' in result) {
      return result.boolean;
    }
    const rows = result.rows.map((r) => {
      const row = {};
      r.forEach((term, i) => {
        if (term !== null) {
          row[result.vars[i]] = term;
        }
      });
      return row;
    });
    return { variables: result.vars, rows };
  }

  /** Runs a query to its end and describes the plan chosen, with rows per operator. */
  async explain(text) {
    if (typeof text !== 'string') {
      throw new NervusDBError('INVALID_ARGUMENT', 'explain takes the query text as a string');
    }
    return this._invoke('explain', text);
  }

  async flush() {
    await this._invoke('flush');
  }

  async compact() {
    await this._invoke('compact');
  }

  /**
   * Reads every stored entry, checking checksums, key order and entry counts. Resolves to the
   * number of entries checked; rejects with code CORRUPTION naming the damaged file.
   */
  async verify() {
    return this._invoke('verify');
  }

  /** Releases the database, its files and its lock; idempotent. */
  async close() {
    this.#closed = true;
    const engine = this.#engine;
    this.#engine = null;
    if (engine !== null) {
      await engine.close();
    }
  }
}
