/** A subject–predicate–object triple of strings. */
export interface Triple {
  subject: string;
  predicate: string;
  object: string;
}

export interface NervusDBOptions {
  /** Use the WebAssembly GC build when the engine supports it (default true). */
  useWasm?: boolean;
}

/** Errors carry a stable code: INVALID_TERM, INVALID_ARGUMENT, CLOSED, NOT_OPEN, UNSUPPORTED, ENGINE. */
export class NervusDBError extends Error {
  readonly code: string;
}

export class QueryBuilder implements AsyncIterable<Triple> {
  whereSubject(subject: string): this;
  wherePredicate(predicate: string): this;
  whereObject(object: string): this;
  limit(n: number): this;
  execute(): Promise<Triple[]>;
  count(): Promise<number>;
  [Symbol.asyncIterator](): AsyncIterator<Triple>;
}

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
  delete(triple: Triple): Promise<boolean>;
  contains(triple: Triple): Promise<boolean>;
  count(): Promise<number>;
  query(): QueryBuilder;
  flush(): Promise<void>;
  compact(): Promise<void>;
  close(): Promise<void>;
}

/** Whether this engine can run the WebAssembly GC build. */
export function wasmGcSupported(): boolean;
