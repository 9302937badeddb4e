import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hasPython, needsPython, PYTHON } from '../../../test/grading/support/python.js';
import { eventBody, reserializationCase } from './bodies.js';

const context = { partnerOrgId: 'porg_7k2m9q4x8p3v6w1z5n0b', endpointId: 'we_7k2m9q4x8p3v6w1z5n0b' };
const createdAt = '2026-01-01T00:00:00.000Z';
const python = (script: string, input: string) =>
  execFileSync(PYTHON, ['-c', script], {
    input,
    encoding: 'utf8',
    env: { ...process.env, PYTHONIOENCODING: 'utf-8' },
  });

describe('eventBody', () => {
  it('is already what JSON.stringify would produce, so re-serialising receivers cannot fail it by accident', () => {
    const raw = eventBody(context, 'evt_aaaaaaaaaaaaaaaaaaaa', createdAt, 'hello');
    expect(JSON.stringify(JSON.parse(raw))).toBe(raw);
    expect(JSON.parse(raw)).toMatchObject({ id: 'evt_aaaaaaaaaaaaaaaaaaaa', type: 'sandbox.test' });
  });
});

describe('reserializationCase', () => {
  const { rawBody, variants } = reserializationCase(context, 'evt_bbbbbbbbbbbbbbbbbbbb', createdAt);

  it('has raw bytes that differ from every variant, and variants that differ from each other', () => {
    const texts = variants.map((variant) => variant.text);
    expect(texts).not.toContain(rawBody);
    expect(new Set(texts).size).toBe(texts.length);
    for (const text of texts) expect(JSON.parse(text)).toEqual(JSON.parse(rawBody));
    expect(rawBody).toContain('1.0');
    expect(rawBody).toContain('\\u00e9');
  });

  it.skipIf(!hasPython)(needsPython('predicts what python3 actually produces'), () => {
    const read = 'import json,sys; o=json.loads(sys.stdin.read()); sys.stdout.write';
    expect(python(`${read}(json.dumps(o))`, rawBody)).toBe(variants[1]?.text);
    expect(python(`${read}(json.dumps(o, separators=(',', ':'), ensure_ascii=False))`, rawBody)).toBe(
      variants[2]?.text,
    );
  });
});
