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

function envSaysNoWasm() {
  const env = typeof process === 'object' && process.env ? process.env.NERVUSDB_USE_WASM : undefined;
  return env !== undefined && /^(false|0|no|off)$/i.test(env.trim());
}

const loaded = new Map();

async function loadBackend(kind) {
  if (!loaded.has(kind)) {
    loaded.set(kind, (async () => {
      if (kind === 'wasm-gc') {
        const runtime = await import(new URL('nervusdb.wasm-runtime.mjs', DIST).href);
        let location = new URL('nervusdb.wasm', DIST);
        if (location.protocol === 'file:') {
          const { fileURLToPath } = await import('node:url');
          location = fileURLToPath(location);
        } else {
          location = location.href;
        }
        return (await runtime.load(location)).exports;
      }
      return import(new URL('nervusdb.mjs', DIST).href);
    })());
  }
  return loaded.get(kind);
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

function positive(value, what) {
  if (value === undefined) {
    return 0;
  }
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new NervusDBError('INVALID_ARGUMENT', `${what} must be a positive integer, got ${value}`);
  }
  return value;
}

function toTriples(flat, limit) {
  const n = Math.min(flat.length / 3, limit);
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = { subject: flat[3 * i], predicate: flat[3 * i + 1], object: flat[3 * i + 2] };
  }
  return out;
}

/** Builds a pattern query; `execute()` returns the matching triples. */
export class QueryBuilder {
  #db;
  #s = null;
  #p = null;
  #o = null;
  #limit = Infinity;
  #empty = false;

  constructor(db) {
    this.#db = db;
  }

  #bind(current, value, what) {
    term(value, what);
    if (current !== null && current !== value) {
      this.#empty = true; // two different values for one position: nothing matches
    }
    return value;
  }

  whereSubject(s) {
    this.#s = this.#bind(this.#s, s, 'subject');
    return this;
  }

  wherePredicate(p) {
    this.#p = this.#bind(this.#p, p, 'predicate');
    return this;
  }

  whereObject(o) {
    this.#o = this.#bind(this.#o, o, 'object');
    return this;
  }

  limit(n) {
    if (!Number.isInteger(n) || n < 0) {
      throw new NervusDBError('INVALID_ARGUMENT', `limit must be a non-negative integer, got ${n}`);
    }
    this.#limit = n;
    return this;
  }

  async execute() {
    const core = this.#db._core();
    if (this.#empty || this.#limit === 0) {
      return [];
    }
    return toTriples(call(() => core.find(this.#s, this.#p, this.#o)), this.#limit);
  }

  async count() {
    return (await this.execute()).length;
  }

  async *[Symbol.asyncIterator]() {
    yield* await this.execute();
  }
}

/**
 * A NervusDB database: `new NervusDB(path, options)`, then `await db.open()`.
 * `path` is ':memory:' or, in Node, a directory (created if missing) holding the same files as
 * the JVM library writes. Options: `useWasm` (default true), `syncOnCommit` (default true: each
 * commit is on disk before its promise resolves), `memtableSize` and `blockCacheSize` in bytes.
 * `db.backend` says which build runs it ('wasm-gc' or 'js') and `db.backendReason` why.
 */
export class NervusDB {
  #core = null;
  #release = null;
  #closed = false;

  constructor(path = ':memory:', options = {}) {
    this.path = path;
    this.options = { useWasm: true, syncOnCommit: true, ...options };
    this.backend = null;
    this.backendReason = null;
  }

  async open() {
    if (this.#core !== null) {
      return this;
    }
    if (this.#closed) {
      throw new NervusDBError('CLOSED', 'database is closed');
    }
    if (typeof this.path !== 'string' || this.path === '') {
      throw new NervusDBError('INVALID_ARGUMENT', `path must be ':memory:' or a directory, got ${this.path}`);
    }
    if (this.path !== ':memory:' && !isNode) {
      throw new NervusDBError('UNSUPPORTED', `only ':memory:' databases are available here; ${this.path} needs Node`);
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
    const mod = await loadBackend(kind);
    if (this.path === ':memory:') {
      this.#core = call(() => mod.openInMemory());
    } else {
      const { openNodeDirectory } = await import('./node-host.mjs');
      let opened;
      try {
        opened = openNodeDirectory(this.path, LockedError);
      } catch (e) {
        throw e instanceof NervusDBError ? e : new NervusDBError('IO', `cannot open ${this.path}: ${e.message}`, { cause: e });
      }
      const { host, release } = opened;
      try {
        this.#core = call(() => mod.openDirectory(host, this.options.syncOnCommit !== false, memtable, cache));
      } catch (e) {
        release();
        throw e;
      }
      this.#release = release;
    }
    this.backend = kind;
    return this;
  }

  /** @internal */
  _core() {
    if (this.#core === null) {
      throw new NervusDBError(this.#closed ? 'CLOSED' : 'NOT_OPEN', this.#closed ? 'database is closed' : 'call open() first');
    }
    return this.#core;
  }

  async add(t) {
    const [s, p, o] = triple(t);
    return call(() => this._core().add(s, p, o));
  }

  /** Adds all triples in one commit (one call into the core). Returns how many were new. */
  async addBatch(triples) {
    if (!Array.isArray(triples)) {
      throw new NervusDBError('INVALID_ARGUMENT', 'addBatch takes an array of triples');
    }
    const flat = new Array(triples.length * 3);
    triples.forEach((t, i) => {
      const [s, p, o] = triple(t, i);
      flat[3 * i] = s;
      flat[3 * i + 1] = p;
      flat[3 * i + 2] = o;
    });
    return call(() => this._core().addBatch(flat));
  }

  async delete(t) {
    const [s, p, o] = triple(t);
    return call(() => this._core().delete(s, p, o));
  }

  async contains(t) {
    const [s, p, o] = triple(t);
    return call(() => this._core().countMatching(s, p, o)) > 0;
  }

  async count() {
    return call(() => this._core().count());
  }

  query() {
    return new QueryBuilder(this);
  }

  async flush() {
    call(() => this._core().flush());
  }

  async compact() {
    call(() => this._core().compact());
  }

  /**
   * Reads every stored entry, checking checksums, key order and entry counts. Resolves to the
   * number of entries checked; rejects with code CORRUPTION naming the damaged file.
   */
  async verify() {
    return call(() => this._core().verify());
  }

  /** Releases the database, its files and its lock; idempotent. */
  async close() {
    this.#closed = true;
    const core = this.#core;
    const release = this.#release;
    this.#core = null;
    this.#release = null;
    try {
      if (core !== null) {
        call(() => core.close());
      }
    } finally {
      if (release !== null) {
        release();
      }
    }
  }
}
