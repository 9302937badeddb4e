import type { RawResponse } from '../client/metadata.js';

/** Collects the response header names a provider sent, for comparing two runs. Never keeps values. */
export class ResponseHeaderLog {
  readonly names = new Set<string>();

  readonly onResponse = (response: RawResponse): void => {
    for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) this.names.add(name);
  };
}
