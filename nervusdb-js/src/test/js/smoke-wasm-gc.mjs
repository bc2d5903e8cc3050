// Usage: node smoke-wasm-gc.mjs [dir holding nervusdb.wasm and nervusdb.wasm-runtime.mjs]
import { pathToFileURL, fileURLToPath } from "node:url";
import path from "node:path";
import { exercise } from "./smoke-common.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(process.argv[2] ?? path.join(here, "../../../target/wasm-gc"));
const { load } = await import(pathToFileURL(path.join(dir, "nervusdb.wasm-runtime.mjs")).href);
const teavm = await load(path.join(dir, "nervusdb.wasm"));
exercise("[wasm-gc]", teavm.exports);
