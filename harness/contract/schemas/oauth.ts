import { z } from 'zod';

/** RFC 6749 section 4.4 client-credentials token request (form-encoded). */
export const TokenRequest = z.object({
  grant_type: z.literal('client_credentials'),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  scope: z.string().optional().meta({ description: 'Space-separated scopes; defaults to all the client may hold.' }),
});
export type TokenRequest = z.infer<typeof TokenRequest>;

export const TokenResponse = z.object({
  access_token: z.string().regex(/^dc_oat_[0-9a-z]{16,64}$/),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().positive(),
  scope: z.string(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;
