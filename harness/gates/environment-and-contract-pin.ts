import type { GateResult } from '../packet/schema.js';
import type { RehearsalObservations } from '../rehearsal/observations.js';
import { check, describeFailure, fail, gateResult, metaEvidence, pass, requestIdsOf } from './gate-result.js';

/** Gate 1: the target is the intended environment and serves the contract hash the artifacts were pinned to. */
export function evaluateEnvironmentAndContractPin(observations: RehearsalObservations): GateResult {
  const { partnerOrg, target, config } = observations;
  const pinned = config.pin.hash;
  const evidence = [
    { label: 'Target host', value: `${target.host} (${target.baseUrl})` },
    { label: 'Intended environment', value: target.expectedEnvironment },
    { label: 'Pinned contract hash', value: `${pinned} (from ${config.pin.source})` },
  ];
  if (observations.credentialRefused) {
    return gateResult('environment-and-contract-pin', {
      checks: [],
      evidence,
      requestIds: [],
      notRunReason: 'Not run: the credential was refused before any request was sent (see the credential gate).',
    });
  }
  if (!partnerOrg?.ok) {
    return gateResult('environment-and-contract-pin', {
      checks: [
        fail(
          'partner organization read',
          describeFailure(partnerOrg, `GET /v1/partner-organizations/${target.partnerOrgId}`),
        ),
      ],
      evidence,
      requestIds: requestIdsOf(partnerOrg),
    });
  }
  const org = partnerOrg.value;
  const { meta } = partnerOrg;
  evidence.push(
    { label: 'Partner organization', value: `${org.id} "${org.name}" (${org.status})` },
    {
      label: 'Served contract',
      value: `hash ${org.contract.hash}, version ${org.contract.version}; header ${meta.contractHash ?? 'missing'}`,
    },
    ...metaEvidence('Read', meta),
  );
  const checks = [
    pass(
      'partner organization read',
      `GET /v1/partner-organizations/${target.partnerOrgId} succeeded (request ${meta.requestId}).`,
    ),
    check(
      'partner org matches',
      org.id === target.partnerOrgId,
      `The provider returned ${org.id}.`,
      `Asked for ${target.partnerOrgId} but the provider returned ${org.id}.`,
    ),
    check(
      'environment is the intended one',
      org.environment === target.expectedEnvironment,
      `The provider reports environment ${org.environment}.`,
      `The provider reports environment ${org.environment}, but this run targets ${target.expectedEnvironment}. Point DUTYCLAIMS_BASE_URL at the ${target.expectedEnvironment} host.`,
    ),
    check(
      'environment header agrees',
      meta.environment === org.environment,
      `DutyClaims-Environment: ${meta.environment}.`,
      `DutyClaims-Environment is ${meta.environment ?? 'missing'} while the body says ${org.environment}.`,
    ),
    check(
      'contract hash matches the pin',
      org.contract.hash === pinned,
      `The provider serves contract ${org.contract.hash}, the hash your artifacts were pinned to.`,
      `The provider serves contract ${org.contract.hash} but your artifacts are pinned to ${pinned}. Regenerate your OpenAPI and starter files from the served contract, or validate against the deployment that serves ${pinned}.`,
    ),
    check(
      'contract hash header agrees',
      meta.contractHash === org.contract.hash,
      `DutyClaims-Contract-Hash: ${meta.contractHash}.`,
      `DutyClaims-Contract-Hash is ${meta.contractHash ?? 'missing'} while the body says ${org.contract.hash}.`,
    ),
  ];
  for (const artifact of observations.artifacts) {
    evidence.push({
      label: `Artifact (${artifact.kind})`,
      value: `${artifact.path} sha256 ${artifact.sha256}${artifact.contractHash ? ` contract ${artifact.contractHash}` : ''}`,
    });
    if (artifact.kind === 'pact' && artifact.contractHash !== null) {
      checks.push(
        check(
          `pact ${artifact.path} pinned to the served contract`,
          artifact.contractHash === org.contract.hash,
          `Written against contract ${artifact.contractHash}.`,
          `The pact was written against contract ${artifact.contractHash}, not the served ${org.contract.hash}. Regenerate it.`,
        ),
      );
    }
  }
  return gateResult('environment-and-contract-pin', { checks, evidence, requestIds: requestIdsOf(partnerOrg) });
}
