// RDF terms from JavaScript values, as the JVM library's NervusDB.literal(Object) spells them,
// named graphs in patterns, and telling a SPARQL update request from a query. All of it runs
// here, in JavaScript, so that the storage core module does not grow.

/** The XML Schema datatype namespace. */
export const XSD = 'http://www.w3.org/2001/XMLSchema#';

/**
 * The name that stands for the default graph, the JVM library's Quad.DEFAULT_GRAPH (Apache
 * Jena's): a quad in this graph is a triple of the default graph.
 */
export const DEFAULT_GRAPH = 'urn:x-arq:DefaultGraph';

/** In find(), count() and contains(): `graph: ANY_GRAPH` (null) matches every graph. */
export const ANY_GRAPH = null;

/** The lexical form quoted and escaped as a stored literal ("...", with \" \\ \n \r). */
function quote(lexical) {
  return `"${lexical.replace(/["\\\n\r]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\${c}`))}"`;
}

function typed(lexical, datatype) {
  return datatype === `${XSD}string` ? quote(lexical) : `${quote(lexical)}^^<${datatype}>`;
}

/**
 * A double as Java's Double.toString writes it (the spelling of xsd:double literals the JVM
 * library and the compiled core use): the shortest digits that read back as the number, plain
 * for 1e-3 <= |d| < 1e7 ("100.25", "0.001") and "d.dddE±n" outside (with a digit after the
 * point: "1.0E7", "9.99E-4"), and where one digit would do, the closest of one or two digits
 * ("4.9E-324").
 */
export function javaDouble(d) {
  if (Number.isNaN(d)) {
    return 'NaN';
  }
  if (!Number.isFinite(d)) {
    return d > 0 ? 'Infinity' : '-Infinity';
  }
  if (d === 0) {
    return Object.is(d, -0) ? '-0.0' : '0.0';
  }
  let e = d.toExponential();
  if (!e.includes('.') && Number(d.toExponential(1)) === d) {
    e = d.toExponential(1);
  }
  const [mantissa, exponent] = e.split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '').replace(/(?<=.)0+$/, '');
  const exp = Number(exponent);
  let text;
  if (exp >= -3 && exp < 7) {
    const point = exp + 1; // digits before the point
    text = point <= 0 ? `0.${'0'.repeat(-point)}${digits}`
      : digits.length > point ? `${digits.slice(0, point)}.${digits.slice(point)}`
        : `${digits}${'0'.repeat(point - digits.length)}.0`;
  } else {
    text = `${digits[0]}.${digits.length > 1 ? digits.slice(1) : '0'}E${exp}`;
  }
  return negative ? `-${text}` : text;
}

const pad = (n, width) => String(n).padStart(width, '0');

/** A Date as the JVM writes an Instant at UTC (ISO_OFFSET_DATE_TIME): seconds always, milliseconds without trailing zeros, "Z". */
function dateTime(date) {
  const y = date.getUTCFullYear();
  const year = y > 9999 ? `+${y}` : y < 0 ? `-${pad(-y, 4)}` : pad(y, 4);
  const ms = date.getUTCMilliseconds();
  const fraction = ms === 0 ? '' : `.${pad(ms, 3).replace(/0+$/, '')}`;
  return `${year}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}T${pad(date.getUTCHours(), 2)}:`
    + `${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}${fraction}Z`;
}

// A language tag as N-Triples and Turtle allow it; the core stores it in BCP 47 letter case.
const LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
// A datatype IRI: characters an IRI in angle brackets may hold, and a scheme.
const DATATYPE = /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\u0000-\u0020<>"{}|^`\\]*$/;

/** Whether `v` is a value literal() takes rather than a stored term (a string) or a condition. */
export function isLiteralValue(v) {
  switch (typeof v) {
    case 'number':
    case 'bigint':
    case 'boolean':
      return true;
    case 'object':
      return v instanceof Date || (v !== null && Object.prototype.hasOwnProperty.call(v, 'value'));
    default:
      return false;
  }
}

/**
 * The stored term (an RDF literal in the JVM library's spelling) of a JavaScript value, as
 * NervusDB.literal(Object) gives it on the JVM:
 * - a bigint, or an integer number within 2^53 (where numbers are exact): xsd:integer ("31");
 * - another number: xsd:double in Java's spelling ("3.5", "1.0E21", "NaN", "INF", "-INF");
 * - a boolean: xsd:boolean;
 * - a Date: xsd:dateTime at UTC ("2024-05-01T12:00:00Z", milliseconds when not zero);
 * - { value, language }: a language-tagged string ("chat"@fr);
 * - { value, datatype }: a literal of that datatype IRI ({ value: '3.0', datatype: XSD + 'double' });
 * - { value }, or a string: a plain string literal ("text").
 * Anything else fails with INVALID_TERM (`fail(message)` throws the caller's error).
 */
export function literal(v, fail) {
  switch (typeof v) {
    case 'string':
      return quote(v);
    case 'bigint':
      return typed(v.toString(), `${XSD}integer`);
    case 'boolean':
      return typed(String(v), `${XSD}boolean`);
    case 'number':
      if (Number.isSafeInteger(v)) {
        return typed(BigInt(v).toString(), `${XSD}integer`);
      }
      return typed(Number.isNaN(v) ? 'NaN' : v === Infinity ? 'INF' : v === -Infinity ? '-INF' : javaDouble(v), `${XSD}double`);
    case 'object':
      if (v instanceof Date) {
        if (Number.isNaN(v.getTime())) {
          fail('an invalid Date has no literal');
        }
        return typed(dateTime(v), `${XSD}dateTime`);
      }
      if (v !== null && Object.prototype.hasOwnProperty.call(v, 'value')) {
        const { value, language, datatype } = v;
        if (typeof value !== 'string') {
          fail(`a literal's value is a string, got ${value === null ? 'null' : typeof value}`);
        }
        if (language !== undefined && datatype !== undefined) {
          fail('a literal has a language or a datatype, not both');
        }
        if (language !== undefined) {
          if (typeof language !== 'string' || !LANGUAGE.test(language)) {
            fail(`${JSON.stringify(language)} is not a language tag (such as en or pt-BR)`);
          }
          return `${quote(value)}@${language}`;
        }
        if (datatype !== undefined) {
          if (typeof datatype !== 'string' || !DATATYPE.test(datatype)) {
            fail(`${JSON.stringify(datatype)} is not a datatype IRI (such as ${XSD}integer)`);
          }
          return typed(value, datatype);
        }
        return quote(value);
      }
      break;
    default:
      break;
  }
  fail(`no RDF literal for ${v === null ? 'null' : v === undefined ? 'undefined' : `a ${typeof v}`}`
    + ' (literals are made of numbers, bigints, booleans, Dates, strings and {value, language | datatype})');
  return undefined;
}

// A SPARQL prologue: comments, white space, BASE <iri> and PREFIX p: <iri>.
const SPACE = /(?:\s|#[^\n\r]*)*/y;
const DECLARATION = /(?:BASE\s*<[^<>"{}|^`\\\u0000-\u0020]*>|PREFIX\s+[^\s:#<]*:\s*<[^<>"{}|^`\\\u0000-\u0020]*>)/iy;
const QUERY_FORM = /(?:SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w-])/iy;

/**
 * Whether SPARQL text is a query (SELECT, ASK, CONSTRUCT or DESCRIBE after its prologue)
 * rather than an update request. Anything that does not plainly start as a query counts as an
 * update here, so that a write is never taken for a read; the full module decides for itself.
 */
export function isQueryText(text) {
  let at = 0;
  for (;;) {
    SPACE.lastIndex = at;
    SPACE.exec(text);
    at = SPACE.lastIndex;
    DECLARATION.lastIndex = at;
    if (DECLARATION.exec(text) === null) {
      break;
    }
    at = DECLARATION.lastIndex;
  }
  QUERY_FORM.lastIndex = at;
  return QUERY_FORM.test(text);
}
