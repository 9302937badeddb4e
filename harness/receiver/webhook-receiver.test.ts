import { once } from 'node:events';
import { connect } from 'node:net';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { signDutyClaims } from '../webhooks/dutyclaims.js';
import { startWebhookReceiver } from './webhook-receiver.js';

const SECRET = 'whsec_ReceiverTestSecretReceiverTestSecret';
const event = (id: string) =>
  JSON.stringify({
    id,
    type: 'sandbox.test',
    createdAt: '2026-11-23T00:00:00.000Z',
    partnerOrgId: 'porg_aaaaaaaaaaaaaaaaaaaa',
    data: { endpointId: 'we_aaaaaaaaaaaaaaaaaaaa', message: 'hello' },
  });

async function deliver(url: string, rawBody: string, signature: string, deliveryId = 'whd_1') {
  const response = await request(url, {
    method: 'POST',
    body: rawBody,
    headers: {
      'content-type': 'application/json',
      'dutyclaims-signature': signature,
      'dutyclaims-event-id': 'evt',
      'dutyclaims-delivery-id': deliveryId,
    },
  });
  await response.body.dump();
  return response.statusCode;
}

describe('the harness webhook receiver', () => {
  it('verifies the raw body, routes once per event id, and logs every delivery', async () => {
    await using receiver = await startWebhookReceiver();
    receiver.setSecrets([SECRET]);
    const body = event('evt_aaaaaaaaaaaaaaaaaaaa');
    const signature = signDutyClaims({ secrets: SECRET, timestamp: Math.floor(Date.now() / 1000), rawBody: body });
    expect(await deliver(receiver.url, body, signature)).toBe(200);
    expect(await deliver(receiver.url, body, signature, 'whd_2')).toBe(200);
    expect(receiver.log.map((entry) => [entry.verified, entry.routed, entry.duplicate])).toEqual([
      [true, true, false],
      [true, false, true],
    ]);
  });

  it('refuses and does not route a delivery that fails verification', async () => {
    await using receiver = await startWebhookReceiver();
    receiver.setSecrets([SECRET]);
    const body = event('evt_bbbbbbbbbbbbbbbbbbbb');
    const wrong = signDutyClaims({
      secrets: 'whsec_SomeoneElsesSecretSomeoneElses',
      timestamp: Math.floor(Date.now() / 1000),
      rawBody: body,
    });
    expect(await deliver(receiver.url, body, wrong)).toBe(400);
    expect(receiver.log[0]).toMatchObject({ verified: false, routed: false, failure: 'WEBHOOK_SIGNATURE_MISMATCH' });
  });

  it('refuses everything until a secret is stored', async () => {
    await using receiver = await startWebhookReceiver();
    const body = event('evt_cccccccccccccccccccc');
    const signature = signDutyClaims({ secrets: SECRET, timestamp: Math.floor(Date.now() / 1000), rawBody: body });
    expect(await deliver(receiver.url, body, signature)).toBe(400);
    expect(receiver.log[0]?.failure).toBe('WEBHOOK_NO_SECRET');
  });

  it('waitFor resolves on a later delivery and times out with a clear error', async () => {
    await using receiver = await startWebhookReceiver();
    receiver.setSecrets([SECRET]);
    const waiting = receiver.waitFor((entry) => entry.routed, 10_000);
    const body = event('evt_dddddddddddddddddddd');
    await deliver(
      receiver.url,
      body,
      signDutyClaims({ secrets: SECRET, timestamp: Math.floor(Date.now() / 1000), rawBody: body }),
    );
    await expect(waiting).resolves.toMatchObject({ eventType: 'sandbox.test' });
    await expect(receiver.waitFor((entry) => entry.eventType === 'claim.status_changed', 50)).rejects.toThrow(
      /within 50 ms/,
    );
  });
});

describe('the receiver tolerance', () => {
  it('honours a tolerance of 0 instead of falling back to the default', async () => {
    const signedAt = 1_767_225_600;
    await using receiver = await startWebhookReceiver({ toleranceSeconds: 0, now: () => (signedAt + 2) * 1000 });
    receiver.setSecrets([SECRET]);
    const body = event('evt_eeeeeeeeeeeeeeeeeeee');
    expect(
      await deliver(receiver.url, body, signDutyClaims({ secrets: SECRET, timestamp: signedAt, rawBody: body })),
    ).toBe(400);
    expect(receiver.log[0]?.failure).toBe('WEBHOOK_TIMESTAMP_TOO_OLD');
  });
});

describe('a sender that goes away mid-body', () => {
  it('is logged as aborted and the receiver keeps serving', async () => {
    await using receiver = await startWebhookReceiver();
    receiver.setSecrets([SECRET]);
    const { port } = new URL(receiver.url);
    const socket = connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    // Node answers `Expect: 100-continue` just before it hands the request to the receiver: once that
    // arrives, the request has started, however long the machine took to get there.
    let answered = '';
    socket.on('data', (chunk: Buffer) => {
      answered += chunk.toString('latin1');
    });
    socket.write(
      'POST /webhooks/dutyclaims HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n',
    );
    while (!answered.includes('100 Continue')) await once(socket, 'data');
    socket.write('{"id":');
    socket.destroy();
    // Generous: the entry is written as soon as the receiver sees the close; only a bug waits longer.
    const aborted = await receiver.waitFor((entry) => entry.status === 0, 10_000);
    expect(aborted).toMatchObject({ verified: false, routed: false, failure: expect.stringContaining('aborted') });
    const body = event('evt_ffffffffffffffffffff');
    const signature = signDutyClaims({ secrets: SECRET, timestamp: Math.floor(Date.now() / 1000), rawBody: body });
    expect(await deliver(receiver.url, body, signature)).toBe(200);
  });
});
