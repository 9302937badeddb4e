/** The optional peer dependencies some commands load, with what each is for. */
export const OPTIONAL_PEERS: Readonly<Record<string, string>> = Object.freeze({
  '@pact-foundation/pact': 'Pact consumer generation and provider verification',
  '@pact-foundation/pact-cli': 'the pact-broker commands (publish-pacts, can-i-deploy)',
  testcontainers: 'the reference mock in a container',
  vitest: 'the launch-gate suites',
});

/**
 * When `error` says an optional peer dependency is not installed, the message that tells the user how
 * to install it; else null. Node reports a missing package as ERR_MODULE_NOT_FOUND ("Cannot find
 * package 'name'" for an import, "Cannot find module" for a require).
 */
export function missingOptionalPeer(error: unknown, command: string): string | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return null;
  for (const [name, purpose] of Object.entries(OPTIONAL_PEERS)) {
    if (error.message.includes(`'${name}'`) || error.message.includes(`"${name}"`)) {
      return (
        `${command} needs ${name} (${purpose}), an optional peer dependency of @dutyclaims/launch-harness that is not installed.\n` +
        `Install it next to the harness: npm i -D ${name}`
      );
    }
  }
  return null;
}
