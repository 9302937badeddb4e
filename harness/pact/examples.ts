/** Example values the consumer tests use; each satisfies its contract schema. */
export const PactExamples = {
  partnerOrgId: 'porg_pactexampleorg000001',
  endpointId: 'we_pactexampleendpoint01',
  apiKeyId: 'key_pactexampleapikey0001',
  newApiKey: 'dc_test_pactexamplenewapikey000000000000',
  clientId: 'cli_pactexampleclient001',
  claimId: 'clm_pactexampleclaim0001',
  missingClaimId: 'clm_pactnosuchclaim00000',
  jobId: 'job_pactexamplejob000001',
  deliveryId: 'whd_pactexampledelivery1',
  eventId: 'evt_pactexampleevent0001',
  requestId: 'req_pactexample00000000001',
  webhookUrl: 'http://127.0.0.1:9/dutyclaims/webhooks',
  signingSecret: 'whsec_cGFjdGV4YW1wbGVzaWduaW5nc2VjcmV0MDAwMDAwMDA=',
  accessToken: 'dc_oat_pactexampleaccesstoken000',
  timestamp: '2026-11-23T10:15:30.000Z',
} as const;
