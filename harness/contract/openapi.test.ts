import { readFileSync } from 'node:fs';
import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { computeContractHash } from './hash.js';
import { buildOpenApiDocument } from './openapi.js';
import { openApiPath } from './package-root.js';
import { CONTRACT_PIN } from './pin.js';
import type { RouteDefinition } from './route-definition.js';
import { routes } from './routes.js';

const committed = JSON.parse(readFileSync(openApiPath(), 'utf8')) as Record<string, unknown>;

describe('the committed OpenAPI document', () => {
  it('is exactly what the route table generates (run `npm run contract:generate` after changing the contract)', () => {
    expect(committed).toEqual(buildOpenApiDocument());
  });

  it('hashes to the pinned contract hash (update the pin with `npm run contract:generate`)', () => {
    expect(computeContractHash(committed)).toBe(CONTRACT_PIN.hash);
  });

  it('passes a third-party OpenAPI 3.1 validator', async () => {
    const result = await validate(structuredClone(committed) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('would be refused by that validator if it were broken (the check can fail)', async () => {
    const broken = structuredClone(committed) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const operation = broken.paths['/v1/claims']?.post;
    if (operation) operation.responses = { '202': { $ref: '#/components/responses/DoesNotExist' } };
    const result = await validate(broken as never);
    expect(result.valid).toBe(false);
  });

  it('documents every route of the table with its operation id, method and scopes', () => {
    const paths = committed.paths as Record<
      string,
      Record<string, { operationId: string; 'x-dutyclaims-required-scopes'?: string[] }>
    >;
    for (const route of Object.values(routes) as RouteDefinition[]) {
      const operation = paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.operationId, route.operationId).toBe(route.operationId);
      if (route.auth === 'bearer') expect(operation?.['x-dutyclaims-required-scopes']).toEqual([...route.scopes]);
    }
  });
});
