export type { ReceiverLogEntry, StartedWebhookReceiver, WebhookReceiverOptions } from './webhook-receiver.js';
export { startWebhookReceiver } from './webhook-receiver.js';
