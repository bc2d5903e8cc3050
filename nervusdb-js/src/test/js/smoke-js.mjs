// Usage: node smoke-js.mjs [dir holding nervusdb-core.mjs and nervusdb-full.mjs]
import { pathToFileURL, fileURLToPath } from "node:url";
import path from "node:path";
import { exercise, exerciseHandover } from "./smoke-common.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(process.argv[2] ?? path.join(here, "../../../target/js"));
const core = await import(pathToFileURL(path.join(dir, "nervusdb-core.mjs")).href);
const full = await import(pathToFileURL(path.join(dir, "nervusdb-full.mjs")).href);
exercise("[js core]", core);
exercise("[js full]", full);
exerciseHandover("[js core -> full]", core, full);
