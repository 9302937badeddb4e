import { z } from 'zod';
import { type ErrorCode, ErrorCodes } from './error-codes.js';
import { MAX_ACTIVE_SIGNING_SECRETS, TRACEPARENT_PATTERN, VISIBLE_ASCII_1_255_PATTERN } from './header-rules.js';
import { Headers, STANDARD_RESPONSE_HEADERS } from './headers.js';
import { successLinks } from './openapi-links.js';
import type { RouteDefinition } from './route-definition.js';
import { errorCodesFor, type RouteName, routes } from './routes.js';
import { Scope } from './schemas/common.js';
import { ErrorEnvelope } from './schemas/errors.js';
import {
  ClaimStatusChangedEvent,
  SandboxTestEvent,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from './schemas/webhooks.js';

type JsonObject = Record<string, unknown>;

export const CONTRACT_VERSION = '1.0.0';

const SCHEMA_REF = (name: string) => `#/components/schemas/${name}`;

/** Converts zod schemas to JSON Schema 2020-12 the way OpenAPI 3.1 embeds them. */
function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const converted = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'throw',
    // `format: date-time` says it all; zod's long equivalent regex would only bloat the document.
    override: ({ jsonSchema }) => {
      if (jsonSchema.format === 'date-time') delete jsonSchema.pattern;
    },
  }) as JsonObject;
  const { $schema: _drop, ...rest } = converted;
  return rest;
}

/** Schemas that several routes answer with, named for what they are rather than for one route. */
const SHARED_SCHEMA_NAMES = new Map<z.ZodType, string>([
  [WebhookEndpoint, 'WebhookEndpoint'],
  [WebhookEndpointWithSecret, 'WebhookEndpointWithSecret'],
]);

/** Names each route's body and success schemas, so the document reads like a hand-written one. */
function collectComponents(): { schemas: JsonObject; refs: Map<z.ZodType, string> } {
  const refs = new Map<z.ZodType, string>();
  const schemas: JsonObject = { ErrorEnvelope: toSchema(ErrorEnvelope, 'output') };
  refs.set(ErrorEnvelope, 'ErrorEnvelope');
  const name = (route: RouteDefinition, suffix: string) =>
    route.operationId[0]?.toUpperCase() + route.operationId.slice(1) + suffix;
  const register = (schema: z.ZodType, id: string, io: 'input' | 'output') => {
    const existing = refs.get(schema);
    // A schema shared by two routes under route names would point one route at the other's component.
    if (existing !== undefined && existing !== id)
      throw new Error(`Schema ${existing} is shared by several routes: name it in SHARED_SCHEMA_NAMES.`);
    schemas[id] = toSchema(schema, io);
    refs.set(schema, id);
  };
  for (const route of Object.values(routes) as RouteDefinition[]) {
    if (route.body) register(route.body.schema, name(route, 'Request'), 'input');
    register(route.success.schema, SHARED_SCHEMA_NAMES.get(route.success.schema) ?? name(route, 'Response'), 'output');
  }
  schemas.ClaimStatusChangedEvent = toSchema(ClaimStatusChangedEvent, 'output');
  schemas.SandboxTestEvent = toSchema(SandboxTestEvent, 'output');
  return { schemas, refs };
}

const headerRefs = (names: readonly string[]): JsonObject =>
  Object.fromEntries(names.map((header) => [header, { $ref: `#/components/headers/${header}` }]));

const responseHeaders = (route: RouteDefinition, status: number): JsonObject => {
  const names: string[] = [...STANDARD_RESPONSE_HEADERS];
  if (route.idempotencyKey !== 'none' && status < 300) names.push(Headers.idempotentReplayed);
  if (status === 429 || status === 503) names.push(Headers.retryAfter);
  return headerRefs(names);
};

function parametersOf(route: RouteDefinition): JsonObject[] {
  const parameters: JsonObject[] = [];
  const fromObject = (object: z.ZodObject | undefined, where: 'path' | 'query') => {
    if (!object) return;
    const schema = toSchema(object, 'input') as { properties?: Record<string, JsonObject>; required?: string[] };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const required = where === 'path' || (schema.required ?? []).includes(name);
      parameters.push({ name, in: where, required, schema: property });
    }
  };
  fromObject(route.params, 'path');
  fromObject(route.query, 'query');
  if (route.idempotencyKey !== 'none') {
    parameters.push({
      $ref:
        route.idempotencyKey === 'required'
          ? '#/components/parameters/IdempotencyKeyRequired'
          : '#/components/parameters/IdempotencyKey',
    });
  }
  parameters.push({ $ref: '#/components/parameters/CorrelationId' });
  parameters.push({ $ref: '#/components/parameters/Traceparent' });
  return parameters;
}

function errorCodesByStatus(route: RouteDefinition): Map<number, ErrorCode[]> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesFor(route)) {
    const status = ErrorCodes[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return byStatus;
}

/** One shared response per error status; each operation lists its codes in an extension. */
function errorResponseComponents(): JsonObject {
  const statuses = [...new Set(Object.values(ErrorCodes).map((spec) => spec.status))].sort((a, b) => a - b);

  return Object.fromEntries(
    statuses.map((status) => {
      const codes = Object.entries(ErrorCodes)
        .filter(([, spec]) => spec.status === status)
        .map(([code]) => code);
      const headerNames =
        status === 429 || status === 503
          ? [...STANDARD_RESPONSE_HEADERS, Headers.retryAfter]
          : STANDARD_RESPONSE_HEADERS;
      return [
        `Error${status}`,
        {
          description: `Error envelope; code is one of ${codes.join(', ')}.`,
          headers: headerRefs(headerNames),
          content: { 'application/json': { schema: { $ref: SCHEMA_REF('ErrorEnvelope') } } },
        },
      ];
    }),
  );
}

function operationOf(route: RouteDefinition, refs: Map<z.ZodType, string>): JsonObject {
  const ref = (schema: z.ZodType) => ({ $ref: SCHEMA_REF(refs.get(schema) ?? 'missing') });
  const operation: JsonObject = {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.family ?? 'platform'],
    'x-dutyclaims-route-family': route.family,
    'x-dutyclaims-sandbox-only': route.sandboxOnly,
    'x-dutyclaims-idempotency-key': route.idempotencyKey,
    parameters: parametersOf(route),
  };
  if (route.auth === 'bearer') {
    operation.security = [{ apiKey: [] }, { oauth2: [...route.scopes] }];
    operation['x-dutyclaims-required-scopes'] = [...route.scopes];
  } else {
    operation.security = [];
  }
  if (route.body) {
    operation.requestBody = {
      required: true,
      content: { [route.body.contentType]: { schema: ref(route.body.schema) } },
    };
  }
  operation.responses = {
    [String(route.success.status)]: {
      description: route.success.description,
      headers: responseHeaders(route, route.success.status),
      content: { 'application/json': { schema: ref(route.success.schema) } },
      ...(successLinks[route.operationId as RouteName] ? { links: successLinks[route.operationId as RouteName] } : {}),
    },
    ...Object.fromEntries(
      [...errorCodesByStatus(route).keys()].map((status) => [
        String(status),
        { $ref: `#/components/responses/Error${status}` },
      ]),
    ),
  };
  operation['x-dutyclaims-error-codes'] = Object.fromEntries(
    [...errorCodesByStatus(route)].map(([status, codes]) => [String(status), codes]),
  );
  return operation;
}

const header = (description: string, schema: JsonObject, required = true) => ({ description, required, schema });

function webhookOf(eventType: string, schemaName: string): JsonObject {
  return {
    post: {
      operationId: `webhook_${eventType.replace('.', '_')}`,
      summary: `Delivery of ${eventType} events to a registered endpoint.`,
      description:
        'Authenticated by the DutyClaims-Signature header (HMAC of the raw body with the endpoint secret), not by an API credential.',
      security: [],
      parameters: [
        {
          name: Headers.signature,
          in: 'header',
          required: true,
          description: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>; one v1 per active secret during rotation, at most ${MAX_ACTIVE_SIGNING_SECRETS}. t is an integer without leading zeros and each v1 is 64 lowercase hex characters: receivers accept no other spelling.`,
          schema: {
            type: 'string',
            pattern: `^t=(0|[1-9][0-9]*)(,v1=[0-9a-f]{64}){1,${MAX_ACTIVE_SIGNING_SECRETS}}$`,
          },
        },
        { name: Headers.eventId, in: 'header', required: true, schema: { type: 'string' } },
        { name: Headers.deliveryId, in: 'header', required: true, schema: { type: 'string' } },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: SCHEMA_REF(schemaName) } } } },
      responses: {
        '200': {
          description:
            'Any 2xx within 5 s acknowledges the delivery; anything else is retried with exponential backoff, up to 5 attempts.',
        },
      },
    },
  };
}

/** Builds the OpenAPI 3.1 document from the route table. Deterministic: same table, same bytes. */
export function buildOpenApiDocument(): JsonObject {
  const { schemas, refs } = collectComponents();
  const paths: Record<string, JsonObject> = {};
  for (const route of Object.values(routes) as RouteDefinition[]) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationOf(route, refs) };
  }
  const scopeDescriptions = Object.fromEntries(Scope.options.map((scope) => [scope, `Grants ${scope}.`]));
  return {
    openapi: '3.1.0',
    info: {
      title: 'DutyClaims Partner API',
      version: CONTRACT_VERSION,
      description:
        'The partner-facing DutyClaims API as the launch harness understands it. Generated from harness/contract/routes.ts; do not edit by hand. Every response carries the contract hash in DutyClaims-Contract-Hash.',
    },
    servers: [
      { url: 'https://api.sandbox.dutyclaims.example', description: 'sandbox' },
      { url: 'https://api.dutyclaims.example', description: 'production' },
    ],
    tags: ['platform', 'partner-organizations', 'clients', 'claims', 'webhooks', 'sandbox'].map((name) => ({ name })),
    paths,
    webhooks: {
      'claim.status_changed': webhookOf('claim.status_changed', 'ClaimStatusChangedEvent'),
      'sandbox.test': webhookOf('sandbox.test', 'SandboxTestEvent'),
    },
    components: {
      schemas,
      responses: errorResponseComponents(),
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key: dc_test_... in sandbox, dc_live_... in production.',
        },
        oauth2: {
          type: 'oauth2',
          description: 'OAuth2 client credentials; sandbox only. Not proof of a production flow.',
          flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: scopeDescriptions } },
        },
      },
      parameters: {
        IdempotencyKey: {
          name: Headers.idempotencyKey,
          in: 'header',
          required: false,
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: VISIBLE_ASCII_1_255_PATTERN },
        },
        IdempotencyKeyRequired: {
          name: Headers.idempotencyKey,
          in: 'header',
          required: true,
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: VISIBLE_ASCII_1_255_PATTERN },
        },
        CorrelationId: {
          name: Headers.correlationId,
          in: 'header',
          required: false,
          description:
            'Echoed back; generated when absent. 1-255 visible ASCII characters; any other value is refused with 400 invalid_header.',
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: VISIBLE_ASCII_1_255_PATTERN },
        },
        Traceparent: {
          name: Headers.traceparent,
          in: 'header',
          required: false,
          description:
            'W3C Trace Context of the logical call (https://www.w3.org/TR/trace-context/): the same value on every retry of one call, a new one per call. Accepted and recorded for support; the provider never refuses a request because of it.',
          schema: { type: 'string', pattern: TRACEPARENT_PATTERN },
        },
      },
      headers: {
        'X-Request-Id': header('Unique id of this request at the provider. Quote it in support escalations.', {
          type: 'string',
          pattern: '^req_[0-9a-z]{16,40}$',
        }),
        'X-Correlation-Id': header("The caller's X-Correlation-Id, or one the provider generated.", { type: 'string' }),
        'X-RateLimit-Limit': header('Requests allowed per window.', { type: 'integer' }),
        'X-RateLimit-Remaining': header('Requests left in the current window.', { type: 'integer' }),
        'X-RateLimit-Reset': header('Unix time (seconds) at which the window resets.', { type: 'integer' }),
        'Retry-After': header('Seconds to wait before retrying.', { type: 'integer' }),
        'DutyClaims-Contract-Hash': header('The contract hash the provider serves.', {
          type: 'string',
          pattern: '^[0-9a-f]{16}$',
        }),
        'DutyClaims-Environment': header('sandbox or production.', { type: 'string', enum: ['sandbox', 'production'] }),
        'Idempotent-Replayed': header(
          'true when this response replays an earlier one for the same Idempotency-Key.',
          { type: 'string', enum: ['true', 'false'] },
          false,
        ),
      },
    },
  };
}
