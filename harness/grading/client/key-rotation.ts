import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Headers, Scope } from '../../contract/index.js';
import { Agent, request } from '../../http/undici.js';
import type { StartedReferenceMock } from '../../reference-mock/index.js';
import type { KeyRotationFacts } from './evaluate-rotation.js';

/** The correlation id prefix of the grader's own API calls, which are left out of the graded journal. */
export const GRADER_CORRELATION_PREFIX = 'dutyclaims-grader-';

interface IssuedKey {
  readonly key: string;
  readonly id: string;
  readonly prefix: string;
}

/** The key the command starts with, its replacement, and the key file the command reads. */
export interface ScenarioKeys extends AsyncDisposable {
  readonly first: IssuedKey;
  readonly second: IssuedKey;
  /** DUTYCLAIMS_API_KEY_FILE: holds `first` until the grader rotates, then `second`. */
  readonly file: string;
}

/** A running watch for step 7: rotates once the command has read the partner organization with its first key. */
export interface RotationWatch {
  /** Stops watching; what the grader did. */
  stop(): Promise<KeyRotationFacts>;
}

const POLL_MS = 50;

async function call(mock: StartedReferenceMock, agent: Agent, path: string, body: unknown, label: string) {
  const response = await request(`${mock.url}${path}`, {
    method: 'POST',
    dispatcher: agent,
    headers: {
      [Headers.authorization]: `Bearer ${mock.personas.sandbox.apiKey}`,
      'content-type': 'application/json',
      'idempotency-key': `${GRADER_CORRELATION_PREFIX}${label}-${Date.now()}`,
      [Headers.correlationId]: `${GRADER_CORRELATION_PREFIX}${label}`,
    },
    body: JSON.stringify(body),
  });
  const json = (await response.body.json()) as Record<string, unknown>;
  if (response.statusCode >= 300)
    throw new Error(`The grader's ${label} call answered ${response.statusCode} ${JSON.stringify(json)}.`);
  return { json, requestId: response.headers[Headers.requestId.toLowerCase()] };
}

/** Writes `key` to `file` at once (a reader never sees half a key). */
async function replaceFile(file: string, key: string): Promise<void> {
  const next = `${file}.next`;
  await writeFile(next, `${key}\n`, { mode: 0o600 });
  await rename(next, file);
}

/** Issues the run's two API keys (every scope) and writes the first to a fresh key file. */
export async function issueScenarioKeys(mock: StartedReferenceMock): Promise<ScenarioKeys> {
  const agent = new Agent();
  const orgPath = `/v1/partner-organizations/${mock.personas.sandbox.partnerOrgId}/api-keys`;
  const issue = async (name: string): Promise<IssuedKey> => {
    const { json } = await call(mock, agent, orgPath, { name, scopes: [...Scope.options] }, `issue-${name}`);
    return { key: String(json.key), id: String(json.id), prefix: String(json.prefix) };
  };
  try {
    const first = await issue('scenario');
    const second = await issue('scenario-replacement');
    const dir = await mkdtemp(join(tmpdir(), 'dutyclaims-grade-key-'));
    const file = join(dir, 'api-key');
    await replaceFile(file, first.key);
    return { first, second, file, [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }) };
  } finally {
    await agent.close();
  }
}

/**
 * Watches the journal while the command runs: once it has read the partner organization with the
 * first key (step 7), revokes that key with no grace and writes the replacement to the key file.
 */
export function watchForRotation(mock: StartedReferenceMock, keys: ScenarioKeys): RotationWatch {
  let stopped = false;
  let facts: KeyRotationFacts = {
    rotated: false,
    reason: 'the command never read the partner organization (step 7) with its key, so the grader never rotated it',
  };
  const loop = (async () => {
    const agent = new Agent();
    try {
      while (!stopped) {
        const journal = await mock.control.journal();
        const reached = journal.some(
          (entry) =>
            entry.operationId === 'getPartnerOrganization' &&
            entry.status === 200 &&
            entry.credentialPrefix === keys.first.prefix,
        );
        if (reached) {
          const orgId = mock.personas.sandbox.partnerOrgId;
          const revoked = await call(
            mock,
            agent,
            `/v1/partner-organizations/${orgId}/api-keys/${keys.first.id}/revoke`,
            { graceSeconds: 0 },
            'rotation',
          );
          await replaceFile(keys.file, keys.second.key);
          // After the write: a request between the revocation and the new key's arrival is not held against the client.
          const switchedAt = performance.timeOrigin + performance.now();
          facts = {
            rotated: true,
            switchedAt,
            oldPrefix: keys.first.prefix,
            newPrefix: keys.second.prefix,
            revokeRequestId: typeof revoked.requestId === 'string' ? revoked.requestId : null,
          };
          return;
        }
        await sleep(POLL_MS);
      }
    } catch (error) {
      facts = { rotated: false, reason: `the grader could not rotate the key: ${(error as Error).message}` };
    } finally {
      await agent.close();
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return facts;
    },
  };
}
