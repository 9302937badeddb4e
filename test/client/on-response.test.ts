import { describe, expect, it } from 'vitest';
import { createDutyClaimsClient, type RawResponse } from '../../harness/client/index.js';
import { createHttpTestServer } from '../support/create-http-test-server.js';
import { errorEnvelope, ids, partnerOrganization, sendJson } from '../support/dutyclaims-responses.js';

const apiKey = 'dc_test_abcdefghijklmnopqrstuvwxyz234567';

describe('onResponse', () => {
  it('sees every attempt as it arrived, fields the schema strips included', async () => {
    let calls = 0;
    await using server = await createHttpTestServer((_request, response) => {
      calls += 1;
      if (calls === 1) {
        const { status, body } = errorEnvelope('service_unavailable', 'corr_x', 1);
        sendJson(response, status, body, { 'retry-after': '0' }, 1);
      } else sendJson(response, 200, { ...partnerOrganization(), extra: 'stripped by the schema' }, {}, 2);
    });
    const seen: RawResponse[] = [];
    await using client = createDutyClaimsClient({
      baseUrl: server.url,
      credential: { apiKey },
      sleep: async () => {},
      onResponse: (response) => seen.push(response),
    });
    const { data } = await client.getPartnerOrganization(ids.partnerOrg);
    expect(data).not.toHaveProperty('extra');
    expect(
      seen.map((response) => [response.operationId, response.attempt, response.status, response.requestId]),
    ).toEqual([
      ['getPartnerOrganization', 1, 503, ids.request(1)],
      ['getPartnerOrganization', 2, 200, ids.request(2)],
    ]);
    expect(seen[1]?.body).toContain('stripped by the schema');
    expect(seen[1]?.headers['dutyclaims-environment']).toBe('sandbox');
    expect(seen[0]?.correlationId).toBe(seen[1]?.correlationId);
  });

  it('must be a function', () => {
    expect(() =>
      createDutyClaimsClient({ baseUrl: 'http://127.0.0.1:1', onResponse: 'log' as unknown as () => void }),
    ).toThrow(/onResponse must be a function/);
  });
});
