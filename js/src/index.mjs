// NervusDB for JavaScript: the NervusDB core compiled to WebAssembly GC, or to plain
// JavaScript where WebAssembly GC is missing or not wanted, behind the NervusDB API.
//
// Each build comes as two modules: the storage core (nervusdb-core: stores, the query builder,
// properties, labels, transactions, file hosts), which open() loads, and the full module
// (nervusdb-full: the same plus SPARQL), which a database's first sparql() or explain() loads
// and moves the database to (see NervusDB#moveToFull). The two do not share a heap: the database
// is closed in the one and opened again, on the same files, in the other.

import { ADD, ADD_LABELS, ADD_QUAD, DELETE, DELETE_QUAD, REMOVE_LABELS, TxWriter, decode, encodeMap, encodeValue, fromLatin1,
  toLatin1 } from './values.mjs';
import { ANY_GRAPH, DEFAULT_GRAPH, XSD, isLiteralValue, isQueryText, literal as literalOf } from './rdf.mjs';
import { inNode, platform } from './platform.mjs';
import { decodeList, termCache } from './results.mjs';

export { ANY_GRAPH, DEFAULT_GRAPH, XSD };
// The RDF/JS interfaces (https://rdf.js.org/): a DataFactory, term conversion, and RdfStore over a database.
export { RdfStore, dataFactory, fromStoredQuad, fromStoredTerm, toStoredQuad, toStoredTerm } from './rdfjs.mjs';

// The files of the builds, each named by a literal so that bundlers find and emit it: the
// JavaScript builds and the WebAssembly GC runtime as dynamic imports (chunks loaded on first
// use), the WebAssembly modules as `new URL(..., import.meta.url)` assets. The debug builds are
// not among them: they load from a base URL at run time (see debugBase), so bundles leave them out.
const JS_BUILDS = {
  core: () => import('../dist/nervusdb-core.mjs'),
  full: () => import('../dist/nervusdb-full.mjs'),
};
const WASM_RUNTIME = () => import('../dist/nervusdb.wasm-runtime.mjs');
const WASM_MODULES = {
  core: () => new URL('../dist/nervusdb-core.wasm', import.meta.url),
  full: () => new URL('../dist/nervusdb-full.wasm', import.meta.url),
};

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

/** A module by a URL known only at run time, which bundlers must not try to resolve. */
function importUrl(url) {
  return import(/* webpackIgnore: true */ /* @vite-ignore */ url.href);
}

/**
 * The directory of the debug builds for the `debug` option: true for the platform's own (in
 * Node dist/debug/ of a checkout, or the nervusdb-debug package; elsewhere dist/debug/ beside
 * the sources), or a URL (a string, relative to the page in a browser).
 */
function debugBase(debug, p) {
  if (debug === true) {
    const base = p.debugBase();
    if (base === null) {
      throw new Error('the debug builds are not installed: they are not in the nervusdb package; install '
        + 'nervusdb-debug (npm install nervusdb-debug), or give the URL of their directory as `debug`');
    }
    return base;
  }
  const text = String(debug);
  return new URL(text.endsWith('/') ? text : `${text}/`, globalThis.location?.href ?? 'file:///');
}

/**
 * The exports of one module ('core' or 'full') of one build (kind 'wasm-gc' or 'js'), optimized
 * or the debug variant (`debug`: the option's value). Each is loaded once per page or process and
 * shared by its databases.
 */
async function loadBackend(kind, debug, part) {
  const id = `${kind}-${part}${debug ? '-debug' : ''}`;
  if (!loaded.has(id)) {
    const loading = (async () => {
      const p = await platform();
      await p.beforeLoad();
      const base = debug ? debugBase(debug, p) : null;
      if (kind === 'wasm-gc') {
        const [runtime, bytes] = await Promise.all([
          base === null ? WASM_RUNTIME() : importUrl(new URL('nervusdb.wasm-runtime.mjs', base)),
          p.readFile(base === null ? WASM_MODULES[part]() : new URL(`nervusdb-${part}.wasm`, base)),
        ]);
        // Bytes rather than a path: the loader takes any global `process` (as some bundlers add
        // to pages) to mean Node and would then reach for the file system in a browser.
        return (await runtime.load(bytes, { nodejs: p.name === 'node' })).exports;
      }
      return base === null ? JS_BUILDS[part]() : importUrl(new URL(`nervusdb-${part}.mjs`, base));
    })();
    loaded.set(id, loading);
    loading.catch(() => loaded.delete(id)); // a failed load may be retried
  }
  return loaded.get(id);
}

/** The modules loaded in this page or process so far, as 'kind-part' ('wasm-gc-core', 'js-full', ...; '-debug' for the debug builds). */
export function loadedModules() {
  return [...loaded.keys()];
}

/** A module's exports, or a NervusDBError saying which could not be loaded. */
async function loadModule(kind, debug, part) {
  try {
    return await loadBackend(kind, debug, part);
  } catch (e) {
    throw new NervusDBError('ENGINE', `cannot load the ${kind} build's ${part} module${debug ? ' (debug)' : ''}: ${e.message}`,
      { cause: e });
  }
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

/**
 * The stored term (an RDF literal in the JVM library's spelling) of a JavaScript value: a
 * bigint or an integer number within 2^53 is an xsd:integer, another number an xsd:double,
 * a boolean an xsd:boolean, a Date an xsd:dateTime at UTC, `{ value, language }` a
 * language-tagged string, `{ value, datatype }` a literal of that datatype, a string (or
 * `{ value }`) a plain string literal. As the JVM's NervusDB.literal(Object); INVALID_TERM for
 * anything else.
 */
export function literal(value) {
  return literalOf(value, termError);
}

/** An object: a stored term (a string) as it is, or the literal of a value (a number, a Date...). */
function objectTerm(value) {
  if (typeof value === 'string' || !isLiteralValue(value)) {
    return term(value, 'object');
  }
  return literalOf(value, termError);
}

function triple(t, i) {
  if (t === null || typeof t !== 'object') {
    throw new NervusDBError('INVALID_TERM', `triple ${i ?? ''} must be an object {subject, predicate, object}`.replace('  ', ' '));
  }
  return [term(t.subject, 'subject'), term(t.predicate, 'predicate'), objectTerm(t.object)];
}

/** A graph's name: a term that is not a literal. */
function graphName(g) {
  if (term(g, 'graph').startsWith('"')) {
    termError(`a literal cannot name a graph: ${g.length > 64 ? `${g.slice(0, 64)}...` : g}`);
  }
  return g;
}

/** The named graph a write of `t` goes to, or null for the default graph (no graph, null, or DEFAULT_GRAPH). */
function writeGraph(t) {
  const g = t.graph;
  return g === undefined || g === null || g === DEFAULT_GRAPH ? null : graphName(g);
}

/**
 * The graph of a read pattern: undefined when none is given (the default graph, read as
 * triples), null (ANY_GRAPH) for every graph, else DEFAULT_GRAPH or a named graph.
 */
function readGraph(criteria) {
  const g = criteria.graph;
  return g === undefined || g === null || g === DEFAULT_GRAPH ? g : graphName(g);
}

/** A fact of the original API: a triple of the default graph, where properties and labels live. */
function defaultGraphFact(t) {
  const terms = triple(t);
  if (writeGraph(t) !== null) {
    throw new NervusDBError('UNSUPPORTED', 'facts with properties are triples of the default graph; '
      + 'add quads of named graphs with add() or addBatch()');
  }
  return terms;
}

const PATTERN_KEYS = new Set(['subject', 'predicate', 'object', 'graph']);

/**
 * A pattern of exact terms `{subject, predicate, object, graph}` (each optional) as [s, p, o,
 * g]: null for an absent term, the graph as readGraph gives it.
 */
function pattern(criteria, what) {
  if (criteria === null || typeof criteria !== 'object') {
    throw new NervusDBError('INVALID_ARGUMENT', `${what} takes an object such as {subject: 'alice'}, got ${criteria}`);
  }
  for (const key of Object.keys(criteria)) {
    if (!PATTERN_KEYS.has(key)) {
      throw new NervusDBError('INVALID_ARGUMENT', `${what} criteria are subject, predicate, object and graph, got ${key}`);
    }
  }
  const at = (key) => {
    const v = criteria[key];
    if (v === undefined) {
      return null;
    }
    if (v !== null && typeof v === 'object' && !isLiteralValue(v)) {
      throw new NervusDBError('INVALID_ARGUMENT', `${what} matches terms, not conditions such as ${JSON.stringify(v)}: `
        + 'use query() for conditions');
    }
    return key === 'object' ? objectTerm(v) : term(v, key);
  };
  return [at('subject'), at('predicate'), at('object'), readGraph(criteria)];
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
    const p = await platform();
    if (p.openDirectory !== null) {
      return { settle: noSettle, ...p.openDirectory(path, LockedError, options.readOnly === true) };
    }
    if (options.readOnly === true) {
      throw new NervusDBError('UNSUPPORTED', `${path}: read-only opens beside a writer need Node (in the Origin Private `
        + `File System a file has one user at a time)`);
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

/** The references of a triple of three distinct terms; never written to (the core copies it). */
const REFS_012 = Int32Array.of(0, 1, 2);

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

const PROPERTY_OPS = { '=': 'eq', '>': 'gt', '>=': 'ge', '<': 'lt', '<=': 'le' };

function propertyError(message) {
  throw new NervusDBError('INVALID_PROPERTY', message);
}

function termError(message) {
  throw new NervusDBError('INVALID_TERM', message);
}

/** The name (a string) of a property or label. */
function name(value, what) {
  if (typeof value !== 'string') {
    throw new NervusDBError('INVALID_PROPERTY', `${what} must be a string, got ${value === null ? 'null' : typeof value}`);
  }
  return value;
}

function labelList(labels) {
  const list = typeof labels === 'string' ? [labels] : labels;
  if (!Array.isArray(list)) {
    throw new NervusDBError('INVALID_ARGUMENT', `labels are a string or an array of strings, got ${typeof labels}`);
  }
  return list.map((l) => name(l, 'a label'));
}

function mode(m) {
  if (m !== 'AND' && m !== 'OR') {
    throw new NervusDBError('INVALID_ARGUMENT', `mode must be 'AND' or 'OR', got ${m}`);
  }
  return m === 'AND';
}

const ENDS = { subject: 's', object: 'o', both: '' };

function ends(on, what) {
  const e = ENDS[on];
  if (e === undefined) {
    throw new NervusDBError('INVALID_ARGUMENT', `${what} must be 'subject', 'object' or 'both', got ${on}`);
  }
  return e;
}

/**
 * A property condition as the core's tokens: [eq, low, lowInclusive, high, highInclusive], the
 * bounds encoded (one char per byte; '' for none). From an operator and value (whereProperty)
 * or from a filter {propertyName, value} / {propertyName, range: {min, max, includeMin,
 * includeMax}} (findByNodeProperty and the others).
 */
/** A bound or value in the stored encoding, one char per byte; '' for undefined (no bound). */
function bound(v, what) {
  return v === undefined ? '' : toLatin1(encodeValue(v, what, propertyError));
}

function condition(op, value) {
  const b = () => bound(value, 'a condition value');
  switch (PROPERTY_OPS[op]) {
    case 'eq':
      return ['1', b(), '1', '', '0'];
    case 'gt':
      return ['0', b(), '0', '', '0'];
    case 'ge':
      return ['0', b(), '1', '', '0'];
    case 'lt':
      return ['0', '', '0', b(), '0'];
    case 'le':
      return ['0', '', '0', b(), '1'];
    default:
      throw new NervusDBError('INVALID_ARGUMENT', `property operators are =, >, >=, < and <=; got ${op}`);
  }
}

function filterCondition(filter) {
  if (filter === null || typeof filter !== 'object') {
    throw new NervusDBError('INVALID_ARGUMENT', 'a property filter is an object {propertyName, value} or {propertyName, range}');
  }
  const prop = name(filter.propertyName, 'propertyName');
  if (filter.value !== undefined) {
    return [prop, condition('=', filter.value)];
  }
  const r = filter.range;
  if (r === null || typeof r !== 'object' || (r.min === undefined && r.max === undefined)) {
    throw new NervusDBError('INVALID_ARGUMENT', 'a property filter needs a value, or a range with min or max');
  }
  return [prop, ['0', bound(r.min, 'a range bound'), r.includeMin === false ? '0' : '1', bound(r.max, 'a range bound'),
    r.includeMax === false ? '0' : '1']];
}

/** The core's tokens of a property filter: on the subject or object, or on the fact (`edge`). */
function propertyTokens(edge, prop, c) {
  return ['v', edge ? '1' : '0', prop, '', ...c];
}

/** A property map in the stored encoding; null (remove) as no bytes. */
function encodedMap(props, what) {
  return props === null ? new Uint8Array(0) : encodeMap(props, what, propertyError);
}

/** An edge as the key of a batch's pending edge properties. */
function edgeKey(s, p, o) {
  return `${s}\u0000${p}\u0000${o}`;
}

function anchorOf(anchor) {
  if (anchor !== 'subject' && anchor !== 'object' && anchor !== 'both') {
    throw new NervusDBError('INVALID_ARGUMENT', `anchor must be 'subject', 'object' or 'both', got ${anchor}`);
  }
  return anchor;
}

const FORMATS = new Set(['json', 'xml', 'csv', 'tsv', 'nt', 'nq', 'ttl']);

/** The options of sparql() and update() as the full module takes them: [timeout, flags, format]. */
function sparqlOptions(what, text, options) {
  if (typeof text !== 'string') {
    throw new NervusDBError('INVALID_ARGUMENT', `${what} takes the SPARQL text as a string`);
  }
  if (options === null || typeof options !== 'object') {
    throw new NervusDBError('INVALID_ARGUMENT', `${what} options are an object, got ${options}`);
  }
  const { timeout = 0, unionDefaultGraph = false, format } = options;
  if (!Number.isFinite(timeout) || timeout < 0) {
    throw new NervusDBError('INVALID_ARGUMENT', `timeout must be a non-negative number, got ${timeout}`);
  }
  if (typeof unionDefaultGraph !== 'boolean') {
    throw new NervusDBError('INVALID_ARGUMENT', `unionDefaultGraph must be true or false, got ${unionDefaultGraph}`);
  }
  if (format !== undefined && !FORMATS.has(format)) {
    throw new NervusDBError('INVALID_ARGUMENT', `format must be one of ${[...FORMATS].join(', ')}; got ${format}`);
  }
  return [timeout, unionDefaultGraph ? 'u' : '', format ?? ''];
}

/**
 * The result of the full module's sparql: ['u', n] an update's count; ['t', text] a document;
 * ['a', 'true' | 'false']; ['s' or 'g', n, rows, var1..varn, then n cells per row (null:
 * unbound)], 'g' for the triples of CONSTRUCT and DESCRIBE.
 */
function sparqlResult(flat) {
  switch (flat[0]) {
    case 'u':
      return Number(flat[1]);
    case 't':
      return flat[1];
    case 'a':
      return flat[1] === 'true';
    default:
      break;
  }
  // ['s' or 'g', n, var1 .. varn, the rows' cells .., the number of rows]
  const n = Number(flat[1]);
  const count = Number(flat[flat.length - 1]);
  if (flat[0] === 'g') {
    return toTriples(flat.slice(5, flat.length - 1), count);
  }
  const variables = flat.slice(2, 2 + n);
  const rows = new Array(count);
  for (let r = 0, at = 2 + n; r < count; r++, at += n) {
    const row = {};
    for (let i = 0; i < n; i++) {
      const t = flat[at + i];
      if (t != null) {
        row[variables[i]] = t;
      }
    }
    rows[r] = row;
  }
  return { variables, rows };
}

/**
 * The pattern of a builder query that is one triple pattern with equality conditions, an
 * anchor, a time limit and paging at most: [s, p, o, offset, limit] (null for any term;
 * s undefined when two conditions on one position differ: nothing matches); else null.
 */
function singlePattern(tokens) {
  const terms = [null, null, null];
  let offset = 0;
  let limit = Infinity;
  for (let i = 0; i < tokens.length;) {
    const t = tokens[i];
    if (t === 'c' && tokens[i + 2] === 'eq' && tokens[i + 4] === '') {
      const at = 'spo'.indexOf(tokens[i + 1]);
      if (terms[at] !== null && terms[at] !== tokens[i + 3]) {
        return [undefined];
      }
      terms[at] = tokens[i + 3];
      i += 5;
    } else if (t === 'a' || t === 't') {
      i += 2;
    } else if ((t === 'l' || t === 's') && i + 1 < tokens.length) {
      if (t === 'l') {
        limit = Number(tokens[i + 1]); // the last limit and offset hold, as in the core's builder
      } else {
        offset = Number(tokens[i + 1]);
      }
      i += 2;
    } else {
      return null;
    }
  }
  return [...terms, offset, limit];
}

/**
 * Builds a query: a pattern, traversal steps, conditions and filters on the latest step, order
 * and paging. `execute()` (or `all()`) returns the facts of the last step; `nodes()`,
 * `values(position)`, `count()` and `countBy(position)` the rest. It runs on the core's query
 * builder when a terminal call is made, each time against the current data.
 */
export class QueryBuilder {
  #db;
  // Tokens of the chain (see queryRun in the core), and functions resolving to tokens where
  // an index must be read first (findByLabel and the others).
  #spec = [];
  // Order, paging, distinct and time limit: they apply to the whole result.
  #global = [];
  // Where the chain started with anchor 'both': its first stage's tokens; run as a union of
  // the chain from the subjects and the chain from the objects.
  #both = null;
  // Whether a traversal step or a union has been added (anchor 'both' must come before).
  #stepped = false;
  #properties = false;

  constructor(db) {
    this.#db = db;
  }

  /**
   * A condition on a position of the latest step: a term (equality), or an object with one or
   * more of eq, ne, prefix, regex (with flags), gt, gte, lt, lte.
   */
  where(pos, condition) {
    const at = position(pos);
    if (typeof condition === 'string' || isLiteralValue(condition)) {
      this.#spec.push('c', at, 'eq', typeof condition === 'string' ? condition : literalOf(condition, termError), '');
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
        const t = (op === 'eq' || op === 'ne') && isLiteralValue(value) ? literalOf(value, termError) : term(value, key);
        const flags = condition.flags ?? '';
        this.#spec.push('c', at, op, t, op === 'regex' ? String(flags) : '');
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
    if ((typeof value !== 'object' || value === null) && !isLiteralValue(value)) {
      term(value, pos);
    }
    return this.where(pos, value);
  }

  /** The latest step's position is one of the terms. */
  whereIn(pos, terms) {
    const at = position(pos);
    if (!Array.isArray(terms)) {
      throw new NervusDBError('INVALID_ARGUMENT', 'whereIn takes an array of terms');
    }
    this.#spec.push('i', at, String(terms.length), ...terms.map((t) => term(t, 'a term')));
    return this;
  }

  /**
   * Keeps facts where a node has the labels: all of them (mode 'AND', the default) or any
   * ('OR'); the node is the subject, the object, or either ('both', the default).
   */
  whereLabel(labels, { mode: m = 'AND', on = 'both' } = {}) {
    const list = labelList(labels);
    this.#spec.push('b', mode(m) ? '1' : '0', ends(on, 'on'), String(list.length), ...list);
    return this;
  }

  /**
   * Keeps facts where the property `name` satisfies `op` ('=', '>', '>=', '<', '<=') and
   * `value`: of the subject or the object (target 'node', the default), or of the fact itself
   * (target 'edge'). Values compare by kind: numbers with numbers, strings with strings.
   */
  whereProperty(propertyName, op, value, target = 'node') {
    const n = name(propertyName, 'property name');
    const c = condition(op, value);
    if (target !== 'node' && target !== 'edge') {
      throw new NervusDBError('INVALID_ARGUMENT', `target must be 'node' or 'edge', got ${target}`);
    }
    this.#spec.push(...propertyTokens(target === 'edge', n, c));
    return this;
  }

  /** whereProperty with a filter {propertyName, value} or {propertyName, range}, on subject or object. */
  whereNodeProperty(filter) {
    this.#spec.push(...propertyTokens(false, ...filterCondition(filter)));
    return this;
  }

  /** whereProperty with a filter, on the fact's own properties. */
  whereEdgeProperty(filter) {
    this.#spec.push(...propertyTokens(true, ...filterCondition(filter)));
    return this;
  }

  /**
   * Which end of the latest step's facts the next step starts from: 'subject', 'object' or
   * 'both' (both only right after find() or a findBy call).
   */
  anchor(end) {
    const a = anchorOf(end);
    if (a === 'both') {
      if (this.#both !== null || this.#stepped) {
        throw new NervusDBError('INVALID_ARGUMENT', "anchor 'both' is for the first step, right after find()");
      }
      this.#both = this.#spec;
      this.#spec = [];
    } else {
      this.#spec.push('a', a === 'subject' ? 's' : 'o');
    }
    return this;
  }

  /** Along predicate p from the nodes reached so far. */
  follow(p) {
    this.#spec.push('f', term(p, 'predicate'));
    this.#stepped = true;
    return this;
  }

  /** Against predicate p, to the nodes reached so far. */
  followReverse(p) {
    this.#spec.push('r', term(p, 'predicate'));
    this.#stepped = true;
    return this;
  }

  /** Along p for min to max hops (max -1 or Infinity: unbounded); each node once. */
  followPath(p, { min = 1, max = -1 } = {}) {
    const hi = max === Infinity ? -1 : max;
    if (!Number.isInteger(min) || !Number.isInteger(hi) || min < 0 || (hi >= 0 && hi < min) || hi > 2 ** 31 - 1) {
      throw new NervusDBError('INVALID_ARGUMENT', `hops must satisfy 0 <= min <= max, got ${min}..${max}`);
    }
    this.#spec.push('p', term(p, 'predicate'), String(min), String(hi));
    this.#stepped = true;
    return this;
  }

  /**
   * The facts so far, then those of `other` (a query of the same database, with its own paging)
   * that are not among them. Later steps start from this query's end.
   */
  union(other) {
    if (!(other instanceof QueryBuilder) || other.#db !== this.#db) {
      throw new NervusDBError('INVALID_ARGUMENT', 'union takes a query of the same database');
    }
    const inner = other.#tokens(true);
    this.#spec.push(async () => {
      const t = await inner();
      return ['u', String(t.length), ...t];
    });
    this.#stepped = true;
    return this;
  }

  /** Orders by a position of the last step's fact; 'desc' for descending. */
  orderBy(pos, direction = 'asc') {
    if (direction !== 'asc' && direction !== 'desc') {
      throw new NervusDBError('INVALID_ARGUMENT', `direction must be 'asc' or 'desc', got ${direction}`);
    }
    this.#global.push('o', position(pos), direction === 'desc' ? 'd' : 'a');
    return this;
  }

  offset(n) {
    this.#global.push('s', String(count(n, 'offset')));
    return this;
  }

  /** The original NervusDB's name for offset(n). */
  skip(n) {
    return this.offset(n);
  }

  limit(n) {
    this.#global.push('l', String(count(n, 'limit')));
    return this;
  }

  /** The original NervusDB's other name for limit(n). */
  take(n) {
    return this.limit(n);
  }

  /** Stops the query with QUERY_TIMEOUT after ms milliseconds (0: no limit). */
  timeout(ms) {
    this.#global.push('t', String(count(ms, 'timeout')));
    return this;
  }

  /** values() gives each value once. */
  distinct() {
    this.#global.push('d');
    return this;
  }

  /**
   * Facts from execute() and the others carry subjectProperties, objectProperties and
   * edgeProperties (each undefined where there are none), as the original NervusDB's records do.
   */
  withProperties() {
    this.#properties = true;
    return this;
  }

  /** @internal Tokens that an async function gives when the query runs. */
  _defer(tokens) {
    this.#spec.push(tokens);
    return this;
  }

  /** A function resolving to this query's tokens as they are now (with paging when `global`). */
  #tokens(global) {
    const spec = this.#spec.slice();
    const both = this.#both === null ? null : this.#both.slice();
    const tail = global ? this.#global.slice() : [];
    const resolve = async (parts) => {
      const out = [];
      for (const t of parts) {
        if (typeof t === 'function') {
          out.push(...await t());
        } else {
          out.push(t);
        }
      }
      return out;
    };
    return async () => {
      const rest = await resolve(spec);
      if (both === null) {
        return [...rest, ...tail];
      }
      const first = await resolve(both);
      const fromObjects = [...first, 'a', 'o', ...rest];
      return [...first, 'a', 's', ...rest, 'u', String(fromObjects.length), ...fromObjects, ...tail];
    };
  }

  /** The tokens, when no part of them is deferred (and no union): at once, with no await. */
  #plainTokens() {
    this.#db._checkOpen();
    if (this.#both !== null || this.#spec.some((t) => typeof t === 'function')) {
      return null;
    }
    return this.#global.length === 0 ? this.#spec : [...this.#spec, ...this.#global];
  }

  async #run(mode, arg = '') {
    const tokens = this.#plainTokens() ?? await this.#tokens(true)();
    return this.#db._invoke('queryRun', tokens, mode, arg);
  }

  /** One pattern with equality conditions (and paging): read from the index, as find() does. */
  #quads([s, p, o, offset, limit]) {
    return limit === 0 || s === undefined ? [] : this.#db._invoke('quads', s, p, o, DEFAULT_GRAPH, offset, limit);
  }

  execute() {
    let tokens;
    try {
      tokens = this.#plainTokens();
    } catch (e) {
      return Promise.reject(e);
    }
    return tokens === null ? this.#tokens(true)().then((t) => this.#execute(t)) : this.#execute(tokens);
  }

  /** The facts of the query with `tokens`: of one pattern straight from the quads, with one await. */
  #execute(tokens) {
    const single = singlePattern(tokens);
    return single === null ? this.#chainFacts(tokens) : this.#facts(this.#quads(single));
  }

  async #facts(pending) {
    const quads = await pending;
    const facts = new Array(quads.length / 4);
    for (let i = 0, j = 0; j < facts.length; i += 4, j++) {
      facts[j] = { subject: quads[i], predicate: quads[i + 1], object: quads[i + 2] };
    }
    return this.#properties ? this.#db._withProperties(facts) : facts;
  }

  async #chainFacts(tokens) {
    const facts = toTriples(await this.#db._invoke('queryRun', tokens, 'facts', ''), Infinity);
    return this.#properties ? this.#db._withProperties(facts) : facts;
  }

  /** The original NervusDB's name for execute(). */
  async all() {
    return this.execute();
  }

  /** The original NervusDB's other names for execute(). */
  async toArray() {
    return this.execute();
  }

  async collect() {
    return this.execute();
  }

  /** The results in arrays of up to n facts, read when iteration begins. */
  async *batch(n) {
    if (!Number.isSafeInteger(n) || n <= 0) {
      throw new NervusDBError('INVALID_ARGUMENT', `batch size must be a positive integer, got ${n}`);
    }
    const all = await this.execute();
    for (let i = 0; i < all.length; i += n) {
      yield all.slice(i, i + n);
    }
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

  /** The results, read when iteration begins (so later writes, or a move to the full module, do not change them). */
  async *[Symbol.asyncIterator]() {
    yield* await this.execute();
  }
}

/**
 * The quads of one graph, of every graph, or of the default graph, matching a pattern of exact
 * terms: what `find({..., graph})` gives. Results are `{subject, predicate, object, graph}`,
 * with `graph` DEFAULT_GRAPH for the default graph's triples; `offset` (`skip`) and `limit`
 * (`take`) page them. They are read when a terminal call is made, each time against the
 * current data (or the pinned state inside snapshot(fn)).
 */
export class QuadQuery {
  #db;
  #pattern;
  #offset = 0;
  #limit = Infinity;

  /** @internal */
  constructor(db, terms) {
    this.#db = db;
    this.#pattern = terms;
  }

  offset(n) {
    this.#offset = count(n, 'offset');
    return this;
  }

  skip(n) {
    return this.offset(n);
  }

  limit(n) {
    this.#limit = count(n, 'limit');
    return this;
  }

  take(n) {
    return this.limit(n);
  }

  async execute() {
    this.#db._checkOpen();
    if (this.#limit === 0) {
      return [];
    }
    const flat = await this.#db._invoke('quads', ...this.#pattern, this.#offset, this.#limit);
    const out = new Array(flat.length / 4);
    for (let i = 0; i < out.length; i++) {
      out[i] = { subject: flat[4 * i], predicate: flat[4 * i + 1], object: flat[4 * i + 2], graph: flat[4 * i + 3] ?? DEFAULT_GRAPH };
    }
    return out;
  }

  async all() {
    return this.execute();
  }

  async toArray() {
    return this.execute();
  }

  async collect() {
    return this.execute();
  }

  /** The number of quads execute() would give. */
  async count() {
    this.#db._checkOpen();
    const all = Number((await this.#db._invoke('quads', ...this.#pattern, 0, -1))[0]);
    return Math.max(0, Math.min(all - this.#offset, this.#limit));
  }

  /** The results in arrays of up to n quads, read when iteration begins. */
  async *batch(n) {
    if (!Number.isSafeInteger(n) || n <= 0) {
      throw new NervusDBError('INVALID_ARGUMENT', `batch size must be a positive integer, got ${n}`);
    }
    const all = await this.execute();
    for (let i = 0; i < all.length; i += n) {
      yield all.slice(i, i + n);
    }
  }

  async *[Symbol.asyncIterator]() {
    yield* await this.execute();
  }
}

// Calls that may change files; in OPFS their directory changes are carried out before the
// call's promise resolves.
const WRITES = new Set(['addBatchUtf8', 'commit', 'update', 'flush', 'compact', 'close']);
// Calls that change the data, which a pinned snapshot must not see: 'update' is a SPARQL
// request that may write (an update request, or text not plainly a query).
const DATA_WRITES = new Set(['addBatchUtf8', 'commit', 'update']);
// Calls only the full module answers, with the function of the module (taking the store) each
// runs: 'sparql' for queries, 'update' for requests that may write.
const FULL_CALLS = new Map([['sparql', 'sparql'], ['update', 'sparql'], ['explain', 'explain'], ['refresh', 'refresh']]);
// Reads the core module answers, which a store in this thread runs at once.
const NOW = Object.assign(Object.create(null), { quads: 1, queryRun: 1, read: 1, where: 1 });
// Calls whose result is a list as one byte array (results.mjs), decoded as the call returns.
const ENCODED = new Set(['quads', 'queryRun', 'sparql', 'update', 'read', 'where']);

/**
 * The core in this thread: a store (`core`, its handle: a number) opened by one module (`mod`,
 * part 'core' or 'full'; its functions take the handle), in memory or on a directory host,
 * with what it takes to open it again in the other.
 */
class LocalEngine {
  constructor(mod, part, core, where) {
    this.mod = mod;
    this.part = part;
    this.core = core;
    // { path, memtable, cache, and for a directory: host, syncOnCommit, settle, release }
    this.where = where;
    this.settle = where.settle ?? noSettle;
    this.release = where.release ?? (() => {});
    this.cache = null; // the mirror of this store's term cache (results.mjs), made on first use
  }

  /** A call's result, decoded at once when it is a list as bytes: the term cache must see results in call order. */
  #result(method, r) {
    if (!ENCODED.has(method)) {
      return r;
    }
    if (this.cache === null) {
      this.cache = termCache();
    }
    return decodeList(r, this.cache);
  }

  /**
   * Opens a store with module `mod`: new, or in memory on the files of `from` ({ mod, core }: a
   * store of that module closed keeping them).
   */
  static open(mod, part, where, from = null) {
    const { memtable, cache } = where;
    if (where.host === undefined) {
      const kept = from === null ? null : { names: () => decodeList(from.mod.JsNervusDB.memoryFiles(from.core), []),
        read: (name) => from.mod.JsNervusDB.memoryFile(from.core, name) };
      const core = kept === null ? call(() => mod.openInMemorySized(memtable, cache))
        : call(() => mod.openInMemoryFrom(kept, memtable, cache));
      return new LocalEngine(mod, part, core, where);
    }
    if (where.readOnly) {
      return new LocalEngine(mod, part, call(() => mod.openDirectoryReadOnly(where.host, memtable, cache)), where);
    }
    return new LocalEngine(mod, part, call(() => mod.openDirectory(where.host, where.syncOnCommit, memtable, cache)), where);
  }

  /** A read of the core module, answered at once (the value, or a thrown error). */
  invokeNow(method, args) {
    return this.#result(method, call(() => this.mod.JsNervusDB[method](this.core, ...args)));
  }

  async invoke(method, args) {
    const full = FULL_CALLS.get(method);
    const run = full !== undefined ? () => this.mod[full](this.core, ...args) : () => this.mod.JsNervusDB[method](this.core, ...args);
    if (!WRITES.has(method)) {
      return this.#result(method, call(run));
    }
    try {
      return this.#result(method, call(run));
    } finally {
      try {
        await this.settle();
      } catch (e) {
        throw storageError(this.where.path, e);
      }
    }
  }

  /**
   * The same database in module `mod`: this store is closed (what it holds written out; in
   * memory, its files kept) and opened again by `mod`, on the same host or from the kept
   * files. If that fails the store is opened again here, and the error thrown.
   */
  async reopenIn(mod, part) {
    const old = this.core;
    let fresh = null;
    try {
      await this.#settled(() => this.mod.JsNervusDB.closeKeepingFiles(old));
      fresh = LocalEngine.open(mod, part, this.where, { mod: this.mod, core: old });
      await this.#settled(() => {});
      return fresh;
    } catch (e) {
      if (fresh !== null) {
        try {
          fresh.mod.JsNervusDB.close(fresh.core);
        } catch {
          // The move already failed; its error is the one to report.
        }
      }
      try {
        this.core = LocalEngine.open(this.mod, this.part, this.where, { mod: this.mod, core: old }).core;
        this.cache = null; // a new store: its term cache starts empty
        await this.#settled(() => {});
      } catch {
        this.core = null; // the caller closes the database
      }
      throw e;
    } finally {
      this.mod.JsNervusDB.close(old); // drops the kept files: the store is open again, there or here, or lost
    }
  }

  /** Runs `fn` and carries out its directory changes (OPFS). */
  async #settled(fn) {
    try {
      call(fn);
    } finally {
      try {
        await this.settle();
      } catch (e) {
        throw storageError(this.where.path, e);
      }
    }
  }

  async close() {
    try {
      if (this.core !== null) {
        await this.invoke('close', []);
      }
    } finally {
      this.release();
    }
  }
}

/**
 * Why the database worker did not start: its script's URL (where an unbundled package has it)
 * with the HTTP status the server gives for it, or, if the script is there, that it failed.
 */
async function workerLoadError() {
  const url = import.meta.url.replace(/[^/]*$/, 'worker.mjs');
  const hint = ' (a bundler must emit the worker that `new Worker(new URL(\'./worker.mjs\', import.meta.url))` names: '
    + 'Vite and webpack do; for esbuild and Rollup use the plugins nervusdb/esbuild and nervusdb/rollup: see the README)';
  if (!/^https?:/.test(url)) {
    return `the database worker could not be loaded${hint}`;
  }
  try {
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok) {
      return `the database worker could not be loaded: ${url}: HTTP ${response.status}${hint}`;
    }
  } catch (e) {
    return `the database worker could not be loaded: ${url}: ${e.message}${hint}`;
  }
  return `the database worker ${url} failed to start: its script, or a module it imports, could not be loaded or `
    + 'threw (the browser\'s console has the details)';
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
  // The module the worker's database runs on, as its last answer said: it moves to the full
  // module there, on its first sparql() or explain().
  part = null;

  constructor() {
    // This exact form, a literal URL relative to import.meta.url, is what Vite and webpack
    // recognize and bundle as a worker of its own.
    this.#worker = new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module', name: 'nervusdb' });
    this.#worker.onmessage = ({ data }) => {
      const waiter = this.#pending.get(data.id);
      this.#pending.delete(data.id);
      if (data.module) {
        this.part = data.module;
      }
      if (data.error) {
        waiter.reject(new NervusDBError(data.error.code, data.error.message));
      } else {
        waiter.resolve(data.result);
      }
    };
    this.#worker.onerror = (event) => {
      event.preventDefault();
      if (event.message) {
        this.#fail(`the database worker failed: ${event.message}`);
      } else {
        // A worker whose script could not be fetched or evaluated gets an error without a message.
        workerLoadError().then((message) => this.#fail(message));
      }
    };
    this.#worker.onmessageerror = () => this.#fail('the database worker sent a message that could not be read');
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
 * creates more files than that keeps the rest in memory until it returns; `module` ('core',
 * the default, or 'full': load the module with SPARQL at once).
 * `db.backend` says which build runs it ('wasm-gc' or 'js') and `db.backendReason` why;
 * `db.module` which of its modules: 'core' until the first sparql() or explain(), then 'full'.
 */
export class NervusDB {
  #engine = null;
  #closed = false;
  #part = null;
  // Calls started on the engine and not settled; a move to the full module waits for them.
  #inflight = 0;
  #onIdle = null;
  // While the database moves to the full module: resolves, when the move is over, to its
  // error or null; every call made meanwhile waits for it, and they go on in call order.
  #switching = null;
  // pin() calls not yet undone, data writes made (counted as called), and that count at the
  // outermost pin: a pinned state can be carried to the full module only if nothing was
  // written since.
  #pins = 0;
  #writes = 0;
  #pinnedAt = 0;

  constructor(path = ':memory:', options = {}) {
    this.path = path;
    this.options = { useWasm: true, syncOnCommit: true, ...options };
    this.backend = null;
    this.backendReason = null;
  }

  /** Which module runs the database: 'core', 'full', or null before open(). */
  get module() {
    return this.#engine !== null ? this.#engine.part : this.#part;
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
    const readOnly = this.options.readOnly === true;
    if (readOnly && this.path === ':memory:') {
      throw new NervusDBError('INVALID_ARGUMENT', 'readOnly is for databases on disk, opened beside their writer');
    }
    // Read-only opens live in the full module only: the storage core stays small.
    const part = readOnly ? 'full' : this.options.module ?? 'core';
    if (part !== 'core' && part !== 'full') {
      throw new NervusDBError('INVALID_ARGUMENT', `module must be 'core' or 'full', got ${part}`);
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
    if (this.path !== ':memory:' && !inNode && !hasSyncOpfs && typeof globalThis.Worker === 'function'
        && typeof globalThis.navigator?.storage?.getDirectory === 'function') {
      const engine = new WorkerEngine();
      try {
        const info = await engine.invoke('open', [this.path, { ...this.options, debug: this.#debug(), useWasm: kind === 'wasm-gc' }]);
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
      mod = await loadModule(kind, this.#debug(), part);
    } catch (e) {
      if (kind !== 'wasm-gc' || this.#debug()) {
        throw e;
      }
      // The WebAssembly GC build's files could not be loaded (a bundler that leaves
      // `new URL(..., import.meta.url)` alone emits none): the JavaScript build, saying why.
      mod = await loadModule('js', false, part);
      kind = 'js';
      this.backendReason = `the WebAssembly GC build could not be loaded (${e.message}); using the JavaScript build`;
    }
    const where = { path: this.path, memtable, cache, readOnly };
    if (this.path === ':memory:') {
      this.#engine = LocalEngine.open(mod, part, where);
    } else {
      const { host, settle, release } = await openStorage(this.path, this.options);
      Object.assign(where, { host, settle, release, syncOnCommit: this.options.syncOnCommit !== false });
      let engine = null;
      try {
        engine = LocalEngine.open(mod, part, where);
        await settle();
      } catch (e) {
        try {
          engine?.mod.JsNervusDB.close(engine.core);
        } catch {
          // The open already failed; its error is the one to report.
        }
        release();
        throw e instanceof NervusDBError ? e : storageError(this.path, e);
      }
      this.#engine = engine;
    }
    this.backend = kind;
    return this;
  }

  /** The `debug` option as the loader takes it: false, true, or the URL of the debug builds as a string. */
  #debug() {
    const d = this.options.debug;
    return d === true || typeof d === 'string' || d instanceof URL ? (d === true ? true : String(d)) : false;
  }

  /** @internal */
  _checkOpen() {
    if (this.#engine === null || this.#closed) {
      throw new NervusDBError(this.#closed ? 'CLOSED' : 'NOT_OPEN', this.#closed ? 'database is closed' : 'call open() first');
    }
  }

  /**
   * @internal Calls a method of the core, here or in the database's worker. The full module's
   * calls (sparql, update, explain) move the database to the full module first if it is not there; calls made while it moves
   * (the one that asked for the move first) wait for the move and then run, in call order.
   */
  _invoke(method, ...args) {
    this._checkOpen();
    if (FULL_CALLS.has(method) && this.#switching === null && this.#engine instanceof LocalEngine
        && this.#engine.part === 'core') {
      let done;
      this.#switching = new Promise((resolve) => {
        done = resolve;
      });
      this.#moveToFull().then(() => null, (e) => e).then((failure) => {
        this.#switching = null;
        done(failure);
      });
    }
    if (this.#switching !== null) {
      return this.#afterSwitch(method, args);
    }
    return this.#call(method, args);
  }

  async #afterSwitch(method, args) {
    const failure = await this.#switching;
    if (failure !== null && FULL_CALLS.has(method)) {
      throw failure; // the calls that waited for the full module share the failed move's error
    }
    return this._invoke(method, ...args);
  }

  /** Starts a call on the engine, counting it while it runs. */
  #call(method, args) {
    if (method in NOW && this.#engine instanceof LocalEngine) {
      // A read in this thread ends before the call returns: nothing to count while it runs.
      try {
        return Promise.resolve(this.#engine.invokeNow(method, args));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    const serial = DATA_WRITES.has(method) ? ++this.#writes : this.#writes;
    this.#inflight++;
    let done = this.#engine.invoke(method, args);
    if (method === 'pin') {
      done = done.then((r) => {
        if (this.#pins++ === 0) {
          this.#pinnedAt = serial;
        }
        return r;
      });
    } else if (method === 'unpin') {
      done = done.then((r) => {
        this.#pins = Math.max(0, this.#pins - 1);
        return r;
      });
    }
    return done.finally(() => {
      if (--this.#inflight === 0 && this.#onIdle !== null) {
        this.#onIdle();
      }
    });
  }

  /**
   * Moves the database to the full module (new calls wait meanwhile): loads it, waits for the
   * calls already started, closes the store in the core module and opens it again, on the
   * same files, in the full module, pinned again if a snapshot(fn) is running. A failure
   * leaves the database in the core module (or, if it cannot be opened again there either,
   * closed) and rejects the calls that waited for the full module.
   */
  async #moveToFull() {
    const engine = this.#engine;
    const mod = await loadModule(this.backend, this.#debug(), 'full');
    if (this.#engine !== engine || this.#closed) {
      return; // closed meanwhile: the calls that waited find out
    }
    if (this.#inflight > 0) {
      await new Promise((resolve) => {
        this.#onIdle = resolve;
      });
      this.#onIdle = null;
      if (this.#closed) {
        return;
      }
    }
    if (this.#pins > 0 && this.#writes !== this.#pinnedAt) {
      throw new NervusDBError('UNSUPPORTED', 'sparql() and explain() load the SPARQL module on their first call, and '
        + 'a snapshot(fn) that has written since it began cannot be carried over to it: call sparql() before the '
        + "snapshot, or open the database with { module: 'full' }");
    }
    let fresh;
    try {
      fresh = await engine.reopenIn(mod, 'full');
    } catch (e) {
      if (engine.core === null) {
        this.#lost(engine);
      }
      throw e;
    }
    try {
      for (let i = 0; i < this.#pins; i++) {
        await fresh.invoke('pin', []);
      }
    } catch (e) {
      await fresh.close().catch(() => {});
      this.#lost(engine);
      throw e;
    }
    this.#engine = fresh;
  }

  /** The database could not be opened again after a failed move: it ends closed. */
  #lost(engine) {
    this.#engine = null;
    this.#closed = true;
    this.#batches = [];
    this.#part = engine.part;
    engine.release();
  }

  /**
   * Adds a triple `{subject, predicate, object}` to the default graph, or with `graph` a quad
   * to that named graph (created by its first quad); resolves to whether it was new. The
   * object is a stored term (a string) or a value made into a literal (see literal()).
   */
  async add(t) {
    const [s, p, o] = triple(t);
    const g = writeGraph(t);
    if (g !== null) {
      return (await this.#commit([(w) => w.quad(ADD_QUAD, s, p, o, g)])) > 0;
    }
    // One triple goes as a batch of one: its terms cross as UTF-8 in one array.
    const bytes = s !== p && s !== o && p !== o ? encodeList([s, p, o]) : null;
    if (bytes !== null) {
      const n = await this._invoke('addBatchUtf8', bytes, 3, REFS_012);
      if (n >= 0) {
        return n > 0;
      }
    }
    return (await this.#batch('addBatch', [{ subject: s, predicate: p, object: o }])) > 0;
  }

  /** Adds all triples and quads in one commit (one call into the core). Returns how many were new. */
  async addBatch(triples) {
    return this.#batch('addBatch', triples);
  }

  /** Removes all triples and quads in one commit (one call into the core). Returns how many were present. */
  async deleteBatch(triples) {
    return this.#batch('deleteBatch', triples);
  }

  async #batch(method, triples) {
    if (!Array.isArray(triples)) {
      throw new NervusDBError('INVALID_ARGUMENT', `${method} takes an array of triples`);
    }
    const flat = new Array(triples.length * 3);
    let graphs = null; // the named graph of each write, when one has one (null: the default graph)
    triples.forEach((t, i) => {
      const [s, p, o] = triple(t, i);
      flat[3 * i] = s;
      flat[3 * i + 1] = p;
      flat[3 * i + 2] = o;
      const g = writeGraph(t);
      if (g !== null) {
        graphs ??= new Array(triples.length).fill(null);
        graphs[i] = g;
      }
    });
    if (flat.length === 0) {
      return 0;
    }
    if (method === 'addBatch' && graphs === null) {
      // Each distinct term crosses once; the triples cross as indexes into that list. A
      // prototype-less object finds the terms: with fresh strings, 2-2.5 times as fast as a Map.
      const index = Object.create(null);
      const terms = [];
      const refs = new Int32Array(flat.length);
      for (let i = 0; i < flat.length; i++) {
        let k = index[flat[i]];
        if (k === undefined) {
          k = index[flat[i]] = terms.push(flat[i]) - 1;
        }
        refs[i] = k;
      }
      const bytes = encodeList(terms);
      if (bytes !== null) {
        const n = await this._invoke('addBatchUtf8', bytes, terms.length, refs);
        if (n >= 0) {
          return n;
        }
      }
    }
    // Deletes, quads, and terms with U+0000 or lone surrogates (refused with INVALID_TERM): one transaction.
    return this.#commitTriples(method === 'addBatch' ? ADD : DELETE, flat, graphs);
  }

  /**
   * Adds or deletes (`kind`) the triples of a flat array in one commit, each in the default
   * graph or in the named graph `graphs[i]`; resolves to how many changed.
   */
  #commitTriples(kind, flat, graphs = null) {
    const ops = [];
    for (let i = 0; i < flat.length; i += 3) {
      const g = graphs === null ? null : graphs[i / 3];
      ops.push(g === null ? (w) => w.triple(kind, flat[i], flat[i + 1], flat[i + 2])
        : (w) => w.quad(kind === ADD ? ADD_QUAD : DELETE_QUAD, flat[i], flat[i + 1], flat[i + 2], g));
    }
    return this.#commit(ops);
  }

  /** Removes a triple of the default graph, or with `graph` a quad of that graph; resolves to whether it was there. */
  async delete(t) {
    return (await this.#commitTriples(DELETE, triple(t), [writeGraph(t)])) > 0;
  }

  /** The number of triples of the default graph matching a pattern (null: any term). */
  async #count(s, p, o) {
    return Number((await this._invoke('read', 'c', s, p, o))[0]);
  }

  /**
   * Whether the triple is in the default graph; with `graph`, whether the quad is in that
   * graph (DEFAULT_GRAPH: the default graph; ANY_GRAPH, null: in any graph).
   */
  async contains(t) {
    const [s, p, o] = triple(t);
    const g = readGraph(t);
    if (g === undefined) {
      return await this.#count(s, p, o) > 0;
    }
    return (await this._invoke('quads', s, p, o, g, 0, 1)).length > 0;
  }

  /**
   * The number of triples of the default graph; with criteria `{subject, predicate, object,
   * graph}` (exact terms, each optional) those matching, and with `graph` the quads of that
   * graph (DEFAULT_GRAPH: the default graph; ANY_GRAPH, null: every graph).
   */
  async count(criteria) {
    if (criteria === undefined) {
      return this.#count(null, null, null);
    }
    const [s, p, o, g] = pattern(criteria, 'count');
    if (g === undefined) {
      return this.#count(s, p, o);
    }
    return Number((await this._invoke('quads', s, p, o, g, 0, -1))[0]);
  }

  /** The names of the named graphs, in the order their names were first stored. A graph stays until dropped, even when empty. */
  async graphs() {
    return [...await this._invoke('quads', null, null, null, null, 0, 0)];
  }

  query() {
    return new QueryBuilder(this);
  }

  /**
   * The original NervusDB's entry point: a query of the facts matching `{subject, predicate,
   * object}` (each optional), to go on with follow(), where(), limit()... and all(). As in the
   * original, the next step starts from the subjects when a subject, or a predicate and an
   * object, are given, from both ends when subject and object are, else from the objects;
   * `{anchor}` ('subject', 'object' or 'both') chooses. Objects may be values (literal()).
   *
   * With `graph` (a graph's name, DEFAULT_GRAPH, or ANY_GRAPH, null, for every graph) it is a
   * QuadQuery of the quads matching exact terms, which carry their `graph`.
   */
  find(criteria = {}, { anchor } = {}) {
    if (criteria === null || typeof criteria !== 'object') {
      throw new NervusDBError('INVALID_ARGUMENT', `find takes an object such as {subject: 'alice'}, got ${criteria}`);
    }
    if (criteria.graph !== undefined) {
      if (anchor !== undefined) {
        throw new NervusDBError('INVALID_ARGUMENT', 'find with a graph gives quads, which have no anchor');
      }
      return new QuadQuery(this, pattern(criteria, 'find with a graph'));
    }
    const q = new QueryBuilder(this);
    for (const key of Object.keys(criteria)) {
      if (!PATTERN_KEYS.has(key)) {
        throw new NervusDBError('INVALID_ARGUMENT', `find criteria are subject, predicate, object and graph, got ${key}`);
      }
      if (criteria[key] !== undefined) {
        q.where(key, criteria[key]);
      }
    }
    const has = (k) => criteria[k] !== undefined;
    const inferred = has('subject') && has('object') ? 'both'
      : has('subject') || (has('predicate') && has('object')) ? 'subject' : 'object';
    return q.anchor(anchor ?? inferred);
  }

  /**
   * The facts of the nodes with all (mode 'AND', the default) or any ('OR') of the labels, as
   * subject or object; the next step starts from `anchor` ('subject' by default).
   */
  findByLabel(labels, { mode: m = 'AND', anchor = 'subject' } = {}) {
    const list = labelList(labels);
    const all = mode(m);
    return this.#nodeQuery(async () => {
      let nodes = null;
      for (const l of list) {
        const mine = await this._invoke('read', 'L', l, '', '');
        if (nodes === null) {
          nodes = new Set(mine);
        } else if (all) {
          const keep = new Set(mine);
          nodes = new Set([...nodes].filter((n) => keep.has(n)));
        } else {
          mine.forEach((n) => nodes.add(n));
        }
      }
      return [...(nodes ?? [])];
    }, 'both', anchorOf(anchor));
  }

  /**
   * The facts of the nodes whose property satisfies the filter ({propertyName, value} or
   * {propertyName, range: {min, max, includeMin, includeMax}}), found through the property
   * index: as subject (anchor 'subject', the default), as object, or both.
   */
  findByNodeProperty(filter, { anchor = 'subject' } = {}) {
    const [prop, c] = filterCondition(filter);
    const a = anchorOf(anchor);
    return this.#nodeQuery(() => this.#where(false, prop, c), a, a);
  }

  /** The facts whose own property satisfies the filter, found through the property index. */
  findByEdgeProperty(filter, { anchor = 'subject' } = {}) {
    const [prop, c] = filterCondition(filter);
    const q = new QueryBuilder(this);
    q._defer(async () => {
      const flat = await this.#where(true, prop, c);
      const subjects = [...new Set(flat.filter((_, i) => i % 3 === 0))];
      return ['i', 's', String(subjects.length), ...subjects, ...propertyTokens(true, prop, c)];
    });
    return q.anchor(anchorOf(anchor));
  }

  /** The index lookup of a property condition (tokens as `condition` gives them): nodes, or flat edges. */
  #where(edges, prop, c) {
    return this._invoke('where', edges, prop, c[0] === '1', c[1], c[2] === '1', c[3], c[4] === '1');
  }

  /** The facts with one of the nodes `nodes()` resolves to at `at` ('subject', 'object', 'both'). */
  #nodeQuery(nodes, at, anchor) {
    const q = new QueryBuilder(this);
    q._defer(async () => {
      const list = await nodes();
      const side = (pos) => ['i', pos, String(list.length), ...list];
      if (at !== 'both') {
        return side(at === 'subject' ? 's' : 'o');
      }
      const objects = side('o');
      return [...side('s'), 'u', String(objects.length), ...objects];
    });
    return q.anchor(anchor);
  }

  // ---------------------------------------------------------------- the original NervusDB's API

  /**
   * Adds a fact `{subject, predicate, object}` with, optionally, `subjectProperties`,
   * `objectProperties` and `edgeProperties` (each replacing what was there), in one atomic
   * commit (or into the open batch). Resolves to the fact with its three property fields
   * (undefined where there are none).
   */
  async addFact(fact, { subjectProperties, objectProperties, edgeProperties } = {}) {
    const [s, p, o] = defaultGraphFact(fact);
    const ops = [(w) => w.triple(ADD, s, p, o)];
    const nodeProps = [];
    if (subjectProperties !== undefined) {
      nodeProps.push([s, subjectProperties]);
    }
    if (objectProperties !== undefined) {
      nodeProps.push([o, objectProperties]);
    }
    const pending = { nodes: [], edges: [] };
    for (const [node, props] of nodeProps) {
      const map = encodedMap(props, 'node properties');
      ops.push(...await this.#nodePropertyOps(node, props, map));
      pending.nodes.push([node, map]);
    }
    if (edgeProperties !== undefined) {
      const map = encodedMap(edgeProperties, 'edgeProperties');
      ops.push((w) => w.edgeProperties(s, p, o, map));
      pending.edges.push([s, p, o, map]);
    }
    await this.#write(ops, pending);
    const [record] = await this._withProperties([{ subject: s, predicate: p, object: o }]);
    return record;
  }

  /** Removes a fact (and its edge properties); resolves to whether it was there. */
  async deleteFact(fact) {
    const [s, p, o] = defaultGraphFact(fact);
    return (await this.#write([(w) => w.triple(DELETE, s, p, o)])) > 0;
  }

  /**
   * A node's properties (the node by its term, or by the id getNodeId gives), or null if it
   * has none. Inside a batch, the batch's pending value.
   */
  async getNodeProperties(node) {
    const n = await this.#node(node);
    if (n === undefined) {
      return null;
    }
    return this.#properties('nodes', n, ['n', n, '', '']);
  }

  /**
   * Replaces a node's properties (null or {} removes them). As in the original NervusDB, a
   * `labels` array among them also sets the node's labels to its strings.
   */
  async setNodeProperties(node, props) {
    const n = await this.#node(node);
    if (n === undefined) {
      throw new NervusDBError('NOT_FOUND', `no node with id ${node}`);
    }
    const map = encodedMap(props, 'node properties');
    await this.#write(await this.#nodePropertyOps(n, props, map), { nodes: [[n, map]] });
  }

  /** An edge's properties (the fact {subject, predicate, object}), or null if it has none. */
  async getEdgeProperties(fact) {
    const [s, p, o] = await this.#edge(fact);
    return this.#properties('edges', edgeKey(s, p, o), ['e', s, p, o]);
  }

  /** Replaces an edge's properties (null or {} removes them); the fact must exist (NOT_FOUND). */
  async setEdgeProperties(fact, props) {
    const [s, p, o] = await this.#edge(fact);
    const map = encodedMap(props, 'edge properties');
    await this.#write([(w) => w.edgeProperties(s, p, o, map)], { edges: [[s, p, o, map]] });
  }

  /** A node's labels. */
  async getLabels(node) {
    const n = await this.#node(node);
    return n === undefined ? [] : this._invoke('read', 'l', n, '', '');
  }

  async addLabels(node, labels) {
    const n = term(node, 'node');
    const list = labelList(labels);
    await this.#write([(w) => w.labels(ADD_LABELS, n, list)]);
  }

  async removeLabels(node, labels) {
    const n = term(node, 'node');
    const list = labelList(labels);
    await this.#write([(w) => w.labels(REMOVE_LABELS, n, list)]);
  }

  /** The dictionary id of a stored term, or undefined (the original's getNodeId). */
  async getNodeId(value) {
    if (typeof value !== 'string') {
      return undefined;
    }
    const id = Number((await this._invoke('read', 'i', value, '', ''))[0]);
    return id > 0 ? id : undefined;
  }

  /** The term with a dictionary id, or undefined (the original's getNodeValue). */
  async getNodeValue(id) {
    const n = typeof id === 'string' && /^[0-9]+$/.test(id) ? Number(id) : id;
    if (!Number.isSafeInteger(n) || n <= 0) {
      return undefined;
    }
    return (await this._invoke('read', 't', String(n), '', ''))[0];
  }

  /**
   * Opens a batch: addFact, deleteFact, setNodeProperties, setEdgeProperties, addLabels and
   * removeLabels are kept until commitBatch() applies them, in order, as one atomic commit, or
   * abortBatch() drops them. Batches nest; an inner commit applies its writes at once.
   */
  beginBatch() {
    this._checkOpen();
    this.#batches.push({ ops: [], nodes: new Map(), edges: new Map() });
  }

  /**
   * Commits the innermost batch (nothing without one). With `{durable: true}` the commit is on
   * disk when the promise resolves even if the database was opened with syncOnCommit false.
   */
  async commitBatch({ durable = false } = {}) {
    const batch = this.#batches.pop();
    if (batch === undefined || batch.ops.length === 0) {
      return;
    }
    await this.#commit(batch.ops);
    if (durable && this.options.syncOnCommit === false) {
      await this.flush();
    }
  }

  /** Drops the innermost batch's writes (nothing without one). */
  abortBatch() {
    this.#batches.pop();
  }

  /**
   * Calls `fn(db)` with reads pinned to the database's state at the call: queries, property
   * and label reads see no write made until `fn` settles (its own included). Resolves to what
   * `fn` returns. Snapshots nest.
   */
  async snapshot(fn) {
    if (typeof fn !== 'function') {
      throw new NervusDBError('INVALID_ARGUMENT', 'snapshot takes a function');
    }
    await this._invoke('pin');
    try {
      return await fn(this);
    } finally {
      if (this.#engine !== null && !this.#closed) {
        await this._invoke('unpin');
      }
    }
  }

  /** The original NervusDB's other name for snapshot(fn). */
  async withSnapshot(fn) {
    return this.snapshot(fn);
  }

  /** @internal Facts with their subjectProperties, objectProperties and edgeProperties. */
  async _withProperties(facts) {
    const nodes = new Map();
    const props = async (n) => {
      if (!nodes.has(n)) {
        nodes.set(n, (await this.getNodeProperties(n)) ?? undefined);
      }
      return nodes.get(n);
    };
    const out = [];
    for (const f of facts) {
      out.push({
        ...f,
        subjectProperties: await props(f.subject),
        objectProperties: await props(f.object),
        edgeProperties: (await this.getEdgeProperties(f)) ?? undefined,
      });
    }
    return out;
  }

  #batches = [];

  /** Writes (functions of a TxWriter) as one commit; resolves to how many triples changed. */
  #commit(ops) {
    const w = new TxWriter(termError);
    ops.forEach((op) => op(w));
    return this._invoke('commit', w.bytes());
  }

  /**
   * Applies writes now, or keeps them in the open batch, with the encoded property maps they
   * set (`nodes`: [node, map], `edges`: [s, p, o, map]) for reads in the batch to see.
   */
  async #write(ops, { nodes = [], edges = [] } = {}) {
    const batch = this.#batches[this.#batches.length - 1];
    if (batch === undefined) {
      return this.#commit(ops);
    }
    for (const [n, map] of nodes) {
      batch.nodes.set(n, map);
    }
    for (const [s, p, o, map] of edges) {
      batch.edges.set(edgeKey(s, p, o), map);
    }
    batch.ops.push(...ops);
    return 0;
  }

  /**
   * Properties: the open batches' pending value of `key` in their `kind` map ('nodes' or
   * 'edges'), innermost first, else the stored value `read` gives; null for none.
   */
  async #properties(kind, key, read) {
    for (let i = this.#batches.length - 1; i >= 0; i--) {
      const pending = this.#batches[i][kind].get(key);
      if (pending !== undefined) {
        return pending.length === 0 ? null : decode(pending);
      }
    }
    const [bytes] = await this._invoke('read', ...read);
    return bytes === undefined ? null : decode(fromLatin1(bytes));
  }

  /** The writes of setNodeProperties: the map (`props` encoded), and the labels a `labels` array among it names. */
  async #nodePropertyOps(node, props, map) {
    const ops = [(w) => w.nodeProperties(node, map)];
    if (props !== null && Array.isArray(props.labels)) {
      const wanted = [...new Set(props.labels.filter((l) => typeof l === 'string'))];
      const current = await this._invoke('read', 'l', node, '', '');
      const gone = current.filter((l) => !wanted.includes(l));
      ops.push((w) => w.labels(REMOVE_LABELS, node, gone), (w) => w.labels(ADD_LABELS, node, wanted));
    }
    return ops;
  }

  /** A node given as its term or as a dictionary id; undefined for an id no term has. */
  async #node(node) {
    if (typeof node === 'number') {
      return this.getNodeValue(node);
    }
    return term(node, 'node');
  }

  /** An edge given as a fact, or as the original's key 'subjectId:predicateId:objectId'. */
  async #edge(fact) {
    if (typeof fact === 'string' && /^[0-9]+:[0-9]+:[0-9]+$/.test(fact)) {
      const ids = fact.split(':');
      const terms = await Promise.all(ids.map((id) => this.getNodeValue(id)));
      if (terms.some((t) => t === undefined)) {
        throw new NervusDBError('NOT_FOUND', `no fact with ids ${fact}`);
      }
      return terms;
    }
    return defaultGraphFact(fact);
  }

  /**
   * Runs a SPARQL 1.1 query or update request. SELECT resolves to `{ variables, rows }`, each
   * row an object from variable name to stored term (unbound variables are absent); ASK to a
   * boolean; CONSTRUCT and DESCRIBE to an array of triples `{subject, predicate, object}`; an
   * update request (INSERT DATA, DELETE DATA, DELETE/INSERT WHERE, CLEAR, DROP, CREATE, ADD,
   * MOVE, COPY) runs as one atomic commit, durable when the promise resolves (syncOnCommit),
   * and resolves to how many quads it added that were absent plus how many it removed that
   * were present (LOAD fails with UNSUPPORTED: this package reads no documents). Stored terms
   * read as RDF terms: plain names are IRIs (`<alice>`), N-Triples literal syntax is a literal,
   * `_:x` a blank node. Options: `timeout` in milliseconds; `unionDefaultGraph` (a query
   * without FROM reads every graph as its default graph); `format`: the result as a document,
   * 'json', 'xml', 'csv' or 'tsv' (SPARQL results; also a graph as a table) or 'nt', 'nq',
   * 'ttl' (CONSTRUCT and DESCRIBE), relative IRIs written after the database's base IRI.
   */
  async sparql(text, options = {}) {
    const [timeout, flags, format] = sparqlOptions('sparql', text, options);
    const method = isQueryText(text) ? 'sparql' : 'update';
    return sparqlResult(await this._invoke(method, text, timeout, flags, format));
  }

  /**
   * Runs a SPARQL 1.1 update request (a query is a QUERY_SYNTAX error) as one atomic commit;
   * resolves to how many quads changed, as sparql() does for an update. Options: `timeout`,
   * `unionDefaultGraph`.
   */
  async update(text, options = {}) {
    if (options !== null && typeof options === 'object' && options.format !== undefined) {
      throw new NervusDBError('INVALID_ARGUMENT', 'an update request has no result format');
    }
    const [timeout, flags] = sparqlOptions('update', text, options);
    return sparqlResult(await this._invoke('update', text, timeout, `${flags}w`, ''));
  }

  /** Runs a query to its end and describes the plan chosen, with rows per operator. */
  async explain(text) {
    if (typeof text !== 'string') {
      throw new NervusDBError('INVALID_ARGUMENT', 'explain takes the query text as a string');
    }
    return this._invoke('explain', text);
  }

  /**
   * Of a database opened with `readOnly: true` (beside its writer, in this or another process):
   * reads the commits the writer made since this handle opened or last refreshed, and says
   * whether there were any. Results already read keep what they saw.
   */
  async refresh() {
    this._checkOpen();
    if (this.options.readOnly !== true) {
      throw new NervusDBError('INVALID_ARGUMENT', 'refresh() is for databases opened with readOnly: true');
    }
    return this._invoke('refresh');
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
    this.#batches = []; // uncommitted batches are dropped
    if (this.#switching !== null) {
      await this.#switching; // a move to the full module ends first
    }
    const engine = this.#engine;
    this.#engine = null;
    this.#pins = 0;
    if (engine !== null) {
      this.#part = engine.part;
      await engine.close();
    }
  }
}
