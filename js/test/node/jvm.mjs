// The JVM library driven from Node for interoperability checks: Interop.java run as a single
// source file on the command-line tool's jar (NERVUSDB_CLI_JAR, default
// ../nervusdb-cli/target/nervusdb-cli.jar, built by ./mvnw package).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const jar = process.env.NERVUSDB_CLI_JAR ?? path.resolve(here, '../../../nervusdb-cli/target/nervusdb-cli.jar');
export const interop = path.join(here, 'Interop.java');
export const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';

export const jvmAvailable = () => fs.existsSync(jar) && spawnSync(java, ['-version']).status === 0;

export const escape = (s) => s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]);
export const unescape = (s) => s.replace(/\\(.)/g, (_, c) => ({ '\\': '\\', t: '\t', n: '\n', r: '\r' })[c]);
/** One string per triple, for comparing sets of triples. */
export const key = (t) => `${t.subject}\u0000${t.predicate}\u0000${t.object}`;

export function runJava(mode, dir, input = '') {
  const r = spawnSync(java, ['-cp', jar, interop, mode, dir], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) {
    throw r.error;
  }
  return { status: r.status, out: r.stdout, err: r.stderr };
}

/** Every triple of the database at `dir` as read by the JVM library, after its verify(). */
export function jvmDump(dir) {
  const r = runJava('dump', dir);
  if (r.status !== 0) {
    throw new Error(`JVM dump of ${dir} failed: ${r.out}${r.err}`);
  }
  const lines = r.out.split('\n').filter((l) => l !== '');
  const count = Number(/^count (\d+)$/.exec(lines[0])[1]);
  const keys = lines.slice(1).map((l) => {
    const [s, p, o] = l.split('\t').map(unescape);
    return key({ subject: s, predicate: p, object: o });
  });
  if (keys.length !== count) {
    throw new Error(`JVM count ${count} disagrees with its scan of ${keys.length}`);
  }
  return new Set(keys);
}
