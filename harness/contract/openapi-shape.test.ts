import { describe, expect, it } from 'vitest';
import { VISIBLE_ASCII_1_255, VISIBLE_ASCII_1_255_PATTERN } from './header-rules.js';
import { buildOpenApiDocument } from './openapi.js';
import type { RouteDefinition } from './route-definition.js';
import { routes } from './routes.js';

interface Operation {
  operationId: string;
  parameters?: { $ref?: string; name?: string }[];
  responses: Record<
    string,
    {
      $ref?: string;
      content?: Record<string, { schema: { $ref: string } }>;
      links?: Record<string, { operationId: string; parameters?: Record<string, string>; requestBody?: unknown }>;
    }
  >;
  security?: unknown[];
  'x-dutyclaims-error-codes': Record<string, string[]>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, { post: Operation }>;
  components: { parameters: Record<string, { schema: { pattern: string } }> };
}

const document = buildOpenApiDocument() as unknown as Document;
const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
const byId = new Map(operations.map((operation) => [operation.operationId, operation]));

describe('the OpenAPI document says what the mock does', () => {
  it('states one X-Correlation-Id rule, the one the mock enforces', () => {
    const pattern = new RegExp(document.components.parameters.CorrelationId?.schema.pattern ?? '');
    expect(pattern.source).toBe(new RegExp(VISIBLE_ASCII_1_255_PATTERN).source);
    for (const sample of ['order-42/attempt-1', 'a'.repeat(255), 'x', 'has space', '', 'a'.repeat(256), 'é'])
      expect(pattern.test(sample), sample).toBe(VISIBLE_ASCII_1_255.test(sample));
  });

  it('documents 400 invalid_header on every operation, GETs included, since each takes X-Correlation-Id', () => {
    for (const operation of operations) {
      expect(operation.parameters?.some((p) => p.$ref === '#/components/parameters/CorrelationId')).toBe(true);
      expect(operation.responses['400'], operation.operationId).toBeDefined();
      expect(operation['x-dutyclaims-error-codes']['400'], operation.operationId).toContain('invalid_header');
    }
  });

  it('answers endpoint creation with the endpoint-with-secret component, and disabling with the plain endpoint', () => {
    const schemaOf = (id: string, status: string) =>
      byId.get(id)?.responses[status]?.content?.['application/json']?.schema.$ref;
    expect(schemaOf('createWebhookEndpoint', '201')).toBe('#/components/schemas/WebhookEndpointWithSecret');
    expect(schemaOf('rotateWebhookSecret', '200')).toBe('#/components/schemas/WebhookEndpointWithSecret');
    expect(schemaOf('getWebhookEndpoint', '200')).toBe('#/components/schemas/WebhookEndpoint');
    expect(schemaOf('disableWebhookEndpoint', '200')).toBe('#/components/schemas/WebhookEndpoint');
  });

  it('links each created resource to the routes that use it, by real operation ids and parameters', () => {
    const linksOf = (id: string) => {
      const route = (Object.values(routes) as RouteDefinition[]).find((r) => r.operationId === id);
      return byId.get(id)?.responses[String(route?.success.status)]?.links ?? {};
    };
    expect(Object.values(linksOf('createClient')).map((l) => l.operationId)).toEqual(['getClientAuthority']);
    expect(Object.values(linksOf('createClaim')).map((l) => l.operationId)).toEqual(['getClaimStatus']);
    expect(
      Object.values(linksOf('createWebhookEndpoint'))
        .map((l) => l.operationId)
        .sort(),
    ).toEqual(['disableWebhookEndpoint', 'getWebhookEndpoint', 'rotateWebhookSecret', 'sendSandboxWebhookTest']);
    for (const operation of operations)
      for (const response of Object.values(operation.responses))
        for (const link of Object.values(response.links ?? {})) {
          const target = byId.get(link.operationId);
          expect(target, link.operationId).toBeDefined();
          const names = new Set((target?.parameters ?? []).map((p) => p.name));
          for (const parameter of Object.keys(link.parameters ?? {}))
            expect(names.has(parameter), parameter).toBe(true);
        }
  });

  it('marks webhooks as authenticated by their signature, not an API credential', () => {
    for (const [name, item] of Object.entries(document.webhooks)) expect(item.post.security, name).toEqual([]);
  });
});
