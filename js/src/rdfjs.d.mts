// Types of the RDF/JS interfaces (https://rdf.js.org/) of rdfjs.mjs. They are written out here
// rather than imported from @rdfjs/types, so that the package needs no dependency; they are
// structurally the same: a Term here is an @rdfjs/types Term, dataFactory an RDF.DataFactory,
// RdfStore an RDF.Store and its match() an RDF.Stream (checked in test/rdfjs-consumers).

import type { NervusDB, Quad as StoredQuad, Triple } from './index.js';

export interface NamedNode<Iri extends string = string> {
  termType: 'NamedNode';
  value: Iri;
  equals(other: Term | null | undefined): boolean;
}

export interface BlankNode {
  termType: 'BlankNode';
  /** The label, without `_:`. */
  value: string;
  equals(other: Term | null | undefined): boolean;
}

export interface Literal {
  termType: 'Literal';
  /** The lexical form. */
  value: string;
  /** The language tag in lower case, or ''. */
  language: string;
  /** RDF 1.2's base direction, or '' (NervusDB stores none). */
  direction?: 'ltr' | 'rtl' | '' | null;
  datatype: NamedNode;
  equals(other: Term | null | undefined): boolean;
}

export interface Variable {
  termType: 'Variable';
  value: string;
  equals(other: Term | null | undefined): boolean;
}

export interface DefaultGraph {
  termType: 'DefaultGraph';
  value: '';
  equals(other: Term | null | undefined): boolean;
}

export interface BaseQuad {
  termType: 'Quad';
  value: '';
  subject: Term;
  predicate: Term;
  object: Term;
  graph: Term;
  equals(other: Term | null | undefined): boolean;
}

export type Quad_Subject = NamedNode | BlankNode | Quad | Variable;
export type Quad_Predicate = NamedNode | Variable;
export type Quad_Object = NamedNode | Literal | BlankNode | Quad | Variable;
export type Quad_Graph = DefaultGraph | NamedNode | BlankNode | Variable;

export interface Quad extends BaseQuad {
  subject: Quad_Subject;
  predicate: Quad_Predicate;
  object: Quad_Object;
  graph: Quad_Graph;
  equals(other: Term | null | undefined): boolean;
}

export type Term = NamedNode | BlankNode | Literal | Variable | DefaultGraph | BaseQuad;

export interface DirectionalLanguage {
  language: string;
  direction?: 'ltr' | 'rtl' | '' | null;
}

/** The RDF/JS DataFactory. */
export interface DataFactory {
  namedNode<Iri extends string = string>(value: Iri): NamedNode<Iri>;
  /** A fresh blank node without a value (its label does not meet labels NervusDB has stored). */
  blankNode(value?: string): BlankNode;
  /** A string second argument is a language tag (kept in lower case), a NamedNode a datatype. */
  literal(value: string, languageOrDatatype?: string | NamedNode | DirectionalLanguage): Literal;
  variable(value: string): Variable;
  defaultGraph(): DefaultGraph;
  /** Without a graph: in the default graph. */
  quad(subject: Quad_Subject, predicate: Quad_Predicate, object: Quad_Object, graph?: Quad_Graph): Quad;
  triple(subject: Quad_Subject, predicate: Quad_Predicate, object: Quad_Object): Quad;
  fromTerm(original: NamedNode): NamedNode;
  fromTerm(original: BlankNode): BlankNode;
  fromTerm(original: Literal): Literal;
  fromTerm(original: Variable): Variable;
  fromTerm(original: DefaultGraph): DefaultGraph;
  fromTerm(original: BaseQuad): Quad;
  fromQuad(original: BaseQuad): Quad;
}

/** This package's DataFactory. */
export const dataFactory: DataFactory;

/**
 * The string NervusDB stores for a term: an IRI as it is, `_:label`, `"lex"`, `"lex"@en-US`
 * (BCP 47 case), `"lex"^^<datatype>`, DEFAULT_GRAPH for the default graph. INVALID_TERM for
 * variables, triple terms, directional literals, and IRIs starting with `"` or `_:`.
 */
export function toStoredTerm(term: Term): string;
/** The term of a stored string: a literal, a blank node or an IRI (plain names are relative IRIs). */
export function fromStoredTerm(stored: string, factory?: DataFactory): NamedNode | BlankNode | Literal;
/** A quad as add(), addBatch() and delete() take it (graph DEFAULT_GRAPH for the default graph). */
export function toStoredQuad(quad: BaseQuad): StoredQuad;
/** The quad of stored terms (graph absent, null or DEFAULT_GRAPH: the default graph). */
export function fromStoredQuad(quad: Triple & { graph?: string | null }, factory?: DataFactory): Quad;
/** A language tag in the letter case BCP 47 recommends (en-US, zh-Hant-TW), as NervusDB stores it. */
export function languageTagCase(tag: string): string;

type Listener = (...args: any[]) => void;

/** A small event emitter with the methods of Node's EventEmitter; an 'error' nobody hears is thrown. */
export class EventEmitter {
  on(event: string | symbol, listener: Listener): this;
  addListener(event: string | symbol, listener: Listener): this;
  prependListener(event: string | symbol, listener: Listener): this;
  once(event: string | symbol, listener: Listener): this;
  prependOnceListener(event: string | symbol, listener: Listener): this;
  off(event: string | symbol, listener: Listener): this;
  removeListener(event: string | symbol, listener: Listener): this;
  removeAllListeners(event?: string | symbol): this;
  emit(event: string | symbol, ...args: any[]): boolean;
  listenerCount(event: string | symbol): number;
  listeners(event: string | symbol): Listener[];
  rawListeners(event: string | symbol): Listener[];
  eventNames(): (string | symbol)[];
  setMaxListeners(n: number): this;
  getMaxListeners(): number;
}

/**
 * A readable stream of objects, as Node's object-mode Readable behaves for RDF/JS consumers:
 * 'data' (flowing once a 'data' listener is added or resume() is called), read() and
 * 'readable', 'end', 'error', 'close', pause(), resume(), destroy(), pipe(), for await...of.
 */
export class ObjectStream<T> extends EventEmitter implements AsyncIterable<T> {
  /** The next item, or null if none is there now. */
  read(): T | null;
  readonly readable: boolean;
  readonly readableEnded: boolean;
  readonly destroyed: boolean;
  readonly readableObjectMode: true;
  pause(): this;
  resume(): this;
  isPaused(): boolean;
  destroy(error?: Error): this;
  pipe<W extends { write(item: T): boolean | void; end(): unknown }>(destination: W, options?: { end?: boolean }): W;
  [Symbol.asyncIterator](): AsyncIterator<T>;
}

/** A pattern term: undefined, null or a variable match any term. */
export type PatternTerm = Term | null | undefined;

/**
 * An RDF/JS Store (Source and Sink) over an open NervusDB database. match() reads the matching
 * quads at the call; import() and remove() commit in batches of `batchSize` quads.
 */
export class RdfStore {
  constructor(db: NervusDB, options?: { factory?: DataFactory; batchSize?: number });
  readonly db: NervusDB;
  readonly factory: DataFactory;
  /** The quads matching; a graph of undefined or null: every graph; DefaultGraph: the default graph. */
  match(subject?: PatternTerm, predicate?: PatternTerm, object?: PatternTerm, graph?: PatternTerm): ObjectStream<Quad>;
  countQuads(subject?: PatternTerm, predicate?: PatternTerm, object?: PatternTerm, graph?: PatternTerm): Promise<number>;
  getQuads(subject?: PatternTerm, predicate?: PatternTerm, object?: PatternTerm, graph?: PatternTerm): Promise<Quad[]>;
  has(quad: BaseQuad): Promise<boolean>;
  /** One commit; resolves to how many quads were new. */
  addQuads(quads: Iterable<BaseQuad>): Promise<number>;
  /** One commit; resolves to how many quads were there. */
  removeQuads(quads: Iterable<BaseQuad>): Promise<number>;
  /** Adds the stream's quads in commits of batchSize; emits 'end' after the last commit, or 'error'. */
  import(stream: EventEmitterLike): EventEmitter;
  /** Removes the stream's quads in commits of batchSize; emits 'end' or 'error'. */
  remove(stream: EventEmitterLike): EventEmitter;
  removeMatches(subject?: PatternTerm, predicate?: PatternTerm, object?: PatternTerm, graph?: PatternTerm): EventEmitter;
  /** Removes the quads of a graph (a term, or a stored graph name); the name stays in db.graphs(). */
  deleteGraph(graph: Quad_Graph | string): EventEmitter;
}

/** What import() and remove() read: 'data' events of quads, then 'end' (or 'error'); pause() and resume() where there. */
export interface EventEmitterLike {
  on(event: string | symbol, listener: (...args: any[]) => void): unknown;
  removeListener?(event: string | symbol, listener: (...args: any[]) => void): unknown;
  pause?(): unknown;
  resume?(): unknown;
}
