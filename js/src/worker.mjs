// The database worker that NervusDB starts on a browser's main thread for a persistent
// database: it opens the database here, where the Origin Private File System has synchronous
// access handles, and answers the page's calls ({ id, method, args }) one message each, with
// the module the database runs on (it moves to the full module here, on its first sparql()).
import { NervusDB } from './index.mjs';

let db = null;

globalThis.onmessage = async ({ data: { id, method, args } }) => {
  try {
    let result;
    if (method === 'open') {
      db = new NervusDB(args[0], args[1]);
      await db.open();
      result = { backend: db.backend, backendReason: db.backendReason };
    } else if (method === 'close') {
      await db?.close();
    } else {
      result = await db._invoke(method, ...args);
    }
    globalThis.postMessage({ id, result, module: db?.module });
  } catch (e) {
    globalThis.postMessage({ id, error: { code: e.code ?? 'ENGINE', message: e.message ?? String(e) }, module: db?.module });
  }
};
