import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import type { StartedReferenceMock } from '../../harness/reference-mock/index.js';
import { type MisbehavingRun, paths, rewriteJson } from './misbehaving-provider.js';

/** Ways a provider misbehaves, as proxies, faults and settings for `rehearseAgainst`. */
export type ProviderProxy = NonNullable<MisbehavingRun['proxy']>;
export const fault = (operationId: string) => async (mock: StartedReferenceMock) => {
  await mock.control.injectFault({ kind: 'status', status: 404, count: 100, match: { operationId } });
};
export type Capabilities = {
  routeFamilies: { family: string; credentialShapes: string[]; availability: string }[];
  credential: { shape: string; grantedScopes: string[] };
};
export const capabilities =
  (change: (body: Capabilities) => void): ProviderProxy =>
  () => ({
    rewriteResponseBody: rewriteJson(paths.capabilities, (body) => {
      change(body as unknown as Capabilities);
      return body;
    }),
  });
export const family = (body: Capabilities, name: string) => {
  const found = body.routeFamilies.find((item) => item.family === name);
  if (!found) throw new Error(`no ${name} family`);
  return found;
};
export const noRequestIdOnClaimWrites: ProviderProxy = () => ({
  rewriteResponseHeaders: (path, headers, { method }) => {
    if (paths.claims(path, method)) delete headers['x-request-id'];
    return headers;
  },
});
/** Changes the Nth claim write's answer (1-based): its body, its headers, or both. */
export const onClaimWrite =
  (
    nth: number,
    change: { body?: (body: string) => string; headers?: (headers: Record<string, string | string[]>) => void },
  ): ProviderProxy =>
  () => {
    let seen = 0;
    return {
      // The proxy rewrites the body first, then the headers, of each response.
      rewriteResponseBody: (path, body, { method }) =>
        paths.claims(path, method) && ++seen === nth && change.body ? change.body(body) : body,
      rewriteResponseHeaders: (path, headers, { method }) => {
        if (paths.claims(path, method) && seen === nth) change.headers?.(headers);
        return headers;
      },
    };
  };
export const withoutOwner =
  (owner: 'credentialRotation' | 'secretStorage' | 'rollback'): NonNullable<MisbehavingRun['config']> =>
  (config) => ({ ...config, owners: { ...config.owners, [owner]: null } });
export const authorityNever: MisbehavingRun = {
  before: (mock) => mock.control.setAuthorityRule({ mode: 'never' }),
  env: { DUTYCLAIMS_WAIT_TIMEOUT_MS: '300' },
};

/** A pact directory whose pact was written against another contract than the provider serves. */
export const stalePact = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'dc-pacts-'));
  const file = join(dir, 'partner-dutyclaims.json');
  writeFileSync(file, JSON.stringify({ metadata: { dutyclaims: { contractHash: 'ffffffffffffffff' } } }));
  return { dir, file };
})();

/** Creates a client on the mock directly, as an earlier run of the partner's app would have. */
export async function createClient(mock: StartedReferenceMock, externalRef: string) {
  const response = await request(`${mock.url}/v1/clients`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${mock.personas.sandbox.apiKey}`,
      'content-type': 'application/json',
      'idempotency-key': `create-${externalRef}`,
    },
    body: JSON.stringify({ externalRef, name: 'Existing client', country: 'GB' }),
  });
  if (response.statusCode !== 201) throw new Error(`creating ${externalRef} answered ${response.statusCode}`);
  return (await response.body.json()) as { id: string };
}
