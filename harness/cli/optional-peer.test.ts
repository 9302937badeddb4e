import { describe, expect, it } from 'vitest';
import { missingOptionalPeer } from './optional-peer.js';

/** The error Node really throws for an import of a package that is not installed. */
async function importError(specifier: string): Promise<unknown> {
  try {
    await import(specifier);
  } catch (error) {
    return error;
  }
  throw new Error(`${specifier} was importable`);
}

describe('missingOptionalPeer', () => {
  it('names an optional peer that is not installed and how to install it', async () => {
    const error = await importError('testcontainers-not-installed-here');
    // Same code and message shape as for a real peer, with the peer's name swapped in.
    const asPeer = Object.assign(
      new Error(String((error as Error).message).replace('testcontainers-not-installed-here', '@pact-foundation/pact')),
      {
        code: (error as { code: string }).code,
      },
    );
    expect((error as { code: string }).code).toBe('ERR_MODULE_NOT_FOUND');
    expect(missingOptionalPeer(asPeer, 'verify-provider')).toBe(
      'verify-provider needs @pact-foundation/pact (Pact consumer generation and provider verification), an optional peer dependency of @dutyclaims/launch-harness that is not installed.\n' +
        'Install it next to the harness: npm i -D @pact-foundation/pact',
    );
  });

  it('leaves other errors alone', async () => {
    expect(missingOptionalPeer(await importError('left-pad-not-installed-here'), 'verify-provider')).toBeNull();
    expect(missingOptionalPeer(new Error("Cannot find package '@pact-foundation/pact'"), 'verify-provider')).toBeNull();
    expect(missingOptionalPeer('ERR_MODULE_NOT_FOUND', 'verify-provider')).toBeNull();
  });
});
