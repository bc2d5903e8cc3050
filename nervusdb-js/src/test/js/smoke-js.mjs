// Usage: node smoke-js.mjs [path/to/nervusdb.mjs]
import { pathToFileURL, fileURLToPath } from "node:url";
import path from "node:path";
import { exercise } from "./smoke-common.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const file = process.argv[2] ?? path.join(here, "../../../target/js/nervusdb.mjs");
const mod = await import(pathToFileURL(path.resolve(file)).href);
exercise("[js]", mod);
