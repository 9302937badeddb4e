import type { GateResult } from '../packet/schema.js';
import type { RehearsalObservations } from '../rehearsal/observations.js';
import { rotationVerdicts } from './credential-rotation.js';
import { check, describeFailure, fail, gateResult, metaEvidence, pass, requestIdsOf } from './gate-result.js';
import { haltedReason, leaksFor, noLeakCheck } from './run-state.js';
import { excessScopes, familiesInUse, scopesNeeded } from './scope-need.js';

const UNSHIPPABLE = new Set(['provider_gated', 'manual_only', 'not_available']);

/**
 * Gate 2: the credential has a shape and the scopes each route family in use publishes, and no scope
 * beyond their need; one authenticated read succeeds; no provider response shows a credential; the
 * rotation owner and secret-storage location are recorded.
 */
export function evaluateCredentialAndHeaderDiscipline(observations: RehearsalObservations): GateResult {
  const { capabilities, config, credential, target } = observations;
  const owners = config.owners;
  const evidence = [
    {
      label: 'Credential',
      value: `${credential.kind === 'oauth' ? 'OAuth client credentials' : 'API key'} ${credential.prefix}…`,
    },
    { label: 'Rotation owner', value: owners.credentialRotation ?? 'not recorded' },
    { label: 'Secret storage', value: owners.secretStorage ?? 'not recorded' },
  ];
  const ownerChecks = [
    check(
      'rotation owner recorded',
      owners.credentialRotation !== null,
      `Rotation owner: ${owners.credentialRotation}.`,
      'No credential rotation owner is recorded. Set DUTYCLAIMS_ROTATION_OWNER.',
    ),
    check(
      'secret storage recorded',
      owners.secretStorage !== null,
      `Stored in: ${owners.secretStorage}.`,
      'No secret-storage location is recorded. Set DUTYCLAIMS_SECRET_STORAGE (e.g. "vault:kv/dutyclaims/live").',
    ),
  ];
  const leaks = leaksFor(observations, 'credential');
  const leakCheck = noLeakCheck(
    'no credential in provider responses',
    leaks,
    'No provider response of this run carried a credential or secret.',
    'A provider must never send a credential back: report these request ids to DutyClaims and rotate what leaked.',
  );
  const halted = haltedReason(observations);
  if (halted !== null) {
    return gateResult('credential-and-header-discipline', {
      checks: leaks.length > 0 ? [leakCheck] : [],
      evidence,
      requestIds: [],
      ...(leaks.length > 0 ? {} : { notRunReason: halted }),
    });
  }
  if (observations.credentialRefused) {
    return gateResult('credential-and-header-discipline', {
      checks: [
        fail(
          'credential fits the target environment',
          `${observations.credentialRefused.message} No request was sent.`,
        ),
        ...ownerChecks,
      ],
      evidence,
      requestIds: [],
    });
  }
  if (!capabilities?.ok) {
    return gateResult('credential-and-header-discipline', {
      checks: [
        fail('authenticated read', describeFailure(capabilities, 'GET capabilities')),
        leakCheck,
        ...ownerChecks,
      ],
      evidence,
      requestIds: requestIdsOf(capabilities),
    });
  }
  const caps = capabilities.value;
  const shape = caps.credential.shape;
  evidence.push(...metaEvidence('Authenticated read', capabilities.meta), {
    label: 'Credential shape (provider view)',
    value: `${shape}; granted scopes ${caps.credential.grantedScopes.join(' ') || 'none'}`,
  });
  const checks = [
    pass(
      'credential fits the target environment',
      `A ${shape} credential for ${target.expectedEnvironment}, accepted before any request was sent.`,
    ),
    pass('authenticated read', `GET capabilities succeeded (request ${capabilities.meta.requestId}).`),
  ];
  checks.push(
    check(
      'not sandbox OAuth on production',
      !(target.expectedEnvironment === 'production' && shape === 'oauth_client_credentials'),
      `A ${shape} credential.`,
      'Sandbox OAuth is not proof of a production flow: use a dc_live_ API key.',
    ),
  );
  const families = familiesInUse(config.routeFamilies, target.expectedEnvironment, config.readOnly);
  for (const family of families) {
    const published = caps.routeFamilies.find((item) => item.family === family);
    if (!published) {
      checks.push(
        fail(
          `${family}: published`,
          `The capabilities route publishes nothing for the ${family} route family this integration uses.`,
        ),
      );
      continue;
    }
    checks.push(pass(`${family}: published`, `The capabilities route publishes the ${family} route family.`));
    evidence.push({
      label: `Route family ${family}`,
      value: `${published.availability}; accepts ${published.credentialShapes.join(', ') || 'nothing'}; needs ${published.requiredScopes.join(' ') || 'no scope'}`,
    });
    const missing = scopesNeeded(published.requiredScopes, config.readOnly, config.rotation.requested).filter(
      (scope) => !caps.credential.grantedScopes.includes(scope),
    );
    checks.push(
      check(
        `${family}: credential shape accepted`,
        published.credentialShapes.includes(shape),
        `${shape} is accepted.`,
        `${family} accepts ${published.credentialShapes.join(', ') || 'no credential'} in ${caps.environment}, not ${shape}.`,
      ),
      check(
        `${family}: scopes granted`,
        missing.length === 0,
        'All required scopes are granted.',
        `The credential lacks ${missing.join(', ')} for ${family}. Ask for a credential with those scopes.`,
      ),
      check(
        `${family}: shippable availability`,
        !UNSHIPPABLE.has(published.availability),
        `Availability ${published.availability}.`,
        `${family} is ${published.availability}: do not call it production-ready; agree a manual or gated path with DutyClaims first.`,
      ),
    );
  }
  const excess = excessScopes(caps, families, config.readOnly);
  const writes = config.readOnly ? excess.filter((scope) => !scope.endsWith(':read')) : [];
  const declared = config.routeFamilies ? 'DUTYCLAIMS_ROUTE_FAMILIES' : "the golden path's default";
  checks.push(
    check(
      'no scope beyond the need',
      excess.length === 0,
      `The granted scopes are what ${families.join(', ')} need${config.readOnly ? ' to read' : ''} (families from ${declared}).`,
      `${writes.length > 0 ? `This read-only run's credential holds write scopes (${writes.join(', ')}): use a read-only credential for smoke runs. ` : ''}The credential holds ${excess.join(', ')} beyond what ${families.join(', ')} need${config.readOnly ? ' to read' : ''} (families from ${declared}). Start with least privilege: ask DutyClaims for a credential without them, or declare the route families you use in DUTYCLAIMS_ROUTE_FAMILIES.`,
    ),
    leakCheck,
  );
  // Beside the rotation owner: what the rehearsed rotation proved (or that it was not asked for).
  const rotation = rotationVerdicts(observations.rotation, config.rotation.requested);
  return gateResult('credential-and-header-discipline', {
    checks: [...checks, ...ownerChecks, ...rotation.checks],
    evidence: [...evidence, ...rotation.evidence],
    requestIds: [...requestIdsOf(capabilities), ...rotation.requestIds],
  });
}
