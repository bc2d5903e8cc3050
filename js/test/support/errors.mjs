// Assertions on rejections, shared by the test files (Node and browsers).
import { assert } from 'chai';
import { NervusDBError } from '../../src/index.mjs';

/** The error the promise from fn() rejects with; fails the test if it resolves. */
export async function rejection(fn) {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected a rejection');
}

/** `e` is a NervusDBError with this code. */
export function assertNervusError(e, code) {
  assert.instanceOf(e, NervusDBError);
  assert.strictEqual(e.code, code, e.message);
}
