import type { Capabilities } from '../contract/schemas/partner-organizations.js';
import { summarizeLatency } from '../monitor/latency.js';
import type { ProviderSnapshot } from '../packet/monitor-schema.js';
import type { LogFields } from '../packet/schema.js';
import type { Outcome } from '../rehearsal/observations.js';

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** What the provider showed this run, in the form `diff` compares. */
export function providerSnapshot(input: {
  readonly capabilities: Outcome<Capabilities> | null;
  readonly calls: readonly LogFields[];
  readonly responseHeaders: Iterable<string>;
  readonly rateLimits: Readonly<Record<string, number>>;
}): ProviderSnapshot {
  const { capabilities, calls } = input;
  const families = capabilities?.ok
    ? Object.fromEntries(
        capabilities.value.routeFamilies.map((family) => [
          family.family,
          {
            availability: family.availability,
            credentialShapes: sorted(family.credentialShapes),
            requiredScopes: sorted(family.requiredScopes),
          },
        ]),
      )
    : null;
  return {
    families,
    grantedScopes: capabilities?.ok ? sorted(capabilities.value.credential.grantedScopes) : null,
    responseHeaders: sorted(input.responseHeaders),
    errorCodes: sorted(calls.flatMap((call) => (call.errorCode === null ? [] : [call.errorCode]))),
    rateLimits: { ...input.rateLimits },
    latency: summarizeLatency(calls.map((call) => call.durationMs)),
  };
}
