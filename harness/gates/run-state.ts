import type { RehearsalObservations } from '../rehearsal/observations.js';
import type { ResponseLeak } from '../rehearsal/response-audit.js';
import { type Check, check } from './gate-result.js';

/** The reason a gate after step 1 was not run because step 1 stopped the run, or null. */
export const haltedReason = (observations: RehearsalObservations): string | null =>
  observations.halted === null
    ? null
    : `Not run: step 1 stopped the run before any write. ${observations.halted} Point DUTYCLAIMS_BASE_URL at the intended host, or regenerate your artifacts from the served contract.`;

/** Whether the webhook gate looks at this run at all (else its leaks are the credential gate's to report). */
export const webhookGateRuns = (observations: RehearsalObservations): boolean =>
  !observations.config.readOnly &&
  observations.credentialRefused === null &&
  observations.halted === null &&
  (observations.endpoint !== null || observations.webhookTest !== null);

const describeLeak = (leak: ResponseLeak): string =>
  `${leak.route} -> ${leak.status} (request ${leak.requestId ?? 'without an id'}) returned ${leak.description} (${leak.prefix}) in its ${leak.where}`;

/** A check that no response of the run carried one of these secrets, naming each request that did. */
export function noLeakCheck(name: string, leaks: readonly ResponseLeak[], passDetail: string, advice: string): Check {
  return check(name, leaks.length === 0, passDetail, `${leaks.map(describeLeak).join('; ')}. ${advice}`);
}

/** The leaks each gate reports: signing secrets are the webhook gate's while it runs, the rest the credential gate's. */
export function leaksFor(observations: RehearsalObservations, gate: 'credential' | 'webhook'): ResponseLeak[] {
  const webhookOwnsSecrets = webhookGateRuns(observations);
  return observations.responseLeaks.filter((leak) =>
    leak.kind === 'webhook_secret' ? (gate === 'webhook') === webhookOwnsSecrets : gate === 'credential',
  );
}
