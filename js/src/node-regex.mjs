// Regular expressions under a time limit, in Node. The engine cannot check a match while the
// host's RegExp runs it, so in a query with a time limit (sparql(text, { timeout })) it hands
// each REGEX and REPLACE match here. A pattern that could backtrack for a long time runs through
// node:vm with the query's time left as its timeout, which V8 can interrupt in the middle of a
// match; the query then ends with QUERY_TIMEOUT. Other patterns run directly (a vm call costs
// about a tenth of a millisecond).
//
// "Could backtrack for a long time": a quantified group that holds a quantifier or an
// alternation ((a+)+, (a|aa)*, (a+){2,30}: exponential), or two unbounded quantifiers
// (.*a.*b: polynomial in the text's length).
import vm from 'node:vm';

const context = vm.createContext({});
const testScript = new vm.Script('r.lastIndex = 0; r.test(t)');
const replaceScript = new vm.Script("t.replace(new RegExp(r.source, r.flags + 'g'), s)");
const verdicts = new WeakMap();

/** Whether a pattern (RegExp source) could backtrack for a long time; see above. */
export function mayBacktrack(source) {
  const groups = []; // for each open group: whether it holds a quantifier or an alternation
  let unbounded = 0;
  let previousGroup = null; // the group that just closed, if the last token was ')'
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    let quantifier = null;
    if (c === '\\') {
      i++;
      previousGroup = null;
      continue;
    }
    if (c === '[') {
      // A character class is one token: skip to its end.
      for (i++; i < source.length && source[i] !== ']'; i++) {
        if (source[i] === '\\') {
          i++;
        }
      }
      previousGroup = null;
      continue;
    }
    if (c === '(') {
      groups.push(false);
      previousGroup = null;
      continue;
    }
    if (c === ')') {
      previousGroup = groups.pop() ?? false;
      continue;
    }
    if (c === '|') {
      if (groups.length > 0) {
        groups[groups.length - 1] = true;
      }
      previousGroup = null;
      continue;
    }
    if (c === '*' || c === '+') {
      quantifier = 'unbounded';
    } else if (c === '?') {
      quantifier = 'bounded';
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (m) {
        quantifier = m[2] !== undefined && (m[3] === '' || Number(m[3]) > 1) ? (m[3] === '' ? 'unbounded' : 'bounded') : null;
        i += m[0].length - 1;
      }
    }
    if (quantifier !== null) {
      if (source[i + 1] === '?' || source[i + 1] === '+') {
        i++; // lazy or possessive form of the same quantifier
      }
      if (previousGroup === true && (quantifier === 'unbounded' || c === '{')) {
        return true;
      }
      if (quantifier === 'unbounded' && ++unbounded >= 2) {
        return true;
      }
      if (groups.length > 0) {
        groups[groups.length - 1] = true;
      }
      previousGroup = null;
      continue;
    }
    previousGroup = null;
  }
  return false;
}

function risky(r) {
  let v = verdicts.get(r);
  if (v === undefined) {
    v = mayBacktrack(r.source);
    verdicts.set(r, v);
  }
  return v;
}

function within(script, ms, values) {
  Object.assign(context, values);
  try {
    return script.runInContext(context, { timeout: Math.max(1, Math.ceil(ms)) });
  } catch (e) {
    if (e && e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      return undefined;
    }
    throw e;
  } finally {
    context.r = context.t = context.s = undefined;
  }
}

globalThis[Symbol.for('nervusdb.regex')] = {
  /** 1 for a match, 0 for none, 2 when stopped at the time limit. */
  test(r, t, ms) {
    if (!risky(r)) {
      r.lastIndex = 0;
      return r.test(t) ? 1 : 0;
    }
    const found = within(testScript, ms, { r, t });
    return found === undefined ? 2 : found ? 1 : 0;
  },
  /** Every match replaced, or null when stopped at the time limit. */
  replace(r, t, s, ms) {
    if (!risky(r)) {
      return t.replace(new RegExp(r.source, `${r.flags}g`), s);
    }
    return within(replaceScript, ms, { r, t, s }) ?? null;
  },
};
