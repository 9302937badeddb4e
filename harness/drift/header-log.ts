import type { RawResponse } from '../client/metadata.js';

/** HTTP framing, not the API: how a proxy or server frames the body says nothing about the contract. */
const FRAMING = new Set(['connection', 'content-length', 'date', 'keep-alive', 'transfer-encoding']);

/** Collects the response header names a provider sent, for comparing two runs. Never keeps values. */
export class ResponseHeaderLog {
  readonly names = new Set<string>();

  readonly onResponse = (response: RawResponse): void => {
    for (const [name, value] of Object.entries(response.headers))
      if (value !== undefined && !FRAMING.has(name)) this.names.add(name);
  };
}
