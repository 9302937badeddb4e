/** One provider answer's self-description, as the proxy saw it in its headers and (small) body. */
export interface ProviderAnswer {
  readonly requestId: string | null;
  readonly operationId: string | null;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly receivedAt: number;
  /** DutyClaims-Environment, null when absent. */
  readonly environmentHeader: string | null;
  /** DutyClaims-Contract-Hash, null when absent. */
  readonly contractHashHeader: string | null;
  /** The parsed JSON body when it was small enough to read, else null. */
  readonly body: unknown;
}

/** What the provider said about itself during the run, beyond the journal: gates read it. */
export interface ProviderFacts {
  /** Answers of the routes whose body the gates read (partner organization, delivery pages, authority). */
  readonly answers: readonly ProviderAnswer[];
  /** Every distinct DutyClaims-Environment value seen, with a request id that carried it. */
  readonly environments: ReadonlyMap<string, string | null>;
  readonly contractHashes: ReadonlyMap<string, string | null>;
  /** Provider answers that carried no DutyClaims-Environment header. */
  readonly withoutEnvironment: number;
  /** The first answers (method and path) that carried no X-Request-Id, at most 20. */
  readonly withoutRequestId: readonly string[];
  readonly forwarded: number;
}

/** Operations whose answer body the gates and graders read; other bodies stream through unread. */
export const BODY_READ_OPERATIONS: ReadonlySet<string> = new Set([
  'getPartnerOrganization',
  'listWebhookDeliveries',
  'getClientAuthority',
  'createClaim',
  'sendSandboxWebhookTest',
]);

/** Collects ProviderFacts, bounded: at most `capacity` answers are kept (the newest). */
export function createFactsCollector(capacity: number) {
  const answers: ProviderAnswer[] = [];
  const environments = new Map<string, string | null>();
  const contractHashes = new Map<string, string | null>();
  let withoutEnvironment = 0;
  const withoutRequestId: string[] = [];
  let forwarded = 0;
  return {
    add(answer: ProviderAnswer, keepBody: boolean) {
      forwarded++;
      if (answer.requestId === null && withoutRequestId.length < 20)
        withoutRequestId.push(`${answer.method} ${answer.path} -> ${answer.status}`);
      if (answer.environmentHeader === null) withoutEnvironment++;
      else if (!environments.has(answer.environmentHeader))
        environments.set(answer.environmentHeader, answer.requestId);
      if (answer.contractHashHeader !== null && !contractHashes.has(answer.contractHashHeader))
        contractHashes.set(answer.contractHashHeader, answer.requestId);
      if (!keepBody) return;
      answers.push(answer);
      if (answers.length > capacity) answers.shift();
    },
    facts: (): ProviderFacts => ({
      answers: [...answers],
      environments: new Map(environments),
      contractHashes: new Map(contractHashes),
      withoutEnvironment,
      withoutRequestId: [...withoutRequestId],
      forwarded,
    }),
  };
}
