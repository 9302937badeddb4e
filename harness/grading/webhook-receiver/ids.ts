import { randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A fresh id in the contract's shape: `<prefix>_` + 20 lowercase base32 characters. */
export function randomId(prefix: string): string {
  const bytes = randomBytes(20);
  let suffix = '';
  for (const byte of bytes) suffix += BASE32[byte % 32];
  return `${prefix}_${suffix}`;
}

/** A throwaway secret of the `whsec_` + base64 shape, which every built-in scheme accepts. */
export const randomSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;
