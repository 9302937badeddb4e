/**
 * libpact sends anonymous usage metrics to an internet endpoint unless PACT_DO_NOT_TRACK is set.
 * The harness runs in partners' CI and on loopback-only machines: it opts out unless the caller
 * already chose (`PACT_DO_NOT_TRACK=false` keeps tracking on).
 */
export function optOutOfPactTelemetry(env: NodeJS.ProcessEnv = process.env): void {
  env.PACT_DO_NOT_TRACK ??= 'true';
}
