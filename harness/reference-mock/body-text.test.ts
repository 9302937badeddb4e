import { describe, expect, it } from 'vitest';
import { assertWellFormedStrings, charsetOf, decodeUtf8Body } from './body-text.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'none';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('body text', () => {
  it('reads the charset parameter however it is spelled', () => {
    expect(charsetOf({ 'content-type': 'application/json' })).toBeNull();
    expect(charsetOf({ 'content-type': 'application/json; Charset="UTF-8"' })).toBe('utf-8');
    expect(charsetOf({ 'content-type': 'application/json;foo=1; charset=utf-16' })).toBe('utf-16');
  });

  it('decodes UTF-8 and refuses other charsets and invalid bytes', () => {
    expect(decodeUtf8Body({}, Buffer.from('{"a":"é"}'))).toBe('{"a":"é"}');
    expect(
      codeOf(() => decodeUtf8Body({ 'content-type': 'application/json; charset=latin1' }, Buffer.from('{}'))),
    ).toBe('malformed_json');
    expect(codeOf(() => decodeUtf8Body({}, Buffer.from([0x7b, 0xff, 0x7d])))).toBe('malformed_json');
  });

  it('finds a lone surrogate anywhere in the document, and passes pairs', () => {
    const check = (text: string) => codeOf(() => assertWellFormedStrings(text, JSON.parse(text)));
    expect(check('{"a":["x",{"b":"\\udfff"}]}')).toBe('malformed_json');
    expect(check('{"\\ud800":1}')).toBe('malformed_json');
    expect(check('{"a":"\\ud83d\\ude00"}')).toBe('none');
    expect(check('{"a":"\\\\ud800"}')).toBe('none'); // an escaped backslash, not an escape
  });
});
