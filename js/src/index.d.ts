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
  orderBy(position: Position, direction?: 'asc' | 'desc'): this;
  offset(n: number): this;
  /** The original NervusDB's name for offset(). */
  skip(n: number): this;
  limit(n: number): this;
  /** values() gives each value once. */
  distinct(): this;
  /** Stops the query with code QUERY_TIMEOUT after this many milliseconds (0: no limit). */
  timeout(ms: number): this;
  execute(): Promise<Triple[]>;
  /** The original NervusDB's name for execute(). */
  all(): Promise<Triple[]>;
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
  find(criteria?: { subject?: string; predicate?: string; object?: string }): QueryBuilder;
  /** SPARQL 1.1 SELECT (rows map variable names to stored terms) or ASK (a boolean). */
  sparql(text: string, options?: { timeout?: number }): Promise<{ variables: string[]; rows: Record<string, string>[] } | boolean>;
  /** Runs a query and describes the chosen plan with rows per operator. */
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
