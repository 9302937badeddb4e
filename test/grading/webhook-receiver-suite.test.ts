import { afterAll, beforeAll } from 'vitest';
import { type StartedNodeReceiver, startNodeReceiver } from '../../examples/webhook-receivers/src/node-receiver.js';
import { describeWebhookReceiverGrade } from '../../harness/grading/webhook-receiver/suite.js';

// How a partner uses the grader as a vitest suite: start the receiver, then hand the suite a
// function that reads its URL once it is listening. One test per check; checks that cannot be
// graded (here: no processed-events hook in the second suite) show as skipped with the reason.
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let receiver: StartedNodeReceiver;
beforeAll(async () => {
  receiver = await startNodeReceiver({ secret, testMode: true });
});
afterAll(() => receiver.close());

describeWebhookReceiverGrade(() => ({ url: receiver.url, secret, processedEventsUrl: receiver.processedUrl ?? '' }), {
  name: 'reference receiver, with the processed-events hook',
});

describeWebhookReceiverGrade(() => ({ url: receiver.url, secret }), {
  name: 'reference receiver, without a hook (processing checks are skipped, not passed)',
});
