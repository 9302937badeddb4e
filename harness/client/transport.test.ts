import { describe, expect, it } from 'vitest';
import { classifyTransportError } from './transport.js';

const timeouts = { connectMs: 1, headersMs: 2, bodyMs: 3, totalMs: 4 };
const coded = (code: string) => Object.assign(new Error(code), { code });

describe('classifyTransportError', () => {
  const idle = new AbortController().signal;

  it('names the phase of each undici timeout and its limit', () => {
    expect(classifyTransportError(coded('UND_ERR_CONNECT_TIMEOUT'), idle, timeouts)).toMatchObject({
      kind: 'timeout',
      phase: 'connect',
      timeoutMs: 1,
    });
    expect(classifyTransportError(coded('UND_ERR_HEADERS_TIMEOUT'), idle, timeouts)).toMatchObject({
      phase: 'headers',
      timeoutMs: 2,
    });
    expect(classifyTransportError(coded('UND_ERR_BODY_TIMEOUT'), idle, timeouts)).toMatchObject({
      phase: 'body',
      timeoutMs: 3,
    });
  });

  it('reports the call deadline as the total phase', () => {
    const deadline = new AbortController();
    deadline.abort();
    expect(classifyTransportError(deadline.signal.reason, deadline.signal, timeouts)).toMatchObject({
      kind: 'timeout',
      phase: 'total',
      timeoutMs: 4,
    });
  });

  it('keeps the socket error code of a network failure', () => {
    expect(classifyTransportError(coded('ECONNRESET'), idle, timeouts)).toMatchObject({
      kind: 'network',
      causeCode: 'ECONNRESET',
    });
    expect(classifyTransportError('weird', idle, timeouts)).toMatchObject({ kind: 'network', causeCode: null });
  });
});
