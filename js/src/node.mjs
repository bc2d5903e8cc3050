// The package's entry point in Node, Deno and Bun (the `node` condition of its exports): the
// API of index.mjs with the Node platform installed, so nothing is loaded later by path.
import { install } from './platform.mjs';
import { platform } from './platform-node.mjs';

install(platform);

export * from './index.mjs';
