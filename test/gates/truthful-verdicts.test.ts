import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../harness/packet/index.js';
import { gateOf, paths, rehearseAgainst, rewriteJson } from '../support/misbehaving-provider.js';

const LATER_GATES = [
  'credential-and-header-discipline',
  'traceability-and-idempotency',
  'webhook-readiness',
  'golden-path-rehearsal',
  'support-and-rollback-packet',
] as const;
/** A rehearsal whose first `count` claim writes answer 503; the client does not wait out Retry-After. */
const claimWritesAnswer503 = (count: number) =>
  rehearseAgainst({
    client: { sleep: async () => {} },
    before: async (mock) => {
      await mock.control.injectFault({ kind: 'status', status: 503, count, match: { operationId: 'createClaim' } });
    },
  });

describe('a provider that reports the wrong environment or contract at step 1', () => {
  it.each([
    ['its body says production', { body: 'production' }],
    ['only its DutyClaims-Environment header says production', { header: 'production' }],
  ])('a sandbox run stops before any write when %s', async (_name, report: { body?: string; header?: string }) => {
    const { packet, journal } = await rehearseAgainst({
      target: 'sandbox',
      proxy: () => ({
        rewriteResponseBody: rewriteJson(paths.partnerOrg, (body) =>
          report.body ? { ...body, environment: report.body } : body,
        ),
        rewriteResponseHeaders: (path, headers) =>
          report.header && paths.partnerOrg(path) ? { ...headers, 'dutyclaims-environment': report.header } : headers,
      }),
    });
    expect(journal.map((entry) => `${entry.method} ${entry.operationId}`)).toEqual(['GET getPartnerOrganization']);
    expect(packet.verdict).toBe('not_ready');
    const pin = gateOf(packet, 'environment-and-contract-pin');
    expect(pin.verdict).toBe('fail');
    for (const id of LATER_GATES) {
      const gate = gateOf(packet, id);
      expect(gate.verdict, id).toBe('not_run');
      expect(gate.reason, id).toMatch(/step 1 stopped the run before any write.*reports environment production/);
    }
  });

  it('a run stops before any write when the served contract hash is not the pinned one', async () => {
    const { packet, journal } = await rehearseAgainst({ mock: { contractHash: '0123456789abcdef' } });
    expect(journal.filter((entry) => entry.method !== 'GET')).toEqual([]);
    expect(gateOf(packet, 'golden-path-rehearsal')).toMatchObject({
      verdict: 'not_run',
      reason: expect.stringContaining('serves contract 0123456789abcdef'),
    });
    expect(packet.verdict).toBe('not_ready');
  });
});

describe('secrets in raw provider responses', () => {
  it('fails "secret shown only once" when GET endpoint returns the full secret in a field the schema strips', async () => {
    let secret = '';
    const { packet } = await rehearseAgainst({
      proxy: () => ({
        rewriteResponseBody: (path, body, { method, status }) => {
          if (path === '/v1/webhooks/endpoints' && method === 'POST' && status < 300)
            secret = (JSON.parse(body) as { secret: string }).secret;
          // Escaped as JSON allows, so a scan of the bytes alone would not see it.
          const escaped = `\\u0077${secret.slice(1)}`;
          return paths.endpoint(path, method) ? `${body.slice(0, -1)},"signingSecret":"${escaped}"}` : body;
        },
      }),
    });
    const webhook = gateOf(packet, 'webhook-readiness');
    const check = webhook.checks.find((item) => item.name === 'secret shown only once');
    expect(check?.verdict).toBe('fail');
    expect(check?.detail).toMatch(/GET \/v1\/webhooks\/endpoints\/\{endpointId\} -> 200 \(request req_[0-9a-z]+\)/);
    expect(check?.detail).toContain('a webhook signing secret (whsec_');
    expect(JSON.stringify(packet)).not.toContain(secret.slice(6));
    expect(packet.verdict).toBe('not_ready');
  });

  it('fails the credential gate when a response header echoes the API key, naming the header and request', async () => {
    let apiKey = '';
    const { packet } = await rehearseAgainst({
      proxy: (mock) => {
        apiKey = mock.personas.sandbox.apiKey;
        return {
          rewriteResponseHeaders: (path, headers) =>
            paths.status(path) ? { ...headers, 'x-debug-authorization': `Bearer ${apiKey}` } : headers,
        };
      },
    });
    const check = gateOf(packet, 'credential-and-header-discipline').checks.find(
      (item) => item.name === 'no credential in provider responses',
    );
    expect(check?.verdict).toBe('fail');
    expect(check?.detail).toMatch(
      /GET \/v1\/claims\/\{claimId\}\/status -> 200 \(request req_\w+\).*header x-debug-authorization/,
    );
    expect(JSON.stringify(packet)).not.toContain(apiKey);
  });

  it('a read-only run reports a leaked signing secret in the credential gate, since the webhook gate does not run', async () => {
    const leaked = `whsec_${'Q'.repeat(32)}`;
    const { packet } = await rehearseAgainst({
      target: 'production',
      proxy: () => ({
        rewriteResponseBody: rewriteJson(paths.deliveries, (body) => ({ ...body, note: leaked })),
      }),
    });
    expect(gateOf(packet, 'webhook-readiness').verdict).toBe('not_run');
    const check = gateOf(packet, 'credential-and-header-discipline').checks.find(
      (item) => item.name === 'no credential in provider responses',
    );
    expect(check?.verdict).toBe('fail');
    expect(check?.detail).toContain('GET /v1/webhook-deliveries');
  });
});

describe('request ids of retried attempts', () => {
  it('a 503 retried into a 202 keeps the 503 request id in the log fields, escalation template and gate', async () => {
    const { packet } = await claimWritesAnswer503(1);
    const write = packet.logFields.find((fields) => fields.operationId === 'createClaim');
    expect(write?.attemptLog).toEqual([
      { attempt: 1, status: 503, requestId: expect.stringMatching(/^req_/), errorCode: 'service_unavailable' },
      { attempt: 2, status: 202, requestId: write?.requestId, errorCode: null },
    ]);
    const first = write?.attemptLog[0]?.requestId ?? '';
    expect(first).not.toBe(write?.requestId);
    expect(packet.escalation.attempts).toContain(`1: 503 service_unavailable ${first}`);
    expect(gateOf(packet, 'traceability-and-idempotency').requestIds).toContain(first);
    expect(packet.verdict).toBe('ready');
  });

  it('a write that fails after retries lists every attempt in the JUnit failure text', async () => {
    const { packet } = await claimWritesAnswer503(100);
    const write = packet.logFields.find((fields) => fields.operationId === 'createClaim');
    const ids = write?.attemptLog.map((attempt) => attempt.requestId) ?? [];
    expect(ids.length).toBeGreaterThan(1);
    expect(new Set(ids).size).toBe(ids.length);
    const junit = renderJunit(packet);
    const failure = junit.slice(
      junit.indexOf('name="claim write"'),
      junit.indexOf('</testcase>', junit.indexOf('name="claim write"')),
    );
    for (const id of ids) expect(failure).toContain(`503 service_unavailable ${id}`);
    expect(packet.escalation.attempts?.split(' → ')).toHaveLength(ids.length);
  });
});

describe('excess privilege', () => {
  it('a production smoke with a full live key fails, naming the write scopes a read-only run does not need', async () => {
    const { packet } = await rehearseAgainst({
      target: 'production',
      apiKey: (personas) => personas.production.apiKey,
    });
    const check = gateOf(packet, 'credential-and-header-discipline').checks.find(
      (item) => item.name === 'no scope beyond the need',
    );
    expect(check?.verdict).toBe('fail');
    expect(check?.detail).toMatch(
      /read-only run's credential holds write scopes \(clients:write, claims:write, webhooks:write, sandbox:write, api_keys:write\)/,
    );
  });

  it('the same smoke with the read-only live key passes the check', async () => {
    const { packet } = await rehearseAgainst({ target: 'production' });
    const check = gateOf(packet, 'credential-and-header-discipline').checks.find(
      (item) => item.name === 'no scope beyond the need',
    );
    expect(check?.verdict).toBe('pass');
  });

  it('declared route families narrower than the credential fail with the excess scopes listed', async () => {
    const { packet } = await rehearseAgainst({
      env: { DUTYCLAIMS_ROUTE_FAMILIES: 'partner-organizations,webhooks,claims' },
    });
    const check = gateOf(packet, 'credential-and-header-discipline').checks.find(
      (item) => item.name === 'no scope beyond the need',
    );
    expect(check?.detail).toContain(
      'holds clients:read, clients:write beyond what partner-organizations, webhooks, claims, sandbox need',
    );
  });
});
