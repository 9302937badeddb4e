import { WRITE_CODE_CACHE_ENV } from '../code-cache/run-bundle.js';
import { SCENARIO_ENV } from '../grading/client/scenario-env.js';
import { PactEnv } from '../pact/names.js';
import { MOCK_ENV_NAMES } from '../reference-mock/env-names.js';
import { closestName } from './closest-name.js';
import { HarnessEnv } from './env-schema.js';

/**
 * Every DUTYCLAIMS_* name some part of this package reads, beyond the launch run's own settings
 * (HarnessEnv). A partner's CI usually exports several of them at once, so the launch run must
 * accept them all; anything else that looks like ours is a typo and is refused.
 */
const OTHER_READERS: Readonly<Record<string, readonly string[]>> = {
  'the reference mock container': MOCK_ENV_NAMES,
  'the Pact consumer and provider tooling': Object.values(PactEnv).filter((name) => name.startsWith('DUTYCLAIMS_')),
  'grade-client (what your command receives)': Object.values(SCENARIO_ENV),
  'grade-webhook': ['DUTYCLAIMS_WEBHOOK_SECRET'],
  'the build, the container image build and CI scripts': [
    WRITE_CODE_CACHE_ENV,
    'DUTYCLAIMS_MOCK_IMAGE',
    'DUTYCLAIMS_BASE_IMAGE',
    'DUTYCLAIMS_NODE_BASE_IMAGE',
    'DUTYCLAIMS_NODE_BINARY',
    'DUTYCLAIMS_DOCKER_DIR',
    'DUTYCLAIMS_DOCKER_WAIT',
    'DUTYCLAIMS_REQUIRE_DOCKER',
  ],
};

/** The launch run's own settings first, so a suggestion prefers them. */
export const KNOWN_ENV_NAMES: readonly string[] = [
  ...new Set([...Object.keys(HarnessEnv.shape), ...Object.values(OTHER_READERS).flat()]),
];

const known = new Set(KNOWN_ENV_NAMES);
const normalized = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]/g, '');
/**
 * "dutyclaims_target", "DUTYCLAIM_TARGET", "DUTY_CLAIMS_TARGET" are ours; so is "DUTYCLIAMS_TARGET",
 * close to a known name. Another team's "CLAIMS_BASE_URL" or "DUTY_FREE_LIMIT" is not.
 */
const looksLikeOurs = (name: string) =>
  normalized(name).includes('DUTYCLAIM') ||
  (normalized(name).startsWith('DUTY') && closestName(name, KNOWN_ENV_NAMES) !== null);

/**
 * One problem per environment variable that looks like a harness setting but is not one, with the
 * closest known name. Values are never shown: a misspelt variable may hold a secret.
 */
export function unknownEnvProblems(source: Readonly<Record<string, string | undefined>>): string[] {
  return Object.keys(source)
    .filter((name) => source[name] !== undefined && !known.has(name))
    .filter(looksLikeOurs)
    .sort()
    .map((name) => {
      const suggestion = closestName(name, KNOWN_ENV_NAMES);
      const hint = suggestion === null ? '' : ` Did you mean ${suggestion}?`;
      return `${name} is not a setting the launch harness knows, so it would be ignored.${hint} Rename it or unset it (every setting is listed in the README, Configuration).`;
    });
}
