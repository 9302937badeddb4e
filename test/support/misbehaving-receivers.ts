import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { loadHarnessConfig } from '../../harness/config/index.js';
import { findFreePort } from '../../harness/container/free-port.js';
import { CONTRACT_PIN } from '../../harness/contract/pin.js';
import type { LaunchPacket } from '../../harness/packet/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { runLaunchRehearsal } from '../../harness/rehearsal/index.js';
import { OWNERS, outDir } from './misbehaving-provider.js';
import { startRewritingProxy } from './rewriting-proxy.js';

/** A gateway between the provider and the harness receiver re-serialises each delivery body. */
export async function gatewayReserialisingDeliveries(): Promise<LaunchPacket> {
  await using mock = await startReferenceMock();
  const receiverPort = await findFreePort();
  await using gateway = await startRewritingProxy({
    target: `http://127.0.0.1:${receiverPort}`,
    rewriteRequestBody: (_path, body) => JSON.stringify(JSON.parse(body), null, 2),
  });
  const config = loadHarnessConfig({
    DUTYCLAIMS_OUT_DIR: outDir(),
    DUTYCLAIMS_RECEIVER_PORT: String(receiverPort),
    DUTYCLAIMS_WEBHOOK_PUBLIC_URL: `${gateway.url}/webhooks/dutyclaims`,
    DUTYCLAIMS_WAIT_TIMEOUT_MS: '3000',
  });
  return (await runLaunchRehearsal({ config, mock })).packet;
}

/** A sandbox rehearsal whose webhooks go to the partner's own receiver, answering every delivery with `status`. */
export async function partnerReceiverAnswering(status: number): Promise<LaunchPacket> {
  await using sandbox = await startReferenceMock();
  const receiver = createServer((incoming, outgoing) => {
    incoming.resume();
    incoming.on('end', () => outgoing.writeHead(status).end());
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => receiver.once('listening', resolve));
  try {
    const { port } = receiver.address() as AddressInfo;
    const registered = await request(`${sandbox.url}/v1/webhooks/endpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.personas.sandbox.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        url: `http://127.0.0.1:${port}/hooks`,
        eventTypes: ['sandbox.test', 'claim.status_changed'],
      }),
    });
    const endpoint = (await registered.body.json()) as { id: string };
    const config = loadHarnessConfig({
      ...OWNERS,
      DUTYCLAIMS_TARGET: 'sandbox',
      DUTYCLAIMS_BASE_URL: sandbox.url,
      DUTYCLAIMS_PARTNER_ORG_ID: sandbox.personas.sandbox.partnerOrgId,
      DUTYCLAIMS_API_KEY: sandbox.personas.sandbox.apiKey,
      DUTYCLAIMS_CONTRACT_HASH: CONTRACT_PIN.hash,
      DUTYCLAIMS_WEBHOOK_ENDPOINT_ID: endpoint.id,
      // Long enough for every delivery of a healthy receiver; a failing one is waited for this long.
      DUTYCLAIMS_WAIT_TIMEOUT_MS: '15000',
      DUTYCLAIMS_OUT_DIR: outDir(),
    });
    return (await runLaunchRehearsal({ config })).packet;
  } finally {
    receiver.closeAllConnections();
    receiver.close();
  }
}
