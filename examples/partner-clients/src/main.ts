import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type ClientFlaw, isClientFlaw } from './flaws.js';
import { isScenarioError, runScenario } from './scenario.js';

// The reference partner client: runs the DutyClaims client-grading scenario (../SCENARIO.md) with its
// own fetch-based retry, backoff, timeout and idempotency logic. Graded with:
//   dutyclaims-launch grade-client --timeout-ms 500 --max-concurrency 4 -- \
//     node --import tsx examples/partner-clients/src/main.ts [--flaw NAME ...]
const { values } = parseArgs({ options: { flaw: { type: 'string', multiple: true, default: [] } } });
const unknown = values.flaw.filter((flaw) => !isClientFlaw(flaw));
if (unknown.length > 0) {
  console.error(`Unknown --flaw ${unknown.join(', ')}.`);
  process.exit(2);
}
const flaws = new Set(values.flaw as ClientFlaw[]);

/** The key in `file` (one line). */
function readKey(file: string): string {
  return readFileSync(file, 'utf8').trim();
}

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) {
    console.error(`Set ${name} (the grader sets it; see SCENARIO.md).`);
    process.exit(2);
  }
  return value;
};

// The key lives in a file the grader rotates (DUTYCLAIMS_API_KEY_FILE): read it before every request,
// as an integration reads its secret store, so a rotated key is used at once. The `keeps-old-key`
// flaw reads it once at start.
const keyFile = process.env.DUTYCLAIMS_API_KEY_FILE ?? null;
const startKey = keyFile === null ? env('DUTYCLAIMS_API_KEY') : readKey(keyFile);
const apiKey = keyFile === null || flaws.has('keeps-old-key') ? () => startKey : () => readKey(keyFile);

try {
  await runScenario(
    {
      baseUrl: env('DUTYCLAIMS_BASE_URL').replace(/\/+$/, ''),
      apiKey,
      timeoutMs: Number(env('DUTYCLAIMS_TIMEOUT_MS', '10000')),
      flaws,
    },
    {
      clientRef: env('DUTYCLAIMS_CLIENT_REF'),
      clientIds: env('DUTYCLAIMS_CLIENT_IDS', '').split(',').filter(Boolean),
      pageSize: Number(env('DUTYCLAIMS_PAGE_SIZE', '25')),
      maxConcurrency: Number(env('DUTYCLAIMS_MAX_CONCURRENCY', '4')),
      unbounded: flaws.has('unbounded-concurrency'),
      firstPageOnly: flaws.has('first-page-only'),
      dryRun: process.env.DUTYCLAIMS_WEBHOOK_PUBLIC_URL
        ? { partnerOrgId: env('DUTYCLAIMS_PARTNER_ORG_ID'), webhookUrl: process.env.DUTYCLAIMS_WEBHOOK_PUBLIC_URL }
        : null,
      partnerOrgId: process.env.DUTYCLAIMS_PARTNER_ORG_ID ?? null,
      keyFile,
    },
    (line) => console.log(line),
  );
} catch (error) {
  console.error(isScenarioError(error) ? error.message : `unexpected failure: ${(error as Error).message}`);
  process.exit(1);
}
