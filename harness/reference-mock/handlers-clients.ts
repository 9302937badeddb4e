import type { CreateClientRequest } from '../contract/index.js';
import { type HandlerContext, type HandlerResult, notFound, orgOf } from './handler-context.js';
import { newId } from './ids.js';
import { ApiProblem } from './problem.js';
import type { ClientRecord } from './store.js';

const clientBody = (client: ClientRecord) => ({
  id: client.id,
  externalRef: client.externalRef,
  name: client.name,
  country: client.country,
  eoriNumber: client.eoriNumber,
  authorityStatus: client.authorityStatus,
  createdAt: client.createdAt,
});

/** POST /v1/clients: externalRef is unique per org (409 with the existing id). */
export function createClient(ctx: HandlerContext): HandlerResult {
  const orgId = orgOf(ctx);
  const body = ctx.body as CreateClientRequest;
  const { store, clock, rules, scheduler } = ctx.engine;
  const refKey = `${orgId}\n${body.externalRef}`;
  const existing = store.clientsByRef.get(refKey);
  if (existing !== undefined)
    throw new ApiProblem('client_already_exists', {
      message: `A client with externalRef "${body.externalRef}" is already linked (${existing}). Use resourceId to link to it.`,
      resourceId: existing,
    });
  const now = clock.now();
  const createdAt = new Date(now).toISOString();
  const rule = rules.authority;
  const client: ClientRecord = {
    id: newId('cli'),
    orgId,
    externalRef: body.externalRef,
    name: body.name,
    country: body.country,
    eoriNumber: body.eoriNumber ?? null,
    createdAt,
    authorityStatus: rule.mode === 'immediate' ? 'granted' : 'pending',
    grantedAt: rule.mode === 'immediate' ? createdAt : null,
    authorityUpdatedAt: createdAt,
  };
  store.clients.set(client.id, client);
  store.clientsByRef.set(refKey, client.id);
  store.retain(ctx.engine.clock.now());
  if (rule.mode === 'after') {
    const due = now + rule.afterMs;
    scheduler.schedule(due, () => {
      const at = new Date(due).toISOString();
      client.authorityStatus = 'granted';
      client.grantedAt = at;
      client.authorityUpdatedAt = at;
    });
  }
  return { status: 201, body: clientBody(client) };
}

/** The caller's client `id`, or 404. */
export function ownClient(ctx: HandlerContext, id: string): ClientRecord {
  const client = ctx.engine.store.clients.get(id);
  if (client === undefined || client.orgId !== orgOf(ctx)) throw notFound('client', id);
  return client;
}

/** GET /v1/clients/{clientId}/authority */
export function getClientAuthority(ctx: HandlerContext): HandlerResult {
  const client = ownClient(ctx, ctx.params.clientId ?? '');
  return {
    status: 200,
    body: {
      clientId: client.id,
      status: client.authorityStatus,
      scopes: ['claims:read', 'claims:write'],
      requestedAt: client.createdAt,
      grantedAt: client.grantedAt,
      expiresAt: null,
      revokedAt: null,
      updatedAt: client.authorityUpdatedAt,
    },
  };
}
