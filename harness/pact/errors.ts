/** A pact was written against another contract than the provider serves; nothing was replayed. */
export class ContractHashMismatchError extends Error {
  override readonly name = 'ContractHashMismatchError' as const;
  readonly code = 'DC_ERR_CONTRACT_HASH_MISMATCH' as const;
  /** The pact file (path or URL) whose hash differs or is missing. */
  readonly pact: string;
  /** The hash in the pact's `metadata.dutyclaims.contractHash`; null when the pact has none. */
  readonly pactContractHash: string | null;
  /** The hash the provider serves in `DutyClaims-Contract-Hash`. */
  readonly providerContractHash: string;

  constructor(input: { pact: string; pactContractHash: string | null; providerContractHash: string }) {
    super(
      input.pactContractHash === null
        ? `The pact ${input.pact} carries no metadata.dutyclaims.contractHash, so it cannot be checked against the provider's contract ${input.providerContractHash}. ` +
            'Regenerate it with the launch harness consumer tests, or pass --allow-missing-contract-hash to verify it anyway.'
        : `The pact ${input.pact} was written against contract ${input.pactContractHash}, but the provider serves contract ${input.providerContractHash}. ` +
            'No interaction was replayed. Regenerate the pact with a harness pinned to the provider contract, or verify a provider that serves the pact contract.',
    );
    this.pact = input.pact;
    this.pactContractHash = input.pactContractHash;
    this.providerContractHash = input.providerContractHash;
  }
}

export const isContractHashMismatchError = (error: unknown): error is ContractHashMismatchError =>
  error instanceof Error && error.name === 'ContractHashMismatchError';

/** The Pact options, files or environment cannot work; `field` names what to fix. */
export class PactConfigurationError extends Error {
  override readonly name = 'PactConfigurationError' as const;
  readonly code = 'DC_ERR_PACT_CONFIG' as const;
  /** The option, flag, environment variable or file at fault. */
  readonly field: string;

  constructor(field: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.field = field;
  }
}

export const isPactConfigurationError = (error: unknown): error is PactConfigurationError =>
  error instanceof Error && error.name === 'PactConfigurationError';

/** Pact's verifier replayed the pacts and the provider did not answer as they require. */
export class PactVerificationError extends Error {
  override readonly name = 'PactVerificationError' as const;
  readonly code = 'DC_ERR_PACT_VERIFICATION' as const;
  readonly providerBaseUrl: string;
  /** The pact files or URLs verified (empty when they came from a broker). */
  readonly pacts: readonly string[];
  /** Each failed interaction with its mismatches, as the verifier reported them. */
  readonly failures: readonly { readonly interaction: string; readonly mismatches: readonly string[] }[];

  constructor(
    input: {
      providerBaseUrl: string;
      pacts: readonly string[];
      detail: string;
      failures?: readonly { readonly interaction: string; readonly mismatches: readonly string[] }[];
    },
    options?: ErrorOptions,
  ) {
    super(
      `Pact verification of ${input.providerBaseUrl} failed: ${input.detail}. ` +
        'The verifier output above lists each interaction and its mismatches; fix the provider or agree a new contract with the consumer.',
      options,
    );
    this.providerBaseUrl = input.providerBaseUrl;
    this.pacts = input.pacts;
    this.failures = input.failures ?? [];
  }
}

export const isPactVerificationError = (error: unknown): error is PactVerificationError =>
  error instanceof Error && error.name === 'PactVerificationError';

/** A `pact-broker` command could not run or exited with an unexpected code. */
export class PactBrokerCommandError extends Error {
  override readonly name = 'PactBrokerCommandError' as const;
  readonly code = 'DC_ERR_PACT_BROKER' as const;
  /** `publish` or `can-i-deploy`. */
  readonly command: string;
  /** The process exit code; null when it could not start or was killed. */
  readonly exitCode: number | null;

  constructor(command: string, exitCode: number | null, message: string, options?: ErrorOptions) {
    super(message, options);
    this.command = command;
    this.exitCode = exitCode;
  }
}

export const isPactBrokerCommandError = (error: unknown): error is PactBrokerCommandError =>
  error instanceof Error && error.name === 'PactBrokerCommandError';

/**
 * A consumer interaction could not be written: the harness client failed on Pact's mock server, or the
 * request it sent is not the one the pact describes. Nothing was written to the pact file.
 */
export class PactInteractionError extends Error {
  override readonly name = 'PactInteractionError' as const;
  readonly code = 'DC_ERR_PACT_INTERACTION' as const;
  /** The interaction's id, `<operationId>.<outcome>`. */
  readonly interaction: string;
  /** What the harness client threw while it ran against the mock server; null when it did not throw. */
  readonly clientError: Error | null;
  /** libpact's mismatch entries (`missing-request`, `request-mismatch`, `request-not-found`, ...). */
  readonly mismatches: readonly { readonly type: string }[];

  constructor(
    input: { interaction: string; clientError: Error | null; mismatches: readonly { readonly type: string }[] },
    options?: ErrorOptions,
  ) {
    const mismatchText =
      input.mismatches.length === 0
        ? ''
        : ` Pact's mock server reported: ${input.mismatches.map((mismatch) => mismatch.type).join(', ')}.`;
    super(
      input.clientError === null
        ? `Consumer interaction ${input.interaction}: the harness client did not send the request the pact describes.${mismatchText} The mismatch report below says what differs.`
        : `Consumer interaction ${input.interaction}: the harness client failed with ${describeError(input.clientError)}.${mismatchText}`,
      options ?? (input.clientError === null ? undefined : { cause: input.clientError }),
    );
    this.interaction = input.interaction;
    this.clientError = input.clientError;
    this.mismatches = input.mismatches;
  }
}

function describeError(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` (${code})` : ''}: ${error.message}`;
}

export const isPactInteractionError = (error: unknown): error is PactInteractionError =>
  error instanceof Error && error.name === 'PactInteractionError';
