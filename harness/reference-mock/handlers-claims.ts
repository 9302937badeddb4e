import type { CreateClaimRequest } from '../contract/index.js';
import { claimStatusJson, startClaimLifecycle } from './claims-lifecycle.js';
import { type HandlerContext, type HandlerResult, notFound, orgOf } from './handler-context.js';
import { ownClient } from './handlers-clients.js';
import { newId } from './ids.js';
import { ApiProblem } from './problem.js';
import type { ClaimRecord } from './store.js';

/** POST /v1/claims: needs a client of the same org whose authority is granted. */
export function createClaim(ctx: HandlerContext): HandlerResult {
  const body = ctx.body as CreateClaimRequest;
  const client = ownClient(ctx, body.clientId);
  if (client.authorityStatus !== 'granted')
    throw new ApiProblem('authority_not_granted', {
      message: `The authority of client ${client.id} is ${client.authorityStatus}. Read GET /v1/clients/${client.id}/authority and submit once it is granted.`,
      resourceId: client.id,
    });
  const { engine } = ctx;
  const now = engine.clock.now();
  const createdAt = new Date(now).toISOString();
  const claim: ClaimRecord = {
    id: newId('clm'),
    jobId: newId('job'),
    orgId: orgOf(ctx),
    clientId: client.id,
    claimType: body.claimType,
    amount: { currency: body.amount.currency, value: body.amount.value },
    reference: body.reference,
    createdAtMs: now,
    timeline: engine.options.timeline,
    outcome: engine.rules.claimOutcome,
    status: 'received',
    steps: 1,
    statusJson: null,
  };
  engine.store.claims.set(claim.id, claim);
  engine.store.retain(now);
  startClaimLifecycle(engine, claim);
  return {
    status: 202,
    body: {
      id: claim.id,
      jobId: claim.jobId,
      clientId: claim.clientId,
      status: claim.status,
      claimType: claim.claimType,
      amount: claim.amount,
      reference: claim.reference,
      createdAt,
    },
  };
}

/** GET /v1/claims/{claimId}/status (the benchmarked hot path: a Map lookup and a cached body). */
export function getClaimStatus(ctx: HandlerContext): HandlerResult {
  const id = ctx.params.claimId ?? '';
  const claim = ctx.engine.store.claims.get(id);
  if (claim === undefined || claim.orgId !== ctx.credential?.orgId) throw notFound('claim', id);
  return { status: 200, json: claimStatusJson(claim) };
}
