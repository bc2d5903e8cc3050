// The RDF/JS interfaces (https://rdf.js.org/) over a NervusDB database: a DataFactory of terms
// and quads, conversion between those terms and the strings NervusDB stores, and RdfStore, a
// Source, Sink and Store whose match() gives a stream of quads, so that libraries written for
// RDF/JS (N3.js, Comunica, rdf-ext...) read and write a NervusDB database.
//
// Nothing here needs Node: the streams and event emitters are small ones of this file, with the
// parts of Node's object-mode Readable and EventEmitter that RDF/JS consumers call.

import { NervusDBError } from './index.mjs';
import { DEFAULT_GRAPH, XSD } from './rdf.mjs';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XSD_STRING = `${XSD}string`;
const RDF_LANG_STRING = `${RDF}langString`;
const RDF_DIR_LANG_STRING = `${RDF}dirLangString`;

function invalidTerm(message) {
  return new NervusDBError('INVALID_TERM', message);
}

function abbreviate(s) {
  return s.length > 64 ? `${s.slice(0, 64)}...` : s;
}

// ---------------------------------------------------------------------------------- terms

/** An IRI. */
class NamedNode {
  constructor(value) {
    this.value = value;
  }

  get termType() {
    return 'NamedNode';
  }

  equals(other) {
    return other != null && other.termType === 'NamedNode' && other.value === this.value;
  }
}

/** A blank node; `value` is its label (without `_:`). */
class BlankNode {
  constructor(value) {
    this.value = value;
  }

  get termType() {
    return 'BlankNode';
  }

  equals(other) {
    return other != null && other.termType === 'BlankNode' && other.value === this.value;
  }
}

/** A literal: lexical form `value`, a lowercase `language` ('' if none), its `datatype`, and RDF 1.2's `direction`. */
class Literal {
  constructor(value, language, datatype, direction = '') {
    this.value = value;
    this.language = language;
    this.datatype = datatype;
    this.direction = direction;
  }

  get termType() {
    return 'Literal';
  }

  equals(other) {
    return other != null && other.termType === 'Literal' && other.value === this.value
      && other.language === this.language && (other.direction ?? '') === this.direction
      && this.datatype.equals(other.datatype);
  }
}

/** A variable (`value` without `?`): a wildcard in match(). */
class Variable {
  constructor(value) {
    this.value = value;
  }

  get termType() {
    return 'Variable';
  }

  equals(other) {
    return other != null && other.termType === 'Variable' && other.value === this.value;
  }
}

/** The default graph. */
class DefaultGraph {
  get termType() {
    return 'DefaultGraph';
  }

  get value() {
    return '';
  }

  equals(other) {
    return other != null && other.termType === 'DefaultGraph';
  }
}

const DEFAULT_GRAPH_TERM = new DefaultGraph();

/** A quad (also the term type 'Quad' of RDF 1.2's triple terms, which NervusDB does not store). */
class Quad {
  constructor(subject, predicate, object, graph) {
    this.subject = subject;
    this.predicate = predicate;
    this.object = object;
    this.graph = graph;
  }

  get termType() {
    return 'Quad';
  }

  get value() {
    return '';
  }

  equals(other) {
    return other != null && (other.termType === 'Quad' || other.termType === undefined)
      && this.subject.equals(other.subject) && this.predicate.equals(other.predicate)
      && this.object.equals(other.object) && this.graph.equals(other.graph);
  }
}

const XSD_STRING_TERM = new NamedNode(XSD_STRING);
const LANG_STRING_TERM = new NamedNode(RDF_LANG_STRING);
const DIR_LANG_STRING_TERM = new NamedNode(RDF_DIR_LANG_STRING);

// Labels of new blank nodes: a prefix of this module's load, so that they do not meet the labels
// of blank nodes already stored, and a counter.
const BLANK_PREFIX = `nv${Math.floor(Math.random() * 36 ** 6).toString(36)}${Date.now().toString(36)}b`;
let blankCounter = 0;

/**
 * The RDF/JS DataFactory of this package. Language tags are given in lower case, as RDF/JS
 * terms carry them; `literal(value, { language, direction })` makes an RDF 1.2 directional
 * literal (which NervusDB does not store).
 */
export const dataFactory = Object.freeze({
  namedNode(value) {
    return new NamedNode(String(value));
  },
  blankNode(value) {
    return new BlankNode(value === undefined || value === null ? `${BLANK_PREFIX}${blankCounter++}` : String(value));
  },
  literal(value, languageOrDatatype) {
    const lexical = String(value);
    if (typeof languageOrDatatype === 'string') {
      return languageOrDatatype === '' ? new Literal(lexical, '', XSD_STRING_TERM)
        : new Literal(lexical, languageOrDatatype.toLowerCase(), LANG_STRING_TERM);
    }
    if (languageOrDatatype == null) {
      return new Literal(lexical, '', XSD_STRING_TERM);
    }
    if (languageOrDatatype.termType === undefined && typeof languageOrDatatype.language === 'string') {
      const { language, direction = '' } = languageOrDatatype;
      return new Literal(lexical, language.toLowerCase(), direction ? DIR_LANG_STRING_TERM : LANG_STRING_TERM, direction ?? '');
    }
    return new Literal(lexical, '', new NamedNode(languageOrDatatype.value));
  },
  variable(value) {
    return new Variable(String(value));
  },
  defaultGraph() {
    return DEFAULT_GRAPH_TERM;
  },
  quad(subject, predicate, object, graph) {
    return new Quad(subject, predicate, object, graph ?? DEFAULT_GRAPH_TERM);
  },
  triple(subject, predicate, object) {
    return new Quad(subject, predicate, object, DEFAULT_GRAPH_TERM);
  },
  /** A copy of any RDF/JS term (of another factory too) made by this factory. */
  fromTerm(term) {
    switch (term.termType) {
      case 'NamedNode':
        return new NamedNode(term.value);
      case 'BlankNode':
        return new BlankNode(term.value);
      case 'Literal':
        return new Literal(term.value, term.language ?? '', new NamedNode(term.datatype?.value ?? XSD_STRING),
          term.direction ?? '');
      case 'Variable':
        return new Variable(term.value);
      case 'DefaultGraph':
        return DEFAULT_GRAPH_TERM;
      case 'Quad':
        return dataFactory.fromQuad(term);
      default:
        throw invalidTerm(`not an RDF/JS term: termType ${term.termType}`);
    }
  },
  /** A copy of any RDF/JS quad made by this factory. */
  fromQuad(quad) {
    const { fromTerm } = dataFactory;
    return new Quad(fromTerm(quad.subject), fromTerm(quad.predicate), fromTerm(quad.object),
      fromTerm(quad.graph ?? DEFAULT_GRAPH_TERM));
  },
});

// ------------------------------------------------------------ RDF/JS <-> stored spelling

/** The lexical form quoted and escaped as a stored literal (\" \\ \n \r; every other character as it is). */
function quote(lexical) {
  return `"${lexical.replace(/["\\\n\r]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\${c}`))}"`;
}

// A language tag as N-Triples and Turtle allow it.
const LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

/**
 * A language tag in the letter case BCP 47 recommends, which NervusDB stores: the first subtag
 * and those after a singleton in lower case, other two-letter subtags (regions) in upper case,
 * a four-letter subtag right after the language and its three-letter extensions (the script)
 * with a capital initial, the rest in lower case: en-US, zh-Hant-TW, en-US-x-twain.
 */
export function languageTagCase(tag) {
  const subtags = tag.split('-');
  let singleton = false;
  let scriptPlace = true;
  return subtags.map((sub, index) => {
    let out;
    if (index > 0 && !singleton && sub.length === 2) {
      out = sub.toUpperCase();
    } else if (index > 0 && !singleton && sub.length === 4 && scriptPlace) {
      out = sub[0].toUpperCase() + sub.slice(1).toLowerCase();
    } else {
      out = sub.toLowerCase();
    }
    singleton ||= sub.length === 1;
    if (index > 0 && !(sub.length === 3 && /^[a-zA-Z]{3}$/.test(sub))) {
      scriptPlace = false;
    }
    return out;
  }).join('-');
}

/**
 * The string NervusDB stores for an RDF/JS term (of any factory): an IRI as it is, a blank
 * node as `_:label`, a literal in N-Triples syntax (`"lex"`, `"lex"@en-US` with the tag in
 * BCP 47 case, `"lex"^^<datatype>`; xsd:string literals without a datatype), the default
 * graph as DEFAULT_GRAPH. INVALID_TERM for variables, triple terms, directional literals
 * and IRIs that would read as another kind of term (starting with `"` or `_:`).
 */
export function toStoredTerm(term) {
  switch (term?.termType) {
    case 'NamedNode': {
      const v = term.value;
      if (typeof v !== 'string' || v.startsWith('"') || v.startsWith('_:')) {
        throw invalidTerm(`an IRI NervusDB can store does not start with '"' or '_:': ${abbreviate(String(v))}`);
      }
      return v;
    }
    case 'BlankNode':
      if (typeof term.value !== 'string' || term.value === '') {
        throw invalidTerm('a blank node has a label');
      }
      return `_:${term.value}`;
    case 'Literal': {
      const { value, language, direction } = term;
      if (typeof value !== 'string') {
        throw invalidTerm(`a literal's value is a string, got ${typeof value}`);
      }
      if (direction) {
        throw invalidTerm(`NervusDB stores no base direction of a literal (RDF 1.2): ${abbreviate(quote(value))}@${language}--${direction}`);
      }
      if (language) {
        if (!LANGUAGE.test(language)) {
          throw invalidTerm(`${JSON.stringify(language)} is not a language tag (such as en or pt-BR)`);
        }
        return `${quote(value)}@${languageTagCase(language)}`;
      }
      const datatype = term.datatype?.value ?? XSD_STRING;
      if (datatype === XSD_STRING) {
        return quote(value);
      }
      if (datatype === RDF_LANG_STRING || datatype === RDF_DIR_LANG_STRING) {
        throw invalidTerm(`a literal of datatype ${datatype} has a language tag: ${abbreviate(quote(value))}`);
      }
      return `${quote(value)}^^<${datatype}>`;
    }
    case 'DefaultGraph':
      return DEFAULT_GRAPH;
    case 'Variable':
      throw invalidTerm(`a variable (?${term.value}) is not a term NervusDB stores; in match() it matches any term`);
    case 'Quad':
      throw invalidTerm('NervusDB stores no triple terms (quoted triples)');
    default:
      throw invalidTerm(`not an RDF/JS term: ${term === null || typeof term !== 'object' ? String(term) : `termType ${term.termType}`}`);
  }
}

const LITERAL_SPECIAL = /["\\]/g;
const UNESCAPE = { n: '\n', r: '\r', '"': '"', '\\': '\\' };

/**
 * The RDF/JS term of a string NervusDB stores: `"..."` (with `@lang` or `^^<datatype>`) a
 * literal, `_:label` a blank node, anything else an IRI (plain names such as `alice` are
 * relative IRIs). Language tags come in lower case. `factory` (default: this package's)
 * makes the terms.
 */
export function fromStoredTerm(stored, factory = dataFactory) {
  if (typeof stored !== 'string') {
    throw invalidTerm(`a stored term is a string, got ${stored === null ? 'null' : typeof stored}`);
  }
  if (stored.startsWith('_:')) {
    return factory.blankNode(stored.slice(2));
  }
  if (!stored.startsWith('"')) {
    return factory.namedNode(stored);
  }
  let lexical = '';
  let at = 1;
  for (;;) {
    LITERAL_SPECIAL.lastIndex = at;
    const m = LITERAL_SPECIAL.exec(stored);
    if (m === null) {
      throw invalidTerm(`literal term has no closing quote: ${abbreviate(stored)}`);
    }
    lexical += stored.slice(at, m.index);
    if (m[0] === '"') {
      at = m.index + 1;
      break;
    }
    const escaped = UNESCAPE[stored[m.index + 1]];
    if (escaped === undefined) {
      throw invalidTerm(`literal term has an unknown escape \\${stored[m.index + 1] ?? ''}: ${abbreviate(stored)}`);
    }
    lexical += escaped;
    at = m.index + 2;
  }
  if (at === stored.length) {
    return factory.literal(lexical);
  }
  if (stored[at] === '@' && at + 1 < stored.length) {
    return factory.literal(lexical, stored.slice(at + 1).toLowerCase());
  }
  if (stored.startsWith('^^<', at) && stored.endsWith('>')) {
    return factory.literal(lexical, factory.namedNode(stored.slice(at + 3, -1)));
  }
  throw invalidTerm(`literal term has text after its closing quote: ${abbreviate(stored)}`);
}

/** The RDF/JS graph of a stored graph name: DEFAULT_GRAPH, null or undefined is the default graph. */
function fromStoredGraph(graph, factory) {
  return graph === DEFAULT_GRAPH || graph == null ? factory.defaultGraph() : fromStoredTerm(graph, factory);
}

/** The graph of an RDF/JS quad, as add() and addBatch() take it; INVALID_TERM for a literal. */
function toStoredGraph(graph) {
  if (graph == null || graph.termType === 'DefaultGraph') {
    return DEFAULT_GRAPH;
  }
  if (graph.termType === 'Literal') {
    throw invalidTerm(`a literal cannot name a graph: ${abbreviate(toStoredTerm(graph))}`);
  }
  return toStoredTerm(graph);
}

/** A quad as NervusDB's add(), addBatch() and delete() take it: `{ subject, predicate, object, graph }` of stored terms. */
export function toStoredQuad(quad) {
  if (quad === null || typeof quad !== 'object') {
    throw invalidTerm(`not an RDF/JS quad: ${String(quad)}`);
  }
  return {
    subject: toStoredTerm(quad.subject),
    predicate: toStoredTerm(quad.predicate),
    object: toStoredTerm(quad.object),
    graph: toStoredGraph(quad.graph),
  };
}

/** The RDF/JS quad of a quad of stored terms (find() results; a graph absent, null or DEFAULT_GRAPH is the default graph). */
export function fromStoredQuad(quad, factory = dataFactory) {
  return factory.quad(fromStoredTerm(quad.subject, factory), fromStoredTerm(quad.predicate, factory),
    fromStoredTerm(quad.object, factory), fromStoredGraph(quad.graph, factory));
}

// ------------------------------------------------------------------ events and streams

/** Calls fn soon, after pending I/O (setImmediate in Node, a zero timeout elsewhere). */
const later = typeof globalThis.setImmediate === 'function' ? (fn) => globalThis.setImmediate(fn) : (fn) => setTimeout(fn, 0);

/**
 * A small event emitter with the methods of Node's EventEmitter that stream consumers call:
 * on/addListener, once, prependListener, off/removeListener, removeAllListeners, emit,
 * listenerCount, listeners, eventNames.
 * As in Node, an 'error' emitted with no listener is thrown.
 */
export class EventEmitter {
  #events = new Map();
  #max = 10;

  on(name, listener) {
    if (typeof listener !== 'function') {
      throw new TypeError(`a listener is a function, got ${typeof listener}`);
    }
    const list = this.#events.get(name);
    if (list === undefined) {
      this.#events.set(name, [listener]);
    } else {
      list.push(listener);
    }
    this._listening(name);
    return this;
  }

  addListener(name, listener) {
    return this.on(name, listener);
  }

  prependListener(name, listener) {
    this.on(name, listener);
    const list = this.#events.get(name);
    list.unshift(list.pop());
    return this;
  }

  once(name, listener) {
    const wrapper = (...args) => {
      this.removeListener(name, wrapper);
      listener.apply(this, args);
    };
    wrapper.listener = listener;
    return this.on(name, wrapper);
  }

  removeListener(name, listener) {
    const list = this.#events.get(name);
    if (list !== undefined) {
      const i = list.findLastIndex((l) => l === listener || l.listener === listener);
      if (i >= 0) {
        list.splice(i, 1);
        if (list.length === 0) {
          this.#events.delete(name);
        }
      }
    }
    return this;
  }

  off(name, listener) {
    return this.removeListener(name, listener);
  }

  removeAllListeners(name) {
    if (name === undefined) {
      this.#events.clear();
    } else {
      this.#events.delete(name);
    }
    return this;
  }

  emit(name, ...args) {
    const list = this.#events.get(name);
    if (list === undefined) {
      if (name === 'error') {
        throw args[0] instanceof Error ? args[0] : new Error(`unhandled 'error' event: ${args[0]}`);
      }
      return false;
    }
    for (const listener of [...list]) {
      listener.apply(this, args);
    }
    return true;
  }

  listenerCount(name) {
    return this.#events.get(name)?.length ?? 0;
  }

  listeners(name) {
    return (this.#events.get(name) ?? []).map((l) => l.listener ?? l);
  }

  rawListeners(name) {
    return [...(this.#events.get(name) ?? [])];
  }

  prependOnceListener(name, listener) {
    this.once(name, listener);
    const list = this.#events.get(name);
    list.unshift(list.pop());
    return this;
  }

  eventNames() {
    return [...this.#events.keys()];
  }

  /** Kept for Node's API; there is no listener limit here. */
  setMaxListeners(n) {
    this.#max = n;
    return this;
  }

  getMaxListeners() {
    return this.#max;
  }

  /** @internal Called after a listener is added. */
  _listening() {}
}

// Items a flowing stream emits before it lets the event loop run.
const FLOW_CHUNK = 4096;

/**
 * A readable stream of objects with the behaviour of Node's object-mode Readable that RDF/JS
 * consumers rely on: 'data' listeners (or resume()) make it flow, pause() stops it; read()
 * gives the next item or null, with 'readable' when items arrive; then 'end' and 'close';
 * 'error' (then 'close') on failure; destroy(); pipe(destination); for await...of.
 * The items are filled in by the store (`_push`, `_done`, `_fail`), converted on the way out.
 */
export class ObjectStream extends EventEmitter {
  #buffer = [];
  #at = 0;
  #convert;
  #ended = false; // no more items will be pushed
  #endEmitted = false;
  #flowing = null; // null until a consumer chooses, then true (flowing) or false (paused)
  #scheduled = false;
  #destroyed = false;
  #waiters = [];
  #error = null;
  #reading = false; // read() was called
  #iterating = false; // a for await...of reads the stream

  /** @internal `convert` maps each pushed item to what the stream gives. */
  constructor(convert = (x) => x) {
    super();
    this.#convert = convert;
  }

  /** Whether items may still be read (false after 'end', an error or destroy()). */
  get readable() {
    return !this.#endEmitted && !this.#destroyed;
  }

  get readableEnded() {
    return this.#endEmitted;
  }

  get destroyed() {
    return this.#destroyed;
  }

  get readableObjectMode() {
    return true;
  }

  /** @internal */
  _push(items) {
    if (this.#destroyed || this.#ended) {
      return;
    }
    for (const item of items) {
      this.#buffer.push(item);
    }
    this.#schedule();
  }

  /** @internal No more items. */
  _done() {
    if (!this.#destroyed && !this.#ended) {
      this.#ended = true;
      this.#schedule();
    }
  }

  /** @internal The stream fails: 'error', then 'close'. */
  _fail(error) {
    if (this.#destroyed) {
      return;
    }
    this.#destroyed = true;
    this.#error = error;
    this.#buffer = [];
    this.#at = 0;
    this.#wake();
    later(() => {
      if (!this.#iterating || this.listenerCount('error') > 0) {
        this.emit('error', error); // thrown when nothing listens, as in Node
      }
      this.emit('close');
    });
  }

  #available() {
    return this.#buffer.length - this.#at;
  }

  #take() {
    const raw = this.#buffer[this.#at];
    this.#buffer[this.#at++] = undefined;
    if (this.#at === this.#buffer.length) {
      this.#buffer = [];
      this.#at = 0;
    } else if (this.#at >= 65536 && this.#at * 2 >= this.#buffer.length) {
      this.#buffer = this.#buffer.slice(this.#at);
      this.#at = 0;
    }
    return this.#convert(raw);
  }

  /** The next item, or null when none is there now (then 'readable' or 'end' follows). */
  read() {
    this.#reading = true;
    if (this.#destroyed) {
      return null;
    }
    if (this.#available() > 0) {
      try {
        return this.#take();
      } catch (e) {
        this._fail(e);
        return null;
      }
    }
    if (this.#ended) {
      this.#schedule();
    }
    return null;
  }

  /** Starts (or resumes) the flow of 'data' events. */
  resume() {
    this.#flowing = true;
    this.#schedule();
    return this;
  }

  /** Stops the flow of 'data' events until resume(). */
  pause() {
    this.#flowing = false;
    return this;
  }

  isPaused() {
    return this.#flowing === false;
  }

  /** Stops the stream: no more items; 'error' first if an error is given, then 'close'. */
  destroy(error) {
    if (this.#destroyed) {
      return this;
    }
    if (error) {
      this._fail(error);
      return this;
    }
    this.#destroyed = true;
    this.#buffer = [];
    this.#at = 0;
    this.#wake();
    later(() => this.emit('close'));
    return this;
  }

  /**
   * Writes the items to a writable destination (such as N3.js's StreamWriter), waiting for its
   * 'drain' when write() returns false; ends it at the end unless `{ end: false }`.
   */
  pipe(destination, { end = true } = {}) {
    const onDrain = () => this.resume();
    destination.on?.('drain', onDrain);
    this.on('data', (item) => {
      if (destination.write(item) === false) {
        this.pause();
      }
    });
    this.once('end', () => {
      destination.removeListener?.('drain', onDrain);
      if (end) {
        destination.end();
      }
    });
    return destination;
  }

  _listening(name) {
    if (name === 'data' && this.#flowing !== false) {
      this.resume();
    } else if (name === 'readable' || name === 'end') {
      this.#schedule();
    }
  }

  #schedule() {
    this.#wake();
    if (!this.#scheduled && !this.#destroyed) {
      this.#scheduled = true;
      later(() => {
        this.#scheduled = false;
        this.#run();
      });
    }
  }

  #wake() {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) {
      w();
    }
  }

  #run() {
    if (this.#destroyed || this.#endEmitted) {
      return;
    }
    if (this.#flowing) {
      for (let n = 0; n < FLOW_CHUNK && this.#flowing && this.#available() > 0 && !this.#destroyed; n++) {
        let item;
        try {
          item = this.#take();
        } catch (e) {
          this._fail(e);
          return;
        }
        this.emit('data', item);
      }
      if (this.#flowing && this.#available() > 0) {
        this.#schedule();
        return;
      }
    } else if (this.#available() > 0) {
      this.emit('readable');
      return;
    }
    // 'end' once the stream is read to its end: flowing, or read() (or a 'readable' listener that will call it).
    if (this.#ended && this.#available() === 0 && !this.#destroyed
      && (this.#flowing || this.#reading || this.listenerCount('readable') > 0)) {
      this.#endEmitted = true;
      this.emit('end');
      this.#destroyed = true;
      this.emit('close');
    }
  }

  /** for await (const item of stream): reads the stream; leaving the loop early destroys it. */
  async* [Symbol.asyncIterator]() {
    this.#iterating = true;
    try {
      for (;;) {
        if (this.#error !== null) {
          throw this.#error;
        }
        if (this.#available() > 0 && !this.#destroyed) {
          yield this.#take();
          continue;
        }
        if ((this.#ended && this.#available() === 0) || this.#destroyed) {
          if (this.#error !== null) {
            throw this.#error;
          }
          if (!this.#endEmitted && !this.#destroyed) {
            this.#endEmitted = true;
            this.#destroyed = true;
            later(() => {
              this.emit('end');
              this.emit('close');
            });
          }
          return;
        }
        await new Promise((resolve) => {
          this.#waiters.push(resolve);
        });
      }
    } finally {
      if (!this.#endEmitted && !this.#destroyed) {
        this.destroy();
      }
    }
  }
}

// ------------------------------------------------------------------------------- store

/** A pattern term of match(): undefined for a wildcard (undefined, null, a variable). */
function patternTerm(term) {
  return term == null || term.termType === 'Variable' ? undefined : term;
}

/**
 * The find() criteria of an RDF/JS pattern, or null when it can match nothing in NervusDB (a
 * triple term; a literal as graph). Throws INVALID_TERM for what is not a term.
 */
function criteria(subject, predicate, object, graph) {
  const out = { graph: null }; // ANY_GRAPH
  const terms = [['subject', subject], ['predicate', predicate], ['object', object]];
  for (const [key, t] of terms) {
    const term = patternTerm(t);
    if (term !== undefined) {
      if (term.termType === 'Quad') {
        return null;
      }
      out[key] = toStoredTerm(term);
    }
  }
  const g = patternTerm(graph);
  if (g !== undefined) {
    if (g.termType === 'Quad' || g.termType === 'Literal') {
      return null;
    }
    out.graph = g.termType === 'DefaultGraph' ? DEFAULT_GRAPH : toStoredTerm(g);
  }
  return out;
}

/**
 * An RDF/JS Store (a Source and a Sink of quads) over an open NervusDB database. Quads are the
 * database's quads: the default graph's triples with the DefaultGraph term, named graphs with
 * their names. Terms convert as toStoredTerm() and fromStoredTerm() say.
 *
 * - match(s, p, o, g): a stream of the quads matching; undefined, null or a variable matches
 *   any term, a graph of undefined or null every graph (the default graph first), DefaultGraph
 *   the default graph only. The matching quads are read at the call, in one read of the
 *   database (the stream gives the state at that moment, so `remove(match(...))` is safe).
 * - countQuads(s, p, o, g): how many quads match (as Comunica asks).
 * - import(stream), remove(stream): add or delete the stream's quads in commits of
 *   `batchSize` quads (default 10,000; each commit one addBatch() or deleteBatch()); the
 *   returned emitter emits 'end' when all are committed, or 'error' (the commits before the
 *   error stay).
 * - removeMatches(s, p, o, g), deleteGraph(g): delete the quads matching, in the same commits.
 *   The graph's name stays in db.graphs() (NervusDB keeps empty graphs until dropped:
 *   `db.update('DROP GRAPH <g>')`).
 */
export class RdfStore {
  #db;
  #factory;
  #batchSize;

  /**
   * @param db an open NervusDB database
   * @param options `factory`: the DataFactory of the terms given out (default: dataFactory);
   *   `batchSize`: the quads of one commit in import(), remove() and removeMatches()
   */
  constructor(db, { factory = dataFactory, batchSize = 10000 } = {}) {
    if (db === null || typeof db !== 'object' || typeof db.find !== 'function') {
      throw new NervusDBError('INVALID_ARGUMENT', 'RdfStore wraps a NervusDB database');
    }
    if (!Number.isSafeInteger(batchSize) || batchSize <= 0) {
      throw new NervusDBError('INVALID_ARGUMENT', `batchSize must be a positive integer, got ${batchSize}`);
    }
    this.#db = db;
    this.#factory = factory;
    this.#batchSize = batchSize;
  }

  /** The database. */
  get db() {
    return this.#db;
  }

  /** The DataFactory of the terms this store gives out. */
  get factory() {
    return this.#factory;
  }

  /** A stream of the quads matching the pattern (read at the call; see the class). */
  match(subject, predicate, object, graph) {
    const factory = this.#factory;
    const stream = new ObjectStream((q) => fromStoredQuad(q, factory));
    let pattern;
    try {
      pattern = criteria(subject, predicate, object, graph);
    } catch (e) {
      stream._fail(e);
      return stream;
    }
    if (pattern === null) {
      stream._done();
      return stream;
    }
    let read;
    try {
      read = this.#db.find(pattern).all(); // called now, so that the stream gives the state at the call
    } catch (e) {
      read = Promise.reject(e);
    }
    read.then((quads) => {
      stream._push(quads);
      stream._done();
    }, (e) => stream._fail(e));
    return stream;
  }

  /** How many quads match the pattern (as match() reads them). */
  async countQuads(subject, predicate, object, graph) {
    const pattern = criteria(subject, predicate, object, graph);
    return pattern === null ? 0 : this.#db.count(pattern);
  }

  /** The quads matching the pattern, in an array. */
  async getQuads(subject, predicate, object, graph) {
    const pattern = criteria(subject, predicate, object, graph);
    if (pattern === null) {
      return [];
    }
    return (await this.#db.find(pattern).all()).map((q) => fromStoredQuad(q, this.#factory));
  }

  /** Whether the quad is in the store (its graph: the default graph if it has none). */
  async has(quad) {
    return this.#db.contains(toStoredQuad(quad));
  }

  /** Adds quads in one commit; resolves to how many were new. */
  async addQuads(quads) {
    return this.#db.addBatch(Array.from(quads, toStoredQuad));
  }

  /** Removes quads in one commit; resolves to how many were there. */
  async removeQuads(quads) {
    return this.#db.deleteBatch(Array.from(quads, toStoredQuad));
  }

  /** Adds the quads of a stream (an RDF/JS Stream, such as N3.js's StreamParser), in commits of batchSize quads. */
  import(stream) {
    return this.#consume(stream, (quads) => this.#db.addBatch(quads));
  }

  /** Removes the quads of a stream, in commits of batchSize quads. */
  remove(stream) {
    return this.#consume(stream, (quads) => this.#db.deleteBatch(quads));
  }

  /** Removes the quads matching the pattern (wildcards as in match()), in commits of batchSize quads. */
  removeMatches(subject, predicate, object, graph) {
    const done = new EventEmitter();
    let pattern;
    try {
      pattern = criteria(subject, predicate, object, graph);
    } catch (e) {
      later(() => done.emit('error', e));
      return done;
    }
    (async () => {
      if (pattern !== null) {
        const quads = await this.#db.find(pattern).all();
        for (let i = 0; i < quads.length; i += this.#batchSize) {
          await this.#db.deleteBatch(quads.slice(i, i + this.#batchSize));
        }
      }
    })().then(() => done.emit('end'), (e) => done.emit('error', e));
    return done;
  }

  /**
   * Removes every quad of a graph: a term (DefaultGraph for the default graph), or a string, the
   * graph's name as NervusDB stores it. The name stays in db.graphs() until dropped.
   */
  deleteGraph(graph) {
    let g = graph;
    if (typeof graph === 'string') {
      g = graph === DEFAULT_GRAPH ? DEFAULT_GRAPH_TERM : fromStoredTerm(graph);
    }
    if (g == null || g.termType === 'Variable') {
      const done = new EventEmitter();
      later(() => done.emit('error', new NervusDBError('INVALID_ARGUMENT', 'deleteGraph takes a graph, not a wildcard')));
      return done;
    }
    return this.removeMatches(undefined, undefined, undefined, g);
  }

  /**
   * Reads a stream of RDF/JS quads into commits of batchSize quads, pausing the stream while a
   * commit runs (where it can pause). Emits 'end' after the last commit, or 'error' once.
   */
  #consume(stream, commit) {
    const done = new EventEmitter();
    if (stream === null || typeof stream !== 'object' || typeof stream.on !== 'function') {
      later(() => done.emit('error', new NervusDBError('INVALID_ARGUMENT', 'import() and remove() take a stream of quads')));
      return done;
    }
    const size = this.#batchSize;
    let chunk = [];
    let pending = Promise.resolve(); // the commits, one after the other
    let running = 0;
    let stopped = false; // no more quads are taken from the stream
    let commitFailed = false;
    let reported = false;
    const report = (e) => {
      if (!reported) {
        reported = true;
        later(() => done.emit('error', e));
      }
    };
    const stop = () => {
      stopped = true;
      stream.removeListener?.('data', onData);
      stream.removeListener?.('end', onEnd);
    };
    // A failure of the stream, or a quad that is not one: the full chunks before it are
    // committed, then 'error'.
    const fail = (e) => {
      if (!stopped) {
        stop();
        pending.then(() => report(e));
      }
    };
    const flush = () => {
      const quads = chunk;
      chunk = [];
      running++;
      pending = pending.then(() => (commitFailed ? undefined : commit(quads))).then(() => {
        running--;
        if (running === 0 && !stopped) {
          stream.resume?.();
        }
      }, (e) => {
        commitFailed = true;
        stop();
        report(e);
      });
    };
    function onData(quad) {
      if (stopped) {
        return;
      }
      try {
        chunk.push(toStoredQuad(quad));
      } catch (e) {
        fail(e);
        return;
      }
      if (chunk.length >= size) {
        stream.pause?.();
        flush();
      }
    }
    function onEnd() {
      if (stopped) {
        return;
      }
      stopped = true;
      if (chunk.length > 0) {
        flush();
      }
      pending.then(() => {
        if (!commitFailed) {
          done.emit('end');
        }
      });
    }
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', fail);
    return done;
  }
}
