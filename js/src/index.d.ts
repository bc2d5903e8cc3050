/** A subject–predicate–object triple of strings (stored terms), as results give them. */
export interface Triple {
  subject: string;
  predicate: string;
  object: string;
}

/** A statement of a graph, as quad results give it: `graph` is DEFAULT_GRAPH for the default graph. */
export interface Quad extends Triple {
  graph: string;
}

/**
 * A value stored as a typed RDF literal, spelled as the JVM library's NervusDB.literal(Object)
 * spells it: a bigint, or an integer number within 2^53, as xsd:integer; another number as
 * xsd:double (Java's spelling: "3.5", "1.0E-7", "NaN", "INF"); a boolean as xsd:boolean; a Date
 * as xsd:dateTime at UTC; `{ value, language }` as a language-tagged string ("chat"@fr);
 * `{ value, datatype }` as a literal of that datatype IRI; `{ value }` as a plain string literal.
 */
export type LiteralValue = number | bigint | boolean | Date
  | { value: string; language?: string; datatype?: string };

/**
 * A triple or quad to write or look up. A string is a stored term as it is (a plain name is an
 * IRI, N-Triples literal syntax a literal, `_:x` a blank node); an object that is a
 * LiteralValue becomes that literal. `graph`: absent, null or DEFAULT_GRAPH for the default
 * graph, else a named graph (created by its first quad). In contains(), `graph: ANY_GRAPH`
 * (null) asks about every graph.
 */
export interface TripleInput {
  subject: string;
  predicate: string;
  object: string | LiteralValue;
  graph?: string | null;
}

/**
 * Exact terms to match, each optional. `graph` absent: the default graph, read as triples;
 * a graph's name or DEFAULT_GRAPH: that graph; ANY_GRAPH (null): every graph, the default
 * graph's statements first. With a `graph`, results are quads.
 */
export interface QuadPattern {
  subject?: string;
  predicate?: string;
  object?: string | LiteralValue;
  graph?: string | null;
}

/** The name that stands for the default graph (`urn:x-arq:DefaultGraph`, the JVM library's Quad.DEFAULT_GRAPH). */
export const DEFAULT_GRAPH: 'urn:x-arq:DefaultGraph';
/** In find(), count() and contains(): `graph: ANY_GRAPH` matches every graph. */
export const ANY_GRAPH: null;
/** The XML Schema namespace, `http://www.w3.org/2001/XMLSchema#`, for `{ value, datatype: XSD + 'decimal' }`. */
export const XSD: 'http://www.w3.org/2001/XMLSchema#';
/** The stored term of a value (see LiteralValue; a string is a plain string literal here); INVALID_TERM for anything else. */
export function literal(value: LiteralValue | string): string;

export interface NervusDBOptions {
  /** Use the WebAssembly GC build when the engine supports it (default true). */
  useWasm?: boolean;
  /** Make each commit durable before its promise resolves (default true). */
  syncOnCommit?: boolean;
  /**
   * Open an existing database on disk for reading only, beside its writer (in this process or
   * another, the JVM's too): no lock is taken and nothing is written; `refresh()` reads the
   * writer's newer commits; writes fail with READ_ONLY. Node only.
   */
  readOnly?: boolean;
  /** Bytes of the in-memory table before it is written out as sorted tables. */
  memtableSize?: number;
  /** Bytes of the block cache. */
  blockCacheSize?: number;
  /**
   * Load the debug builds (unminified, source maps, debug information): true for those of the
   * nervusdb-debug package (Node) or of dist/debug/ in a checkout, or the URL of a directory
   * that holds them. They are not in the nervusdb package.
   */
  debug?: boolean | string | URL;
  /** OPFS only: empty files kept ready for new files (default 4). */
  opfsSpareFiles?: number;
  /**
   * Which module to load at open: 'core' (the default: the storage core, without SPARQL; the
   * first sparql() or explain() loads the full module and moves the database to it) or 'full'
   * (the full module with SPARQL at once).
   */
  module?: 'core' | 'full';
}

export type NervusDBErrorCode =
  | 'INVALID_TERM'
  | 'INVALID_ARGUMENT'
  | 'CLOSED'
  | 'NOT_OPEN'
  | 'LOCKED'
  | 'CORRUPTION'
  | 'FORMAT_VERSION'
  | 'READ_ONLY'
  | 'IO'
  | 'UNSUPPORTED'
  | 'QUERY_SYNTAX'
  | 'QUERY_TIMEOUT'
  | 'QUERY_CANCELLED'
  | 'QUERY_TOO_LARGE'
  | 'INVALID_PROPERTY'
  | 'NOT_FOUND'
  | 'ENGINE';

/** Errors carry a stable code, the same as the JVM library's for the same failure. */
export class NervusDBError extends Error {
  readonly code: NervusDBErrorCode;
}

export type Position = 'subject' | 'predicate' | 'object';

/**
 * A condition on one position: a term or a LiteralValue (equality with its literal) or any
 * of: eq / ne (exact stored terms, or values), prefix / regex (a literal's lexical form or an
 * IRI's text; regex flags i, s, m, x, q), gt / gte / lt / lte (numeric literals by value;
 * other terms never match).
 */
export type Condition = string | LiteralValue | {
  eq?: string | LiteralValue; ne?: string | LiteralValue; prefix?: string; regex?: string; flags?: string;
  gt?: number; gte?: number; lt?: number; lte?: number;
};

/**
 * A property value: null, a boolean, a number (integers exact up to 2^53; bigint within 64
 * bits), a well-formed string, an array or a plain object of these. Members that are undefined
 * are left out, as JSON leaves them; a Date is stored as its ISO string.
 */
export type PropertyValue = null | boolean | number | bigint | string | PropertyValue[] | { [name: string]: PropertyValue };
export type Properties = { [name: string]: PropertyValue | undefined };

/** A property condition of findByNodeProperty and the others: a value (equality) or a range. */
export interface PropertyFilter {
  propertyName: string;
  value?: PropertyValue;
  range?: { min?: number | string; max?: number | string; includeMin?: boolean; includeMax?: boolean };
}

/** A fact with the properties of its subject, its object and itself (undefined where none). */
export interface FactRecord extends Triple {
  subjectProperties?: Properties;
  objectProperties?: Properties;
  edgeProperties?: Properties;
}

export type Anchor = 'subject' | 'object' | 'both';

/**
 * The quads matching a pattern of exact terms, from find() with a `graph`: results carry their
 * graph. Read when a terminal call is made.
 */
export class QuadQuery implements AsyncIterable<Quad> {
  offset(n: number): this;
  skip(n: number): this;
  limit(n: number): this;
  take(n: number): this;
  execute(): Promise<Quad[]>;
  all(): Promise<Quad[]>;
  toArray(): Promise<Quad[]>;
  collect(): Promise<Quad[]>;
  /** The number of quads execute() gives (offset and limit applied). */
  count(): Promise<number>;
  batch(n: number): AsyncGenerator<Quad[]>;
  [Symbol.asyncIterator](): AsyncIterator<Quad>;
}

/** Options of sparql() and update(). */
export interface SparqlOptions {
  /** Milliseconds before the query (or an update's WHERE) ends with QUERY_TIMEOUT; 0: no limit. */
  timeout?: number;
  /** A query without FROM reads the union of all graphs, the default graph included, as its default graph. */
  unionDefaultGraph?: boolean;
}

/** The result formats: SPARQL results (also a graph, as a table of subject, predicate, object), and RDF for CONSTRUCT and DESCRIBE. */
export type ResultFormat = 'json' | 'xml' | 'csv' | 'tsv' | 'nt' | 'nq' | 'ttl';

/** A SELECT result: variables in order, and rows from variable name to stored term (unbound ones absent). */
export interface SelectResult {
  variables: string[];
  rows: Record<string, string>[];
}

/**
 * A query: a pattern, then traversal steps; where-conditions apply to the latest step. Results
 * are the distinct facts of the last step.
 */
export class QueryBuilder implements AsyncIterable<Triple> {
  whereSubject(subject: Condition): this;
  wherePredicate(predicate: Condition): this;
  whereObject(object: Condition): this;
  where(position: Position, condition: Condition): this;
  follow(predicate: string): this;
  followReverse(predicate: string): this;
  /** min defaults to 1, max to -1 (no bound); each node is reached once, so cycles end. */
  followPath(predicate: string, hops?: { min?: number; max?: number }): this;
  /** The latest step's position is one of the terms. */
  whereIn(position: Position, terms: string[]): this;
  /** Facts whose subject, object or either ('both', default) has all ('AND', default) or any of the labels. */
  whereLabel(labels: string | string[], options?: { mode?: 'AND' | 'OR'; on?: Anchor }): this;
  /** Facts where the property of the subject or object (target 'node') or of the fact ('edge') satisfies op and value. */
  whereProperty(name: string, op: '=' | '>' | '>=' | '<' | '<=', value: PropertyValue, target?: 'node' | 'edge'): this;
  whereNodeProperty(filter: PropertyFilter): this;
  whereEdgeProperty(filter: PropertyFilter): this;
  /** Which end of the latest step's facts the next step starts from ('both' right after find only). */
  anchor(end: Anchor): this;
  /** These facts, then those of other not among them; later steps start from this query's end. */
  union(other: QueryBuilder): this;
  /** Results carry subjectProperties, objectProperties and edgeProperties. */
  withProperties(): this;
  orderBy(position: Position, direction?: 'asc' | 'desc'): this;
  offset(n: number): this;
  /** The original NervusDB's name for offset(). */
  skip(n: number): this;
  limit(n: number): this;
  /** The original NervusDB's other name for limit(). */
  take(n: number): this;
  /** values() gives each value once. */
  distinct(): this;
  /** Stops the query with code QUERY_TIMEOUT after this many milliseconds (0: no limit). */
  timeout(ms: number): this;
  execute(): Promise<FactRecord[]>;
  /** The original NervusDB's name for execute(). */
  all(): Promise<FactRecord[]>;
  toArray(): Promise<FactRecord[]>;
  collect(): Promise<FactRecord[]>;
  /** The results in arrays of up to n facts. */
  batch(n: number): AsyncGenerator<FactRecord[]>;
  /** The distinct nodes the last step reached. */
  nodes(): Promise<string[]>;
  values(position: Position): Promise<string[]>;
  count(): Promise<number>;
  /** Results per value of the position, largest count first; offset and limit apply to groups. */
  countBy(position: Position): Promise<Map<string, number>>;
  [Symbol.asyncIterator](): AsyncIterator<Triple>;
}

/**
 * A database. `path` is ':memory:' or a directory: on disk in Node (the JVM library's format),
 * or in the Origin Private File System in browsers (in a dedicated worker, or through a worker
 * the database starts on a page's main thread).
 */
export class NervusDB {
  constructor(path?: string, options?: NervusDBOptions);
  readonly path: string;
  /** 'wasm-gc' or 'js' once open. */
  readonly backend: 'wasm-gc' | 'js' | null;
  /** Why that backend was chosen. */
  readonly backendReason: string | null;
  /**
   * Which of the build's modules runs the database: 'core' from open() until its first
   * sparql() or explain(), then 'full' (or 'full' from the start with the option module:
   * 'full'); null before open().
   */
  readonly module: 'core' | 'full' | null;
  open(): Promise<this>;
  /** Adds a triple to the default graph, or with `graph` a quad to that graph; true if it was new. */
  add(triple: TripleInput): Promise<boolean>;
  /** One commit of triples and quads; returns how many were new. */
  addBatch(triples: TripleInput[]): Promise<number>;
  /** Removes all triples and quads in one commit; resolves to how many were present. */
  deleteBatch(triples: TripleInput[]): Promise<number>;
  /** Removes a triple of the default graph, or with `graph` a quad of that graph. */
  delete(triple: TripleInput): Promise<boolean>;
  /** Whether the triple is in the default graph, or with `graph` in that graph (ANY_GRAPH: in any). */
  contains(triple: TripleInput): Promise<boolean>;
  /** Triples of the default graph; with criteria, those matching (with `graph`: quads of that graph, or of every graph). */
  count(criteria?: QuadPattern): Promise<number>;
  /** The names of the named graphs (a graph stays until dropped, even when empty). */
  graphs(): Promise<string[]>;
  query(): QueryBuilder;
  /** The quads matching exact terms in one graph (or DEFAULT_GRAPH), or in every graph with `graph: ANY_GRAPH`. */
  find(criteria: QuadPattern & { graph: string | null }): QuadQuery;
  /** A query of the facts matching the criteria (each optional), as the original NervusDB's find(). */
  find(criteria?: { subject?: Condition; predicate?: Condition; object?: Condition }, options?: { anchor?: Anchor }): QueryBuilder;
  /** Facts of the nodes with all ('AND') or any ('OR') of the labels, as subject or object. */
  findByLabel(labels: string | string[], options?: { mode?: 'AND' | 'OR'; anchor?: Anchor }): QueryBuilder;
  /** Facts of the nodes whose property matches (through the property index), as subject, object or both. */
  findByNodeProperty(filter: PropertyFilter, options?: { anchor?: Anchor }): QueryBuilder;
  /** Facts whose own property matches (through the property index). */
  findByEdgeProperty(filter: PropertyFilter, options?: { anchor?: Anchor }): QueryBuilder;
  /** Adds a fact (of the default graph) and, optionally, properties, in one commit (or into the open batch). */
  addFact(fact: TripleInput, properties?: { subjectProperties?: Properties | null; objectProperties?: Properties | null; edgeProperties?: Properties | null }): Promise<FactRecord>;
  deleteFact(fact: TripleInput): Promise<boolean>;
  /** A node (its term, or a getNodeId id) and its properties, or null if none. */
  getNodeProperties(node: string | number): Promise<Properties | null>;
  /** Replaces a node's properties (null or {} removes them); a labels array also sets its labels. */
  setNodeProperties(node: string | number, properties: Properties | null): Promise<void>;
  /** An edge (the fact, or 'sId:pId:oId') and its properties, or null if none. */
  getEdgeProperties(fact: TripleInput | string): Promise<Properties | null>;
  /** Replaces an edge's properties; the fact must exist (NOT_FOUND). */
  setEdgeProperties(fact: TripleInput | string, properties: Properties | null): Promise<void>;
  getLabels(node: string | number): Promise<string[]>;
  addLabels(node: string, labels: string | string[]): Promise<void>;
  removeLabels(node: string, labels: string | string[]): Promise<void>;
  getNodeId(value: string): Promise<number | undefined>;
  getNodeValue(id: number | string): Promise<string | undefined>;
  /** Opens a (nestable) batch of the original API's writes. */
  beginBatch(): void;
  /** Applies the innermost batch as one atomic commit; durable forces it to disk. */
  commitBatch(options?: { durable?: boolean }): Promise<void>;
  abortBatch(): void;
  /** Runs fn with reads pinned to the state at the call; resolves to its result. */
  snapshot<T>(fn: (db: this) => T | Promise<T>): Promise<T>;
  withSnapshot<T>(fn: (db: this) => T | Promise<T>): Promise<T>;
  /**
   * SPARQL 1.1: SELECT resolves to a SelectResult, ASK to a boolean, CONSTRUCT and DESCRIBE
   * to triples, an update request (INSERT DATA, DELETE DATA, DELETE/INSERT WHERE, CLEAR, DROP,
   * CREATE, ADD, MOVE, COPY) to how many quads it added that were absent plus how many it
   * removed that were present: one atomic commit, durable when the promise resolves
   * (syncOnCommit); LOAD fails with UNSUPPORTED, LOAD SILENT does nothing. With `format`, a
   * query resolves to that document (relative IRIs written after the base IRI
   * http://nervusdb.invalid/); an update with a format is INVALID_ARGUMENT. The first call
   * loads the full module and moves the database to it; calls made meanwhile wait and run in
   * call order; a snapshot(fn) that has written since it began cannot be moved (UNSUPPORTED).
   */
  sparql(text: string, options: SparqlOptions & { format: ResultFormat }): Promise<string>;
  sparql(text: string, options?: SparqlOptions & { format?: undefined }): Promise<SelectResult | boolean | Triple[] | number>;
  /** Runs an update request only (a query is QUERY_SYNTAX); resolves to how many quads changed, as sparql(). */
  update(text: string, options?: SparqlOptions): Promise<number>;
  /** Runs a query and describes the chosen plan with rows per operator (moves the database as sparql() does). */
  explain(text: string): Promise<string>;
  /** Of a database opened with `readOnly: true`: reads the writer's newer commits; whether there were any. */
  refresh(): Promise<boolean>;
  flush(): Promise<void>;
  compact(): Promise<void>;
  /** Checks every stored entry; resolves to the number checked, rejects with CORRUPTION. */
  verify(): Promise<number>;
  /** Releases the database, its files and its lock; idempotent. */
  close(): Promise<void>;
}

/** Whether this engine can run the WebAssembly GC build. */
export function wasmGcSupported(): boolean;

/**
 * The modules loaded in this page, worker or process so far, as 'kind-part': 'wasm-gc-core',
 * 'wasm-gc-full', 'js-core', 'js-full' (with '-debug' for the debug builds).
 */
export function loadedModules(): string[];

// The RDF/JS interfaces (https://rdf.js.org/), in rdfjs.d.mts: a DataFactory, term conversion,
// and RdfStore (an RDF/JS Store) over a database. Their types: `import type { RdfJs } from 'nervusdb'`.
export { RdfStore, dataFactory, fromStoredQuad, fromStoredTerm, toStoredQuad, toStoredTerm } from './rdfjs.mjs';
export type * as RdfJs from './rdfjs.mjs';
