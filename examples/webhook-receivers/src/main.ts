import { parseArgs } from 'node:util';
import { isWebhookSchemeId } from '../../../harness/webhooks/index.js';
import { RECEIVER_FLAWS, type ReceiverFlaw } from './flaws.js';
import { startNodeReceiver } from './node-receiver.js';

// Usage: WEBHOOK_SECRET=whsec_... npx tsx examples/webhook-receivers/src/main.ts --port 8080 --test-mode
//   [--scheme dutyclaims|standard-webhooks|x-dual-signature|x-signature] [--tolerance 300] [--flaw NAME ...]
//   [--work-ms 1500]  (acknowledge at once, process in a background worker taking this long per event)
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    scheme: { type: 'string', default: 'dutyclaims' },
    tolerance: { type: 'string', default: '300' },
    'test-mode': { type: 'boolean', default: false },
    flaw: { type: 'string', multiple: true, default: [] },
    'work-ms': { type: 'string', default: '0' },
  },
});
const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  console.error('Set WEBHOOK_SECRET to the endpoint signing secret (comma-separated during a rotation).');
  process.exit(2);
}
if (!isWebhookSchemeId(values.scheme)) {
  console.error(`Unknown --scheme ${values.scheme}.`);
  process.exit(2);
}
const unknown = values.flaw.filter((flaw) => !(RECEIVER_FLAWS as readonly string[]).includes(flaw));
if (unknown.length > 0) {
  console.error(`Unknown --flaw ${unknown.join(', ')}; known: ${RECEIVER_FLAWS.join(', ')}.`);
  process.exit(2);
}
const receiver = await startNodeReceiver({
  secret: secret.split(','),
  scheme: values.scheme,
  toleranceSeconds: Number(values.tolerance),
  testMode: values['test-mode'],
  flaws: values.flaw as ReceiverFlaw[],
  port: Number(values.port),
  workMsPerEvent: Number(values['work-ms']),
});
console.log(
  `listening on ${receiver.url}${receiver.processedUrl ? ` (processed events: ${receiver.processedUrl})` : ''}`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void receiver.close().then(() => process.exit(0));
  });
