import { z } from 'zod';
import { ClaimId, ClientId, JobId, Money, Timestamp } from './common.js';

export const ClaimStatus = z.enum(['received', 'validating', 'submitted', 'accepted', 'rejected']);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

export const TERMINAL_CLAIM_STATUSES: readonly ClaimStatus[] = ['accepted', 'rejected'];

export const CreateClaimRequest = z.object({
  clientId: ClientId,
  claimType: z.enum(['duty_drawback', 'overpayment_refund', 'inward_processing_relief']),
  amount: Money,
  reference: z
    .string()
    .min(1)
    .max(64)
    .meta({ description: "The partner's own reference for reconciliation (order, ticket, case)." }),
  description: z.string().max(500).optional(),
});
export type CreateClaimRequest = z.infer<typeof CreateClaimRequest>;

export const Claim = z.object({
  id: ClaimId,
  jobId: JobId,
  clientId: ClientId,
  status: ClaimStatus,
  claimType: CreateClaimRequest.shape.claimType,
  amount: Money,
  reference: z.string(),
  createdAt: Timestamp,
});
export type Claim = z.infer<typeof Claim>;

export const ClaimStatusChange = z.object({
  status: ClaimStatus,
  at: Timestamp,
  reason: z.string().nullable(),
});

export const ClaimStatusView = z.object({
  claimId: ClaimId,
  jobId: JobId,
  status: ClaimStatus,
  terminal: z.boolean(),
  history: z.array(ClaimStatusChange).min(1),
  updatedAt: Timestamp,
});
export type ClaimStatusView = z.infer<typeof ClaimStatusView>;

export const ClaimParams = z.object({ claimId: ClaimId });
