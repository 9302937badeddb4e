import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { loadHarnessConfig } from '../../harness/config/index.js';
import { compilePath, openApiPath, type RouteDefinition, routes } from '../../harness/contract/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { runLaunchRehearsal } from '../../harness/rehearsal/index.js';
import { startRewritingProxy } from '../support/rewriting-proxy.js';

type Operation = {
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: { $ref: string } }> }>;
};
const document = JSON.parse(readFileSync(openApiPath(), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
};

// An independent reading of the committed document: ajv (JSON Schema 2020-12), not zod.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi.json');
const validatorFor = (ref: string) => {
  const validate = ajv.getSchema(`openapi.json${ref}`);
  if (!validate) throw new Error(`No schema at ${ref}`);
  return validate;
};

const matchers = (Object.values(routes) as RouteDefinition[]).map((route) => ({
  route,
  matcher: compilePath(route.path),
}));
const routeOf = (method: string, path: string) =>
  matchers.find(({ route, matcher }) => route.method === method && matcher.match(path.split('?')[0] ?? path))?.route;

describe('the committed OpenAPI document describes what the reference mock actually serves', () => {
  it('validates every response body of a golden path and of error branches against the document', async () => {
    await using mock = await startReferenceMock();
    const seen: { method: string; path: string; body: string; status: number }[] = [];
    await using proxy = await startRewritingProxy({
      target: mock.url,
      rewriteResponseBody: (path, body, { method, status }) => {
        seen.push({ method, path, body, status });
        return body;
      },
    });
    const { packet } = await runLaunchRehearsal({
      config: loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: mkdtempSync(join(tmpdir(), 'dc-openapi-')) }),
      mock: { url: proxy.url, personas: mock.personas },
    });
    expect(packet.verdict).toBe('ready');
    const auth = { authorization: `Bearer ${mock.personas.sandbox.apiKey}` };
    for (const path of [
      '/v1/claims/clm_aaaaaaaaaaaaaaaaaaaa/status',
      '/v1/partner-organizations/porg_aaaaaaaaaaaaaaaaaaaa',
      '/health',
    ]) {
      await (await request(`${proxy.url}${path}`, { headers: auth })).body.dump();
    }
    await (
      await request(`${proxy.url}/v1/clients/cli_aaaaaaaaaaaaaaaaaaaa/authority`, {
        headers: { authorization: 'Bearer dc_test_nope' },
      })
    ).body.dump();

    const checked = new Set<string>();
    for (const { method, path, body, status } of seen) {
      const route = routeOf(method, path);
      if (!route) continue;
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      if (!operation) throw new Error(`${route.operationId} is missing from the document`);
      expect(
        operation.responses[String(status)],
        `${route.operationId} answered ${status}, which it does not document`,
      ).toBeDefined();
      const json = JSON.parse(body) as { error?: unknown };
      const ref = json.error
        ? '#/components/schemas/ErrorEnvelope'
        : operation.responses[String(route.success.status)]?.content?.['application/json']?.schema.$ref;
      if (!ref) throw new Error(`${route.operationId} documents no success schema`);
      const validate = validatorFor(ref);
      expect(validate(json) ? [] : validate.errors, `${route.operationId} ${path}`).toEqual([]);
      checked.add(json.error ? `${route.operationId}:error` : route.operationId);
    }
    expect([...checked].sort()).toEqual(
      expect.arrayContaining([
        'createClaim',
        'createClient',
        'createWebhookEndpoint',
        'getCapabilities',
        'getClaimStatus',
        'getClaimStatus:error',
        'getClientAuthority',
        'getClientAuthority:error',
        'getPartnerOrganization',
        'getPartnerOrganization:error',
        'getWebhookEndpoint',
        'health',
        'listWebhookDeliveries',
        'sendSandboxWebhookTest',
      ]),
    );
  });

  it('would catch a body the document does not allow', () => {
    const validate = validatorFor('#/components/schemas/GetClaimStatusResponse');
    expect(validate({ claimId: 'clm_aaaaaaaaaaaaaaaaaaaa', status: 'accepted' })).toBe(false);
  });
});
