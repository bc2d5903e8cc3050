// Types of the CommonJS entry (src/index.cjs): asynchronous access to the ES module.
import type * as NervusDBModule from './index.js';

/** The package's ES module: everything `import ... from 'nervusdb'` gives. */
export function load(): Promise<typeof NervusDBModule>;
/** new NervusDB(path, options).open() */
export function open(path?: string, options?: NervusDBModule.NervusDBOptions): Promise<NervusDBModule.NervusDB>;
export const DEFAULT_GRAPH: 'urn:x-arq:DefaultGraph';
export const ANY_GRAPH: null;
export const XSD: 'http://www.w3.org/2001/XMLSchema#';
