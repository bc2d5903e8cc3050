// Exercises the exported API of either build and either module; `mod` holds the module's
import { decodeList, termCache } from "../../../../js/src/results.mjs";
// exports. Both modules export the storage API; only the full module exports sparql and explain.

// Triples as the core's batch call takes them: the distinct terms in UTF-8, each ended by a
// zero byte, their number, and three indexes into them a triple.
function utf8List(strings) {
    const terms = [...new Set(strings)];
    const bytes = new TextEncoder().encode(terms.join("\0") + "\0");
    const refs = Int32Array.from(strings, (t) => terms.indexOf(t));
    return [new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length), terms.length, refs];
}

// One delete as the core's commit takes it: kind 1, then three length-prefixed UTF-8 strings
// (kind 6 with a fourth, the graph: a quad added to a named graph).
function deleteOp(s, p, o, kind = 1, ...graph) {
    const out = [kind];
    for (const t of [s, p, o, ...graph]) {
        const b = new TextEncoder().encode(t);
        out.push(b.length, ...b); // the lengths here are below 128: one-byte varints
    }
    return new Int8Array(out);
}

// Lists come out of the core as one byte array per call, decoded by the package's results.mjs
// with a term cache per store.
const caches = new WeakMap();
function list(db, bytes) {
    if (!caches.has(db)) {
        caches.set(db, termCache());
    }
    return decodeList(bytes, caches.get(db));
}

// The number of triples of the default graph matching a pattern.
function countOf(db, s, p, o) {
    return Number(list(db, db.read("c", s, p, o))[0]);
}

// A store's functions take its handle first; `store` binds them to one handle.
function store(mod, handle) {
    return new Proxy({}, { get: (_, name) => (name === "handle" ? handle : (...args) => mod.JsNervusDB[name](handle, ...args)) });
}

export function exercise(label, mod) {
    const db = store(mod, mod.openInMemory());
    const added = [];
    added.push(db.addBatchUtf8(...utf8List(["alice", "knows", "bob"])));
    added.push(db.addBatchUtf8(...utf8List(["alice", "knows", "bob"])));
    added.push(db.addBatchUtf8(...utf8List([
        "alice", "age", "30",
        "alice", "name", "Alice \"A\" Liddell",
        "bob", "knows", "carol",
        "carol", "likes", "ünïcödé ✓",
    ])));
    const bySubject = list(db, db.queryRun(["c", "s", "eq", "alice", ""], "facts", ""));
    const triples = [];
    for (let i = 0; i < bySubject.length; i += 3) {
        triples.push([bySubject[i], bySubject[i + 1], bySubject[i + 2]]);
    }
    const knows = list(db, db.queryRun(["c", "p", "eq", "knows", ""], "facts", ""));
    const deleted = db.commit(deleteOp("bob", "knows", "carol"));
    const countAfterDelete = countOf(db, null, null, null);
    const quadAdded = db.commit(deleteOp("alice", "knows", "dave", 6, "g1"));
    const quads = list(db, db.quads(null, "knows", null, null, 0, 10)); // every graph
    const graphs = list(db, db.quads(null, null, null, null, 0, 0));
    const inG1 = list(db, db.quads(null, null, null, "g1", 0, -1))[0];
    db.flush();
    const afterFlush = list(db, db.queryRun(["c", "s", "eq", "carol", "", "l", "10"], "facts", ""));
    const db2 = store(mod, mod.openInMemory());
    db2.addBatchUtf8(...utf8List(["x", "y", "z"]));
    let error = null;
    try {
        db.addBatchUtf8(...utf8List(["only", "two"]));
    } catch (e) {
        error = String(e && e.message !== undefined ? e.message : e);
    }
    // A few thousand triples over several flushes, then a full compaction.
    const bulk = store(mod, mod.openInMemory());
    const t0 = Date.now();
    for (let round = 0; round < 4; round++) {
        const flat = [];
        for (let i = 0; i < 2500; i++) {
            const n = round * 2500 + i;
            flat.push("s" + (n % 1000), "p" + (n % 7), "o" + n);
        }
        bulk.addBatchUtf8(...utf8List(flat));
        bulk.flush();
    }
    bulk.compact();
    const bulkCount = countOf(bulk, null, null, null);
    const bulkS42 = countOf(bulk, "s42", null, null);
    const bulkMs = Date.now() - t0;
    bulk.close();
    db.close();
    const result = {
        version: mod.version(),
        module: mod.module(),
        added,
        aliceFacts: triples,
        knows: Array.from(knows),
        deleted,
        countAfterDelete,
        quadAdded, quads, graphs, inG1,
        afterFlush: Array.from(afterFlush),
        secondStoreCount: countOf(db2, null, null, null),
        badBatchError: error,
        bulkCount,
        bulkS42,
        bulkMs,
    };
    console.log(label, JSON.stringify(result));
    const ok = added[0] === 1 && added[1] === 0 && added[2] === 4
        && triples.length === 3 && knows.length === 6 && deleted === 1
        && countAfterDelete === 4 && quadAdded === 1 && graphs.join() === "g1" && inG1 === "1"
        && quads.join() === "alice,knows,bob,,alice,knows,dave,g1" && afterFlush.length === 3 && afterFlush[2] === "ünïcödé ✓"
        && countOf(db2, null, null, null) === 1 && error !== null
        && bulkCount === 10000 && bulkS42 === 10;
    if (!ok) {
        console.error(label, "FAILED");
        process.exitCode = 1;
    } else {
        console.log(label, "OK");
    }
}

function check(label, ok, result) {
    console.log(label, JSON.stringify(result));
    if (!ok) {
        console.error(label, "FAILED");
        process.exitCode = 1;
    } else {
        console.log(label, "OK");
    }
}

// An in-memory store written in the core module, closed keeping its files, and opened from
// them in the full module, which answers SPARQL over it; the core module has no SPARQL.
export function exerciseHandover(label, core, full) {
    const db = store(core, core.openInMemorySized(16 * 1024, 0)); // a small memtable: tables and a log to hand over
    for (let round = 0; round < 5; round++) {
        const flat = [];
        for (let i = 0; i < 400; i++) {
            flat.push("s" + (round * 400 + i), "p", "o" + (i % 10));
        }
        db.addBatchUtf8(...utf8List(flat));
    }
    db.addBatchUtf8(...utf8List(["alice", "knows", "bob"]));
    db.closeKeepingFiles();
    const files = list(db, db.memoryFiles());
    const moved = store(full, full.openInMemoryFrom({ names: () => list(db, db.memoryFiles()), read: (name) => db.memoryFile(name) }, 16 * 1024, 0));
    db.close();
    const count = countOf(moved, null, null, null);
    const rows = list(moved, full.sparql(moved.handle, "SELECT ?o WHERE { <alice> <knows> ?o }", 0, "", ""));
    const perObject = list(moved, full.sparql(moved.handle, "SELECT (COUNT(*) AS ?n) WHERE { ?s <p> <o3> }", 0, "", ""));
    const update = list(moved, full.sparql(moved.handle, "INSERT DATA { GRAPH <g> { <alice> <knows> <carol> } }", 0, "", ""));
    const union = list(moved, full.sparql(moved.handle, "SELECT ?o WHERE { <alice> <knows> ?o } ORDER BY ?o", 0, "u", ""));
    const json = JSON.parse(list(moved, full.sparql(moved.handle, "SELECT ?o WHERE { <alice> <knows> ?o }", 0, "", "json"))[1]);
    const builder = list(moved, moved.queryRun(["c", "o", "eq", "o3", ""], "count", ""));
    moved.close();
    let closedError = null;
    try {
        db.memoryFiles();
    } catch (e) {
        closedError = String(e && e.message !== undefined ? e.message : e);
    }
    const result = {
        coreModule: core.module(), fullModule: full.module(), coreHasSparql: typeof core.sparql,
        files: files.length, count, rows: Array.from(rows), perObject: Array.from(perObject),
        builder: Array.from(builder), closedError, update: Array.from(update), union: Array.from(union), json,
    };
    check(label, core.module() === "core" && full.module() === "full" && typeof core.sparql === "undefined"
        && files.length > 1 && count === 2001 && rows[2] === "o" && rows[3] === "bob" && rows[4] === "1"
        && perObject[3] === '"200"^^<http://www.w3.org/2001/XMLSchema#integer>' && builder[0] === "200"
        && /^\[CLOSED\]/.test(closedError ?? "") && update.join() === "u,1" && union.slice(3).join() === "bob,carol,2"
        && json.results.bindings[0].o.value === "http://nervusdb.invalid/bob", result);
}
