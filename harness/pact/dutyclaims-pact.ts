import { PactV4 } from '@pact-foundation/pact';
import { CONTRACT_PIN } from '../contract/pin.js';
import { PactMetadata } from './names.js';
import type { MismatchSource, MockServerMismatch } from './recorded-requests.js';

/** The part of libpact's consumer handle this module uses. */
interface MetadataSink extends MismatchSource {
  addMetadata(namespace: string, name: string, value: string): boolean;
}

/**
 * A PactV4 whose pact file records the contract this build of the harness was written against, in
 * `metadata.dutyclaims.contractHash` and `contractVersion`.
 */
export class DutyClaimsPact extends PactV4 implements MismatchSource {
  // PactV4 calls setup() from its constructor and again after every test; the metadata must be
  // added each time, because setup() replaces the handle the pact file is written from.
  override setup(): void {
    super.setup();
    const handle = (this as unknown as { pact?: Partial<MetadataSink> }).pact;
    if (typeof handle?.addMetadata !== 'function')
      throw new Error(
        'This @pact-foundation/pact no longer exposes the pact handle DutyClaimsPact writes metadata through; pin @pact-foundation/pact 16.5.x.',
      );
    handle.addMetadata(PactMetadata.namespace, PactMetadata.contractHash, CONTRACT_PIN.hash);
    handle.addMetadata(PactMetadata.namespace, PactMetadata.contractVersion, CONTRACT_PIN.version);
  }

  /** libpact's mismatch report for the mock server on `port` of the interaction under test. */
  mockServerMismatches(port: number): readonly MockServerMismatch[] {
    return (this as unknown as { pact: MetadataSink }).pact.mockServerMismatches(port);
  }
}
