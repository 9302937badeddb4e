import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { Headers } from '../contract/index.js';
import { ControlRefusal, createControlGuard } from './control-guard.js';
import { ControlPaths } from './control-paths.js';
import { AdvanceClockSchema, AuthorityRuleSchema, ClaimOutcomeRuleSchema, FaultSpecSchema } from './control-schemas.js';
import type { MockEngine } from './engine.js';
import type { FaultSpec } from './faults.js';
import { readBody } from './http-io.js';
import { newId } from './ids.js';
import { isLoopbackHost } from './loopback.js';
import { ApiProblem, envelopeJson, isApiProblem, issuesToDetails, validationProblem } from './problem.js';
import { parseJsonBody } from './request-checks.js';
import { tenantOrg } from './tenants.js';

type ControlHandler = (engine: MockEngine, body: () => Promise<unknown>) => Promise<[number, unknown]>;

const parse = async <S extends z.ZodType>(schema: S, body: () => Promise<unknown>): Promise<z.output<S>> => {
  const parsed = schema.safeParse(await body());
  if (!parsed.success) throw validationProblem(issuesToDetails(parsed.error.issues, 'body'));
  return parsed.data;
};

/** Runs everything due, then what that work scheduled for now (retries with a 0 ms base), until quiet. */
async function drainDue(engine: MockEngine): Promise<void> {
  for (let round = 0; round < 1000; round++) {
    const running = engine.scheduler.runDue();
    if (running.length === 0) return;
    await Promise.all(running);
  }
}

const table: Record<string, Partial<Record<string, ControlHandler>>> = {
  [ControlPaths.faults]: {
    POST: async (engine, body) => {
      const spec = (await parse(FaultSpecSchema, body)) as FaultSpec;
      return [201, { fault: engine.faults.add(spec) }];
    },
    DELETE: async (engine) => {
      engine.faults.clear();
      return [204, null];
    },
  },
  [ControlPaths.journal]: {
    GET: async (engine) => [200, { entries: engine.journal.entries(), capacity: engine.journal.capacity }],
    DELETE: async (engine) => {
      engine.journal.clear();
      return [204, null];
    },
  },
  [ControlPaths.clockAdvance]: {
    POST: async (engine, body) => {
      const { ms } = await parse(AdvanceClockSchema, body);
      engine.clock.advance(ms);
      await drainDue(engine);
      return [200, { now: engine.clock.iso(), nowMs: engine.clock.now() }];
    },
  },
  [ControlPaths.authorityRule]: {
    PUT: async (engine, body) => {
      engine.rules.authority = await parse(AuthorityRuleSchema, body);
      return [200, { authority: engine.rules.authority }];
    },
  },
  [ControlPaths.claimOutcomeRule]: {
    PUT: async (engine, body) => {
      engine.rules.claimOutcome = (await parse(ClaimOutcomeRuleSchema, body)).outcome;
      return [200, { outcome: engine.rules.claimOutcome }];
    },
  },
  [ControlPaths.reset]: {
    POST: async (engine) => {
      engine.reset();
      return [204, null];
    },
  },
  [ControlPaths.personas]: { GET: async (engine) => [200, engine.personas] },
  [ControlPaths.tenants]: {
    POST: async (engine) => {
      const tenant = engine.tenants.create(engine.clock.iso());
      engine.store.orgs.set(tenant.partnerOrgId, tenantOrg(tenant));
      return [201, tenant];
    },
  },
};

/**
 * The `/_mock/` control plane: never journaled, never faulted. Guarded against other Hosts, web pages
 * of other origins and, when the mock has one, callers without its control token.
 */
export function createControlPlaneHandler(engine: MockEngine): (req: IncomingMessage, res: ServerResponse) => void {
  const { host, controlToken } = engine.options;
  const guard = createControlGuard({ host, token: controlToken }, isLoopbackHost(host));
  const baseHeaders = {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    [Headers.contractHash]: engine.options.contractHash,
    [Headers.environment]: engine.options.environment,
  };
  const reply = (res: ServerResponse, status: number, payload: unknown, ids: [string, string], extra = {}) => {
    if (res.destroyed || res.headersSent) return;
    const body = status === 204 ? '' : JSON.stringify(payload);
    const length = { 'Content-Length': String(Buffer.byteLength(body)) };
    const [requestId, correlationId] = ids;
    const traced = { [Headers.requestId]: requestId, [Headers.correlationId]: correlationId };
    res.writeHead(status, { ...baseHeaders, ...length, ...traced, ...extra });
    res.end(body);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = newId('req');
    const correlationId = newId('corr');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    try {
      guard(req);
      const routes = table[path];
      if (!routes)
        throw new ApiProblem('route_not_found', {
          message: `No control-plane route ${path}. See docs/architecture.md.`,
        });
      const handler = routes[req.method ?? 'GET'];
      if (!handler) {
        const allowed = Object.keys(routes).join(', ');
        throw new ApiProblem('method_not_allowed', {
          message: `Use ${allowed} on ${path}.`,
          headers: { Allow: allowed },
        });
      }
      const body = async () => {
        const raw = await readBody(req, engine.options.maxBodyBytes);
        return raw.length === 0 ? {} : parseJsonBody(raw.toString('utf8'));
      };
      const [status, payload] = await handler(engine, body);
      reply(res, status, payload, [requestId, correlationId]);
    } catch (error) {
      if (error instanceof ControlRefusal) {
        const envelope = {
          error: {
            type: 'permission_error',
            code: error.code,
            message: error.message,
            requestId,
            correlationId,
            retryStrategy: 'fix_request',
          },
        };
        req.resume(); // the body is not read: drain it so the connection stays usable
        return reply(
          res,
          error.status,
          envelope,
          [requestId, correlationId],
          error.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="dutyclaims-mock-control"' } : {},
        );
      }
      const problem = isApiProblem(error) ? error : new ApiProblem('internal_error');
      const envelope = JSON.parse(envelopeJson(problem, requestId, correlationId));
      reply(res, problem.status, envelope, [requestId, correlationId], problem.headers);
    }
  };
  return (req, res) => {
    void handle(req, res);
  };
}
