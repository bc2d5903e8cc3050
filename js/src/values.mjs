// Property values and transactions in the byte forms the core reads (docs/format/keys.md,
// "Properties and labels"): values are encoded and decoded here, so that a commit or a read
// crosses into the core as one byte string rather than as many small JavaScript objects.

const MAX_DEPTH = 64;
const MAX_VALUE_BYTES = 1 << 20;

const NULL = 0x00;
const FALSE = 0x01;
const TRUE = 0x02;
const INT = 0x03;
const FLOAT = 0x04;
const STRING = 0x05;
const LIST = 0x06;
const MAP = 0x07;

// Transaction op kinds.
export const ADD = 0;
export const DELETE = 1;
export const NODE_PROPERTIES = 2;
export const EDGE_PROPERTIES = 3;
export const ADD_LABELS = 4;
export const REMOVE_LABELS = 5;
export const ADD_QUAD = 6;
export const DELETE_QUAD = 7;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A growable byte buffer. */
class Bytes {
  constructor() {
    this.buf = new Uint8Array(256);
    this.length = 0;
  }

  #room(n) {
    if (this.length + n > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
  }

  byte(b) {
    this.#room(1);
    this.buf[this.length++] = b;
  }

  /** An unsigned varint (7 bits a byte, low first) of a non-negative safe integer or BigInt. */
  varint(v) {
    if (typeof v === 'bigint') {
      while (v >= 0x80n) {
        this.byte(Number(v & 0x7fn) | 0x80);
        v >>= 7n;
      }
      this.byte(Number(v));
      return;
    }
    while (v >= 0x80) {
      this.byte((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.byte(v);
  }

  raw(bytes) {
    this.#room(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** A well-formed string as varint length and UTF-8; `fail` names the fault otherwise. */
  string(s, fail) {
    if (!wellFormed(s)) {
      fail(`${describe(s)} is not well-formed UTF-16 (it has a lone surrogate)`);
    }
    const u = encoder.encode(s);
    this.varint(u.length);
    this.raw(u);
  }

  bytes() {
    return this.buf.slice(0, this.length);
  }
}

// A lone surrogate: a high one not followed by a low one, or a low one not after a high one.
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function wellFormed(s) {
  return typeof s.isWellFormed === 'function' ? s.isWellFormed() : !LONE.test(s);
}

function describe(s) {
  return s.length > 40 ? `'${s.slice(0, 40)}...'` : `'${s}'`;
}

/**
 * The stored encoding of a property map (a plain object), as JSON would see it: members that
 * are undefined are left out, a Date (anything with toJSON) becomes what toJSON gives. Numbers
 * are integers (stored exactly up to 2^53, or as BigInt within 64 bits) or finite floats;
 * strings must be well-formed. `fail(message)` throws the caller's error.
 */
export function encodeMap(props, what, fail) {
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    fail(`${what} must be an object, got ${props === null ? 'null' : Array.isArray(props) ? 'an array' : typeof props}`);
  }
  const out = new Bytes();
  value(props, out, what, fail, 0, new Set());
  if (out.length > MAX_VALUE_BYTES) {
    fail(`${what} is ${out.length} bytes encoded; the limit is ${MAX_VALUE_BYTES}`);
  }
  return out.bytes();
}

/** The stored encoding of one value (a bound of a property condition). */
export function encodeValue(v, what, fail) {
  const out = new Bytes();
  value(v, out, what, fail, 0, new Set());
  return out.bytes();
}

function value(v, out, what, fail, depth, open) {
  if (v !== null && typeof v === 'object' && typeof v.toJSON === 'function') {
    v = v.toJSON();
  }
  switch (typeof v) {
    case 'boolean':
      out.byte(v ? TRUE : FALSE);
      return;
    case 'number':
      if (!Number.isFinite(v)) {
        fail(`${what}: ${v} is not a finite number`);
      }
      if (Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER) {
        out.byte(INT);
        out.varint(v >= 0 ? BigInt(v) * 2n : BigInt(-v) * 2n - 1n);
      } else {
        out.byte(FLOAT);
        const b = new Uint8Array(8);
        new DataView(b.buffer).setFloat64(0, v, true);
        out.raw(b);
      }
      return;
    case 'bigint':
      if (v < INT64_MIN || v > INT64_MAX) {
        fail(`${what}: ${v} is beyond 64 bits`);
      }
      out.byte(INT);
      out.varint(v >= 0n ? v * 2n : -v * 2n - 1n);
      return;
    case 'string':
      out.byte(STRING);
      out.string(v, (m) => fail(`${what}: ${m}`));
      return;
    case 'object':
      break;
    default:
      fail(`${what}: a ${typeof v} is not a property value (values are null, booleans, numbers, strings, arrays and plain objects)`);
  }
  if (v === null) {
    out.byte(NULL);
    return;
  }
  if (depth >= MAX_DEPTH) {
    fail(`${what} nests deeper than ${MAX_DEPTH} levels`);
  }
  if (open.has(v)) {
    fail(`${what} contains itself`);
  }
  open.add(v);
  if (Array.isArray(v)) {
    out.byte(LIST);
    out.varint(v.length);
    for (const item of v) {
      value(item === undefined ? null : item, out, what, fail, depth + 1, open);
    }
  } else {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      fail(`${what}: a ${v.constructor?.name ?? 'non-plain object'} is not a property value (use a plain object)`);
    }
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    out.byte(MAP);
    out.varint(keys.length);
    for (const k of keys) {
      out.string(k, (m) => fail(`${what}: the name ${m}`));
      value(v[k], out, what, fail, depth + 1, open);
    }
  }
  open.delete(v);
}

/** The value of stored bytes (a Uint8Array), as encodeMap / encodeValue wrote them. */
export function decode(bytes) {
  const pos = { at: 0 };
  const v = read(bytes, pos);
  if (pos.at !== bytes.length) {
    throw new Error('trailing bytes after a property value');
  }
  return v;
}

function varint(b, pos) {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos.at >= b.length) {
      throw new Error('property value cut short');
    }
    const x = b[pos.at++];
    result |= BigInt(x & 0x7f) << shift;
    if (x < 0x80) {
      return result;
    }
    shift += 7n;
  }
}

function length(b, pos) {
  const n = Number(varint(b, pos));
  if (n > b.length - pos.at) {
    throw new Error('property value cut short');
  }
  return n;
}

function read(b, pos) {
  const tag = b[pos.at++];
  switch (tag) {
    case NULL:
      return null;
    case FALSE:
      return false;
    case TRUE:
      return true;
    case INT: {
      const z = varint(b, pos);
      const v = z & 1n ? -(z >> 1n) - 1n : z >> 1n;
      return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    }
    case FLOAT: {
      if (pos.at + 8 > b.length) {
        throw new Error('property value cut short');
      }
      const v = new DataView(b.buffer, b.byteOffset + pos.at, 8).getFloat64(0, true);
      pos.at += 8;
      return v;
    }
    case STRING: {
      const n = length(b, pos);
      const s = decoder.decode(b.subarray(pos.at, pos.at + n));
      pos.at += n;
      return s;
    }
    case LIST: {
      const n = length(b, pos);
      const out = new Array(n);
      for (let i = 0; i < n; i++) {
        out[i] = read(b, pos);
      }
      return out;
    }
    case MAP: {
      const n = length(b, pos);
      const out = {};
      for (let i = 0; i < n; i++) {
        const k = length(b, pos);
        const name = decoder.decode(b.subarray(pos.at, pos.at + k));
        pos.at += k;
        // defineProperty: a member named __proto__ stays a member.
        Object.defineProperty(out, name, { value: read(b, pos), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    default:
      throw new Error(`unknown property value tag ${tag}`);
  }
}

/** Bytes as a string of one char per byte, as the core's read and where calls exchange them. */
export function toLatin1(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
  }
  return s;
}

export function fromLatin1(s) {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    out[i] = s.charCodeAt(i);
  }
  return out;
}

/** A transaction being written: ops in order, as the core's commit call reads them. */
export class TxWriter {
  #out = new Bytes();
  #fail;
  size = 0;

  /** `fail(message)` throws the caller's error for a term that is not well-formed. */
  constructor(fail) {
    this.#fail = fail;
  }

  #term(t) {
    this.#out.string(t, (m) => this.#fail(`term ${m}`));
  }

  triple(kind, s, p, o) {
    this.#out.byte(kind);
    this.#term(s);
    this.#term(p);
    this.#term(o);
    this.size++;
  }

  /** A quad write (ADD_QUAD or DELETE_QUAD): the triple in the named graph g. */
  quad(kind, s, p, o, g) {
    this.triple(kind, s, p, o);
    this.#term(g);
  }

  nodeProperties(node, map) {
    this.#out.byte(NODE_PROPERTIES);
    this.#term(node);
    this.#out.varint(map.length);
    this.#out.raw(map);
    this.size++;
  }

  edgeProperties(s, p, o, map) {
    this.#out.byte(EDGE_PROPERTIES);
    this.#term(s);
    this.#term(p);
    this.#term(o);
    this.#out.varint(map.length);
    this.#out.raw(map);
    this.size++;
  }

  labels(kind, node, labels) {
    this.#out.byte(kind);
    this.#term(node);
    this.#out.varint(labels.length);
    for (const l of labels) {
      this.#out.string(l, (m) => this.#fail(`label ${m}`));
    }
    this.size++;
  }

  /** The ops as an Int8Array, the type the core's commit takes. */
  bytes() {
    const b = this.#out.bytes();
    return new Int8Array(b.buffer, b.byteOffset, b.length);
  }
}
