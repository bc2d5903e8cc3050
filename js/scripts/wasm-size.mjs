#!/usr/bin/env node
// Where the bytes of the WebAssembly build go: the size of each function's code, by class and
// by function, read from the debug build (which keeps a name section; the optimized build has
// the same code without names).
//
// usage: node scripts/wasm-size.mjs [path/to/debug/nervusdb-core.wasm or nervusdb-full.wasm] [--top N]
// (default: the storage core module's debug build)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 30;
const file = args.find((a, i) => !a.startsWith('--') && i !== topAt + 1)
  ?? fileURLToPath(new URL('../../nervusdb-js/target/wasm-gc-debug/nervusdb-core.wasm', import.meta.url));
const b = readFileSync(file);

function leb(pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const x = b[pos.at++];
    result += (x & 0x7f) * 2 ** shift;
    shift += 7;
    if (x < 0x80) return result;
  }
}
// A value type: one byte, or a reference type (0x63/0x64) followed by a heap type (s33).
function valtype(pos) {
  const t = b[pos.at++];
  if (t === 0x63 || t === 0x64) {
    while (b[pos.at] & 0x80) pos.at++;
    pos.at++;
  }
}
function limits(pos) {
  const flags = leb(pos);
  leb(pos);
  if (flags & 1) leb(pos);
}

const sections = [];
for (const pos = { at: 8 }; pos.at < b.length;) {
  const id = b[pos.at++];
  const size = leb(pos);
  sections.push({ id, start: pos.at, size });
  pos.at += size;
}
let imported = 0;
const names = new Map();
let code;
for (const s of sections) {
  const pos = { at: s.start };
  if (s.id === 2) {
    for (let n = leb(pos); n > 0; n--) {
      for (let part = 0; part < 2; part++) { // module and field names
        const len = leb(pos);
        pos.at += len;
      }
      const kind = b[pos.at++];
      if (kind === 0) { leb(pos); imported++; }
      else if (kind === 1) { valtype(pos); limits(pos); }
      else if (kind === 2) limits(pos);
      else if (kind === 3) { valtype(pos); pos.at++; }
      else if (kind === 4) { pos.at++; leb(pos); }
    }
  } else if (s.id === 10) {
    code = s;
  } else if (s.id === 0) {
    const len = leb(pos);
    const name = b.toString('utf8', pos.at, pos.at + len);
    pos.at += len;
    if (name !== 'name') continue;
    while (pos.at < s.start + s.size) {
      const sub = b[pos.at++];
      const size = leb(pos);
      const end = pos.at + size;
      if (sub === 1) {
        for (let n = leb(pos); n > 0; n--) {
          const index = leb(pos);
          const l = leb(pos);
          names.set(index, b.toString('utf8', pos.at, pos.at + l));
          pos.at += l;
        }
      }
      pos.at = end;
    }
  }
}
if (!code) throw new Error(`${file}: no code section`);
const functions = [];
const pos = { at: code.start };
for (let n = leb(pos), k = 0; k < n; k++) {
  const begin = pos.at;
  const size = leb(pos);
  pos.at += size;
  functions.push({ name: names.get(imported + k) ?? `#${imported + k}`, bytes: pos.at - begin });
}
const byClass = new Map();
for (const f of functions) {
  const cls = f.name.split('::')[0].split('@')[0];
  byClass.set(cls, (byClass.get(cls) ?? 0) + f.bytes);
}
console.log(`${file}: ${b.length} bytes; code ${code.size} bytes in ${functions.length} functions`);
for (const s of sections) console.log(`  section ${s.id}: ${s.size} bytes`);
console.log(`largest classes:`);
for (const [cls, bytes] of [...byClass].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`  ${String(bytes).padStart(7)}  ${cls}`);
console.log(`largest functions:`);
for (const f of functions.sort((x, y) => y.bytes - x.bytes).slice(0, top)) console.log(`  ${String(f.bytes).padStart(7)}  ${f.name}`);
