// (e3) crash in the middle of a WAL record: the last record is cut short (synthetic truncation).
import { freshSample, open } from './lib.mjs';
import { statSync, truncateSync } from 'node:fs';
const p = freshSample('e3_wal_torn', { description: 'un-flushed WAL whose last record is truncated (torn write, made by truncating the file by 3 bytes)' });
const db = await open(p);
db.addFact({ subject: 'A', predicate: 'p', object: 'B' });
db.addFact({ subject: 'B', predicate: 'p', object: 'C' });
db.addFact({ subject: 'C', predicate: 'p', object: 'TORN' });
truncateSync(`${p}.wal`, statSync(`${p}.wal`).size - 3);
process.exit(0);
