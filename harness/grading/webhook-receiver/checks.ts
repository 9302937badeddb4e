/** Every check the webhook-receiver grader reports, in report order. Ids are stable API. */
export const WEBHOOK_RECEIVER_CHECKS = [
  { id: 'valid-delivery', title: 'A valid signed delivery is acknowledged 2xx within the ack timeout (5 s)' },
  { id: 'tampered-body', title: 'A delivery whose body changed after signing is rejected' },
  { id: 'wrong-secret', title: 'A delivery signed with another secret is rejected' },
  { id: 'missing-signature', title: 'A delivery without the signature header is rejected' },
  { id: 'malformed-signature', title: 'A delivery with a malformed signature header is rejected' },
  { id: 'stale-timestamp', title: 'A delivery signed longer ago than the tolerance is rejected' },
  { id: 'future-timestamp', title: 'A delivery signed further ahead than the tolerance is rejected' },
  {
    id: 'reserialized-body',
    title: 'A signature computed over re-serialised JSON instead of the raw bytes is rejected',
  },
  { id: 'rejected-not-processed', title: 'Deliveries the receiver rejected are not processed' },
  {
    id: 'rotation',
    title: 'A delivery is accepted when one of several v1 signatures matches, first, middle or last (secret rotation)',
  },
  {
    id: 'forged-then-genuine',
    title: 'A genuine delivery is processed once although a forged delivery of the same event was rejected before it',
  },
  {
    id: 'duplicate-processed-once',
    title: 'A duplicate delivery of the same event is acknowledged but processed once',
  },
] as const;

export type WebhookReceiverCheckId = (typeof WEBHOOK_RECEIVER_CHECKS)[number]['id'];

/** The title of a check by id. */
export const checkTitle = (id: WebhookReceiverCheckId): string =>
  WEBHOOK_RECEIVER_CHECKS.find((check) => check.id === id)?.title ?? id;
