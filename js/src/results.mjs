// Lists of strings out of the core, one byte array per call (written by JsNervusDB in nervusdb-js):
// their text is UTF-8 in one block, decoded with one TextDecoder call and cut by lengths, and
// stored terms come through a term cache that mirrors the core's: a term the cache slot
// already holds is sent as its slot alone. Each engine (one store in one module) has its own
// cache, and decodes every result as soon as its call returns, in call order.
//
// Layout: headLength (4 bytes, little-endian), head, text. Head: one varint per string: 0 null; 4n+1 the next n
// UTF-16 units of the text; 4s+2 the string in slot s; 4n+3 then s: the next n units of the
// text, put in slot s; 4n (n > 0) then n varints: a string that is not valid UTF-16, as units.

const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** The number of slots of a term cache: the core's JsNervusDB.SLOTS. */
export const CACHE_SLOTS = 1 << 14;

/** A new, empty term cache for one store. */
export function termCache() {
  return new Array(CACHE_SLOTS).fill(null);
}

/** The strings (or nulls) of one result array `bytes` (an Int8Array) from the store whose cache is `cache`. */
export function decodeList(bytes, cache) {
  const u = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  let pos = 4;
  const varint = () => {
    let b = u[pos++];
    if (b < 0x80) {
      return b;
    }
    let v = b & 0x7f;
    let scale = 0x80;
    do {
      b = u[pos++];
      v += (b & 0x7f) * scale;
      scale *= 0x80;
    } while (b >= 0x80);
    return v;
  };
  const headLength = u.length < 4 ? -1 : (u[0] | u[1] << 8 | u[2] << 16 | u[3] << 24) >>> 0;
  const end = 4 + headLength;
  if (headLength < 0 || end > u.length) {
    throw new RangeError(`a result of ${u.length} bytes announces a head of ${headLength}`);
  }
  const text = end < u.length ? UTF8.decode(u.subarray(end)) : '';
  const out = [];
  let at = 0;
  while (pos < end) {
    const t = varint();
    const kind = t % 4;
    const n = (t - kind) / 4;
    if (kind === 2) {
      out.push(cache[n]);
    } else if (kind !== 0) {
      const s = text.substring(at, at + n);
      at += n;
      if (kind === 3) {
        cache[varint()] = s;
      }
      out.push(s);
    } else if (n === 0) {
      out.push(null);
    } else {
      const units = new Array(n);
      for (let i = 0; i < n; i++) {
        units[i] = varint();
      }
      out.push(String.fromCharCode(...units));
    }
  }
  if (at !== text.length) {
    throw new RangeError(`a result's text has ${text.length} units, its head names ${at}`);
  }
  return out;
}
