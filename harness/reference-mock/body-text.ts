import type { IncomingHttpHeaders } from 'node:http';
import { ApiProblem } from './problem.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The charset parameter of a Content-Type header, lowercased and unquoted; null when absent. */
export function charsetOf(headers: IncomingHttpHeaders): string | null {
  const value = headers['content-type'];
  if (value === undefined) return null;
  for (const part of value.split(';').slice(1)) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    return part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
  }
  return null;
}

const encodingProblem = (field: string, reason: string, message: string) =>
  new ApiProblem('malformed_json', { message, details: [{ field, reason }] });

/**
 * The body as text, refusing (400) a charset other than UTF-8 and bytes that are not valid UTF-8,
 * instead of reading them as UTF-8 and storing U+FFFD in their place.
 */
export function decodeUtf8Body(headers: IncomingHttpHeaders, raw: Buffer): string {
  const charset = charsetOf(headers);
  if (charset !== null && charset !== 'utf-8' && charset !== 'utf8')
    throw encodingProblem(
      'Content-Type',
      'charset must be utf-8',
      `This provider reads request bodies as UTF-8 only, not ${charset.slice(0, 40)}. Encode the body as UTF-8 and send charset=utf-8 or no charset.`,
    );
  try {
    return utf8.decode(raw);
  } catch {
    throw encodingProblem(
      'body',
      'not valid UTF-8',
      'The request body is not valid UTF-8. Encode the body as UTF-8 and send it again.',
    );
  }
}

const ESCAPED_SURROGATE = /\\u[dD][89abcdefABCDEF]/;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Throws 400 when a string or member name of `json` (parsed from `text`) holds a lone surrogate
 * (`"\ud800"`): such text has no UTF-8 form, so it could not be stored, fingerprinted or sent on.
 */
export function assertWellFormedStrings(text: string, json: unknown): void {
  // Decoded UTF-8 is well formed: only a \u escape can bring in a surrogate.
  if (!ESCAPED_SURROGATE.test(text)) return;
  const stack: unknown[] = [json];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) throw loneSurrogate();
    } else if (Array.isArray(value)) stack.push(...value);
    else if (value !== null && typeof value === 'object')
      for (const [key, member] of Object.entries(value)) {
        if (LONE_SURROGATE.test(key)) throw loneSurrogate();
        stack.push(member);
      }
  }
}

const loneSurrogate = () =>
  encodingProblem(
    'body',
    'string holds a lone surrogate',
    'The request body holds a string with a lone UTF-16 surrogate (such as "\\ud800"), which has no UTF-8 form. Send only complete characters.',
  );
