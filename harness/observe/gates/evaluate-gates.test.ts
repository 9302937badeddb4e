import { describe, expect, it } from 'vitest';
import { CONTRACT_PIN } from '../../contract/index.js';
import type { JournalEntry } from '../../reference-mock/index.js';
import type { ProviderAnswer } from '../provider-facts.js';
import { evaluateTrafficGates } from './evaluate-gates.js';
import type { TrafficEvidence } from './traffic.js';

// Synthetic traffic of a partner's flow: the dry run's routes in order, each answered 2xx.
const ORG = 'porg_aaaaaaaaaaaaaaaaaaaa';
const FLOW: [string, string, string, number][] = [
  ['GET', `/v1/partner-organizations/${ORG}`, 'getPartnerOrganization', 200],
  ['POST', '/v1/webhooks/endpoints', 'createWebhookEndpoint', 201],
  ['POST', '/v1/sandbox/webhooks/test', 'sendSandboxWebhookTest', 202],
  ['POST', '/v1/clients', 'createClient', 201],
  ['GET', '/v1/clients/cli_1/authority', 'getClientAuthority', 200],
  ['POST', '/v1/claims', 'createClaim', 202],
  ['GET', '/v1/claims/clm_1/status', 'getClaimStatus', 200],
  ['GET', '/v1/webhook-deliveries', 'listWebhookDeliveries', 200],
];
const BODIES: Record<string, unknown> = {
  getPartnerOrganization: { environment: 'sandbox', contract: { hash: CONTRACT_PIN.hash } },
  getClientAuthority: { status: 'granted' },
  createClaim: { id: 'clm_1', jobId: 'job_1' },
};

function traffic(
  change: (entries: JournalEntry[]) => JournalEntry[] = (e) => e,
  key = 'dc_test_abcd',
): TrafficEvidence {
  const journal = change(
    FLOW.map(([method, path, operationId, status], index) => ({
      seq: index + 1,
      receivedAt: 1_000 + index * 10,
      clockAt: '2026-01-01T00:00:00.000Z',
      method,
      path,
      operationId,
      query: {},
      status,
      errorCode: null,
      requestId: `req_${index + 1}`,
      correlationIdSent: `corr-${index + 1}`,
      idempotencyKey: method === 'POST' ? `key-${index + 1}` : null,
      credentialPrefix: key,
      fault: null,
      replayed: false,
      traceparent: null,
      durationMs: 3,
    })),
  );
  const answers: ProviderAnswer[] = journal.map((e) => ({
    requestId: e.requestId,
    operationId: e.operationId,
    method: e.method,
    path: e.path,
    status: e.status ?? 0,
    receivedAt: e.receivedAt,
    environmentHeader: 'sandbox',
    contractHashHeader: CONTRACT_PIN.hash,
    body: BODIES[e.operationId ?? ''] ?? null,
  }));
  return {
    journal,
    facts: {
      answers,
      environments: new Map([['sandbox', 'req_1']]),
      contractHashes: new Map([[CONTRACT_PIN.hash, 'req_1']]),
      withoutEnvironment: 0,
      withoutRequestId: [],
      forwarded: journal.length,
    },
    upstream: {
      baseUrl: 'https://sandbox.example',
      host: 'sandbox.example',
      environment: 'sandbox',
      contractHash: CONTRACT_PIN.hash,
    },
    target: 'sandbox',
    pinnedHash: CONTRACT_PIN.hash,
    owners: { credentialRotation: 'a', secretStorage: 'b', rollback: 'c', cutover: 'd' },
    receiverReports: [],
  };
}

const check = (evidence: TrafficEvidence, name: string) =>
  evaluateTrafficGates(evidence)
    .flatMap((gate) => gate.checks)
    .find((candidate) => candidate.name === name);

describe('gates from traffic', () => {
  it('pass what the traffic shows; a replay and the receiver stay not run without their evidence', () => {
    const verdicts = Object.fromEntries(evaluateTrafficGates(traffic()).map((gate) => [gate.id, gate.verdict]));
    expect(verdicts).toEqual({
      'environment-and-contract-pin': 'pass',
      'credential-and-header-discipline': 'pass',
      'traceability-and-idempotency': 'not_run',
      'webhook-readiness': 'not_run',
      'golden-path-rehearsal': 'pass',
      'support-and-rollback-packet': 'pass',
    });
  });

  it('fails a dry run out of order, a claim before a granted authority, and a write without a key', () => {
    const claimFirst = traffic((entries) => {
      const [claim] = entries.splice(5, 1);
      return claim ? [claim, ...entries].map((e, i) => ({ ...e, receivedAt: 1_000 + i * 10 })) : entries;
    });
    expect(check(claimFirst, 'dry-run sequence ran in order')?.verdict).toBe('fail');
    expect(check(claimFirst, 'authority granted before claim work')?.verdict).toBe('fail');
    const keyless = traffic((entries) =>
      entries.map((e) => (e.operationId === 'createClaim' ? { ...e, idempotencyKey: null } : e)),
    );
    expect(check(keyless, 'Idempotency-Key sent')).toMatchObject({
      verdict: 'fail',
      detail: expect.stringContaining('POST /v1/claims (req_6)'),
    });
  });

  it('fails a production key on sandbox and a provider refusal, but not a refusal the proxy injected', () => {
    expect(check(traffic(undefined, 'dc_live_abcd'), 'credential fits the target environment')?.verdict).toBe('fail');
    const refused = (fault: JournalEntry['fault']) =>
      traffic((entries) => [
        ...entries,
        {
          ...entries[4],
          seq: 99,
          receivedAt: 9_000,
          status: 401,
          errorCode: 'credential_invalid',
          fault,
        } as JournalEntry,
      ]);
    expect(check(refused(null), 'clients: credential shape accepted')?.verdict).toBe('fail');
    expect(check(refused('status'), 'clients: credential shape accepted')?.verdict).toBe('pass');
  });

  it('fails answers of another environment or contract, and a missing owner', () => {
    const other = traffic();
    const wrong = {
      ...other,
      facts: {
        ...other.facts,
        environments: new Map([['production', 'req_9']]),
        contractHashes: new Map([['ffff', 'req_9']]),
      },
    };
    expect(check(wrong, 'environment header agrees')?.detail).toMatch(/production \(first on req_9\)/);
    expect(check(wrong, 'contract hash header agrees')?.verdict).toBe('fail');
    const ownerless = { ...other, owners: { ...other.owners, cutover: null } };
    expect(check(ownerless, 'escalation template complete')?.detail).toMatch(/DUTYCLAIMS_CUTOVER_OWNER/);
  });
});
