import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isObserveError } from './errors.js';
import { createProxyFaultBook, parseFaultSchedule, readFaultSchedule } from './fault-schedule.js';

const target = (operationId: string, path = '/v1/claims') => ({ method: 'POST', path, operationId, template: path });

describe('fault schedule', () => {
  it('takes the first matching fault, counting each use down', () => {
    const book = createProxyFaultBook(
      parseFaultSchedule(
        [
          { kind: 'lost_response', match: { operationId: 'createClaim' } },
          { kind: 'status', status: 503, count: 2 },
        ],
        'test',
      ),
    );
    expect(book.take(target('createClaim'))?.kind).toBe('lost_response');
    expect(book.take(target('createClaim'))?.kind).toBe('status');
    expect(book.take(target('createClient', '/v1/clients'))?.kind).toBe('status');
    expect(book.take(target('createClaim'))).toBeNull();
  });

  it.each([
    [{ kind: 'explode' }, /0\.kind/],
    [{ kind: 'status', errorCode: 'not_a_code' }, /not a DutyClaims error code/],
    [{ kind: 'drop', count: 0 }, /0\.count/],
    [{ kind: 'drop', matches: {} }, /Unrecognized key/],
  ])('refuses %j naming the problem and what to write', (fault, problem) => {
    const attempt = () => parseFaultSchedule([fault], 'faults.json');
    expect(attempt).toThrow(problem);
    expect(attempt).toThrow(/faults\.json is not a fault schedule.*Write a JSON array/);
  });

  it('says which file is missing or not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faults-'));
    try {
      await writeFile(join(dir, 'bad.json'), '[{');
      const codes = await Promise.all(
        [join(dir, 'missing.json'), join(dir, 'bad.json')].map((file) =>
          readFaultSchedule(file).catch((error: unknown) => (isObserveError(error) ? [error.code, error.message] : [])),
        ),
      );
      expect(codes[0]).toEqual([
        'OBSERVE_ERR_FAULTS_FILE',
        expect.stringMatching(/Cannot read .*missing\.json \(ENOENT\)/),
      ]);
      expect(codes[1]).toEqual(['OBSERVE_ERR_FAULTS_FILE', expect.stringMatching(/bad\.json is not JSON/)]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
