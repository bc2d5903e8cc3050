// Usage: node smoke-wasm-gc.mjs [dir holding nervusdb-core.wasm, nervusdb-full.wasm and nervusdb.wasm-runtime.mjs]
import { pathToFileURL, fileURLToPath } from "node:url";
import path from "node:path";
import { exercise, exerciseHandover } from "./smoke-common.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(process.argv[2] ?? path.join(here, "../../../target/wasm-gc"));
const { load } = await import(pathToFileURL(path.join(dir, "nervusdb.wasm-runtime.mjs")).href);
// Two instances of the one loader: each module has its own heap.
const core = (await load(path.join(dir, "nervusdb-core.wasm"))).exports;
const full = (await load(path.join(dir, "nervusdb-full.wasm"))).exports;
exercise("[wasm-gc core]", core);
exercise("[wasm-gc full]", full);
exerciseHandover("[wasm-gc core -> full]", core, full);
