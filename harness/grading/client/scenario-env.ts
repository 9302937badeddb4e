/** The environment variables the partner's command receives (examples/partner-clients/SCENARIO.md). */
export const SCENARIO_ENV = {
  baseUrl: 'DUTYCLAIMS_BASE_URL',
  apiKey: 'DUTYCLAIMS_API_KEY',
  apiKeyFile: 'DUTYCLAIMS_API_KEY_FILE',
  partnerOrgId: 'DUTYCLAIMS_PARTNER_ORG_ID',
  clientRef: 'DUTYCLAIMS_CLIENT_REF',
  clientIds: 'DUTYCLAIMS_CLIENT_IDS',
  pageSize: 'DUTYCLAIMS_PAGE_SIZE',
  timeoutMs: 'DUTYCLAIMS_TIMEOUT_MS',
  maxConcurrency: 'DUTYCLAIMS_MAX_CONCURRENCY',
} as const;

/** What the scenario hands to the command besides the base URL and credentials. */
export interface ScenarioInputs {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** The file that holds the current API key: re-read before every request (the grader rotates it at step 7). */
  readonly apiKeyFile: string;
  readonly partnerOrgId: string;
  /** The externalRef to create a client with (step 1) and create again (step 2, a 409). */
  readonly clientRef: string;
  /** Client ids whose authority step 6 reads, in this order. */
  readonly clientIds: readonly string[];
  readonly pageSize: number;
  readonly timeoutMs: number | null;
  readonly maxConcurrency: number | null;
}

/** The scenario's variables, to be laid over the command's environment. */
export function scenarioEnv(inputs: ScenarioInputs): Record<string, string> {
  return {
    [SCENARIO_ENV.baseUrl]: inputs.baseUrl,
    [SCENARIO_ENV.apiKey]: inputs.apiKey,
    [SCENARIO_ENV.apiKeyFile]: inputs.apiKeyFile,
    [SCENARIO_ENV.partnerOrgId]: inputs.partnerOrgId,
    [SCENARIO_ENV.clientRef]: inputs.clientRef,
    [SCENARIO_ENV.clientIds]: inputs.clientIds.join(','),
    [SCENARIO_ENV.pageSize]: String(inputs.pageSize),
    ...(inputs.timeoutMs === null ? {} : { [SCENARIO_ENV.timeoutMs]: String(inputs.timeoutMs) }),
    ...(inputs.maxConcurrency === null ? {} : { [SCENARIO_ENV.maxConcurrency]: String(inputs.maxConcurrency) }),
  };
}
