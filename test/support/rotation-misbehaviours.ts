import type { MisbehavingRun } from './misbehaving-provider.js';

/** Runs with key and secret rotation asked for. */
const ROTATION_ON = { DUTYCLAIMS_ROTATION: 'on' } as const;
const isKeyCreation = (path: string, method: string) => /\/api-keys$/.test(path) && method === 'POST';
const isRevocation = (path: string) => /\/api-keys\/[^/]+\/revoke$/.test(path);

/** The provider hands out a replacement key it does not accept: calls after the switch fail. */
export const replacementKeyRefused: MisbehavingRun = {
  env: ROTATION_ON,
  proxy: () => ({
    rewriteResponseBody: (path, body, { method, status }) =>
      isKeyCreation(path, method) && status < 300
        ? JSON.stringify({ ...JSON.parse(body), key: `dc_test_${'q'.repeat(32)}` })
        : body,
  }),
};

/** The revocation's grace is replaced (0: revoked at once; 86400: still working long after the grace asked for). */
export const revocationGrace = (graceSeconds: number): MisbehavingRun => ({
  env: ROTATION_ON,
  proxy: () => ({
    rewriteRequestBody: (path, body) => (isRevocation(path) ? JSON.stringify({ graceSeconds }) : body),
  }),
});

/**
 * The harness receiver is handed the old signing secret as the "new" one, so it only ever knows the
 * old secret: it accepts the overlap, and refuses the first delivery once the old secret has expired.
 */
export const receiverKnowsOnlyTheOldSecret: MisbehavingRun = (() => {
  let first = '';
  return {
    env: ROTATION_ON,
    proxy: () => ({
      rewriteResponseBody: (path, body, { method, status }) => {
        if (status >= 300 || method !== 'POST') return body;
        if (path === '/v1/webhooks/endpoints') first = (JSON.parse(body) as { secret: string }).secret;
        if (path.endsWith('/rotate-secret')) return JSON.stringify({ ...JSON.parse(body), secret: first });
        return body;
      },
    }),
  };
})();
