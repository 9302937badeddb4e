import type { ServerResponse } from 'node:http';
import { Headers } from '../contract/index.js';
import { faultProblem } from '../reference-mock/fault-response.js';
import type { FaultSpec } from '../reference-mock/index.js';
import { envelopeJson } from '../reference-mock/problem.js';
import type { ProxyFaultSpec } from './fault-schedule.js';
import type { UpstreamInfo } from './upstream.js';

/**
 * Answers a `status` or `rate_limit` fault as the provider would (the reference mock's envelope, with
 * the upstream's environment and contract hash), without forwarding. Returns the status and code sent.
 */
export function answerFault(
  fault: ProxyFaultSpec,
  res: ServerResponse,
  ids: { readonly requestId: string; readonly correlationId: string },
  upstream: UpstreamInfo,
): { status: number; errorCode: string } {
  const problem = faultProblem(fault as FaultSpec);
  const body = envelopeJson(problem, ids.requestId, ids.correlationId);
  res.writeHead(problem.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    [Headers.requestId]: ids.requestId,
    [Headers.correlationId]: ids.correlationId,
    [Headers.environment]: upstream.environment,
    ...(upstream.contractHash === null ? {} : { [Headers.contractHash]: upstream.contractHash }),
    ...problem.headers,
  });
  res.end(body);
  return { status: problem.status, errorCode: problem.code };
}

/** The answer when a production write is refused by the proxy (reads-only unless allowed). */
export function refuseProductionWrite(res: ServerResponse, requestId: string): { status: number; errorCode: string } {
  const body = JSON.stringify({
    error: {
      code: 'observe_write_refused',
      message:
        'dutyclaims-launch observe forwards only reads to production. Observe writes on sandbox, or start observe with --allow-production-writes if you mean it.',
      requestId,
    },
  });
  res.writeHead(403, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
  return { status: 403, errorCode: 'observe_write_refused' };
}
