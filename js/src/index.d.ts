/** A subject–predicate–object triple of strings. */
export interface Triple {
  subject: string;
  predicate: string;
  object: string;
}

export interface NervusDBOptions {
  /** Use the WebAssembly GC build when the engine supports it (default true). */
  useWasm?: boolean;
  /** Make each commit durable before its promise resolves (default true). */
  syncOnCommit?: boolean;
  /** Bytes of the in-memory table before it is written out as sorted tables. */
  memtableSize?: number;
  /** Bytes of the block cache. */
  blockCacheSize?: number;
  /** Load the debug builds (unminified, source maps, debug information) from dist/debug/. */
  debug?: boolean;
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
 * A condition on one position: a term (equality) or any of: eq / ne (exact stored terms),
 * prefix / regex (a literal's lexical form or an IRI's text; regex flags i, s, m, x, q),
 * gt / gte / lt / lte (numeric literals by value; other terms never match).
 */
export type Condition = string | {
  eq?: string; ne?: string; prefix?: string; regex?: string; flags?: string;
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
  add(triple: Triple): Promise<boolean>;
  /** One commit; returns how many triples were new. */
  addBatch(triples: Triple[]): Promise<number>;
  /** Removes all triples in one commit; resolves to how many were present. */
  deleteBatch(triples: Triple[]): Promise<number>;
  delete(triple: Triple): Promise<boolean>;
  contains(triple: Triple): Promise<boolean>;
  count(): Promise<number>;
  query(): QueryBuilder;
  /** A query of the facts matching the criteria (each optional), as the original NervusDB's find(). */
  find(criteria?: { subject?: string; predicate?: string; object?: string }, options?: { anchor?: Anchor }): QueryBuilder;
  /** Facts of the nodes with all ('AND') or any ('OR') of the labels, as subject or object. */
  findByLabel(labels: string | string[], options?: { mode?: 'AND' | 'OR'; anchor?: Anchor }): QueryBuilder;
  /** Facts of the nodes whose property matches (through the property index), as subject, object or both. */
  findByNodeProperty(filter: PropertyFilter, options?: { anchor?: Anchor }): QueryBuilder;
  /** Facts whose own property matches (through the property index). */
  findByEdgeProperty(filter: PropertyFilter, options?: { anchor?: Anchor }): QueryBuilder;
  /** Adds a fact and, optionally, properties, in one commit (or into the open batch). */
  addFact(fact: Triple, properties?: { subjectProperties?: Properties | null; objectProperties?: Properties | null; edgeProperties?: Properties | null }): Promise<FactRecord>;
  deleteFact(fact: Triple): Promise<boolean>;
  /** A node (its term, or a getNodeId id) and its properties, or null if none. */
  getNodeProperties(node: string | number): Promise<Properties | null>;
  /** Replaces a node's properties (null or {} removes them); a labels array also sets its labels. */
  setNodeProperties(node: string | number, properties: Properties | null): Promise<void>;
  /** An edge (the fact, or 'sId:pId:oId') and its properties, or null if none. */
  getEdgeProperties(fact: Triple | string): Promise<Properties | null>;
  /** Replaces an edge's properties; the fact must exist (NOT_FOUND). */
  setEdgeProperties(fact: Triple | string, properties: Properties | null): Promise<void>;
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
   * SPARQL 1.1 SELECT (rows map variable names to stored terms) or ASK (a boolean). The first
   * call loads the full module and moves the database to it; calls made meanwhile wait and run
   * in call order; a snapshot(fn) that has written since it began cannot be moved (UNSUPPORTED).
   */
  sparql(text: string, options?: { timeout?: number }): Promise<{ variables: string[]; rows: Record<string, string>[] } | boolean>;
  /** Runs a query and describes the chosen plan with rows per operator (moves the database as sparql() does). */
  explain(text: string): Promise<string>;
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
