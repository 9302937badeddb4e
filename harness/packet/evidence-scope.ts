import type { EvidenceScope, LaunchPacket, Unproven } from './schema.js';

type ScopeInput = Pick<LaunchPacket, 'target' | 'credential' | 'verdict' | 'run' | 'contract'>;

const REFERENCE_MOCK_LABEL = 'reference mock rehearsal (not evidence for live traffic)';

/** The sandbox rehearsal that turns a mock rehearsal into evidence. */
const sandboxRehearsal = (pinnedHash: string) =>
  `DUTYCLAIMS_TARGET=sandbox DUTYCLAIMS_BASE_URL=<sandbox host> DUTYCLAIMS_PARTNER_ORG_ID=<partner org> DUTYCLAIMS_API_KEY=<dc_test_ key> DUTYCLAIMS_CONTRACT_HASH=${pinnedHash} DUTYCLAIMS_WEBHOOK_PUBLIC_URL=<public URL of the receiver> npx dutyclaims-launch rehearse`;

/** The read-only production smoke that proves the production credential shape. */
const productionSmoke = (pinnedHash: string) =>
  `DUTYCLAIMS_TARGET=production DUTYCLAIMS_BASE_URL=<production host> DUTYCLAIMS_PARTNER_ORG_ID=<partner org> DUTYCLAIMS_API_KEY=<dc_live_ key, read-only scopes> DUTYCLAIMS_CONTRACT_HASH=${pinnedHash} npx dutyclaims-launch smoke`;

/** What live traffic needs that a run of this kind cannot prove. */
function unprovenBy({ target, credential, run, contract }: ScopeInput): Unproven[] {
  if (target.kind === 'mock')
    return [
      {
        id: 'live_target',
        reason:
          'The evidence comes from the harness reference mock: it rehearses your flow, but says nothing about the DutyClaims host you will launch against.',
        proveWith: sandboxRehearsal(contract.pinnedHash),
      },
    ];
  const unproven: Unproven[] = [];
  if (target.kind === 'sandbox' && credential.shape === 'oauth')
    unproven.push({
      id: 'production_credential',
      reason:
        'This run authenticated with sandbox OAuth client credentials; production uses a dc_live_ API key, and sandbox OAuth is not proof of a production flow. A read-only production smoke with the live key proves it.',
      proveWith: productionSmoke(contract.pinnedHash),
    });
  if (run.readOnly)
    unproven.push({
      id: 'writes',
      reason:
        'A read-only run sends no writes: the idempotency, webhook and golden-path gates need a sandbox rehearsal.',
      proveWith: sandboxRehearsal(contract.pinnedHash),
    });
  return unproven;
}

/**
 * Says where a run's evidence came from and what it does not prove, so no reader (or program) takes a
 * mock rehearsal or a sandbox OAuth run for permission to ask for live traffic.
 */
export function evidenceScope(packet: ScopeInput): EvidenceScope {
  const unproven = unprovenBy(packet);
  const live = packet.target.kind !== 'mock';
  const label = !live
    ? REFERENCE_MOCK_LABEL
    : packet.run.mode === 'observe'
      ? `partner traffic through the observe proxy to ${packet.target.kind} ${packet.target.host}${packet.run.readOnly ? ' (reads only)' : ''}`
      : packet.run.readOnly
        ? `${packet.target.kind} read-only smoke on ${packet.target.host}`
        : `${packet.target.kind} rehearsal on ${packet.target.host}`;
  return {
    source: live ? 'live_target' : 'reference_mock',
    label,
    supportsLiveTraffic: live && packet.verdict === 'ready' && unproven.length === 0,
    unproven,
  };
}
