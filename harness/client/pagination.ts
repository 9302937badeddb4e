import { SchemaValidationError } from './errors.js';
import type { CallResult } from './metadata.js';

/** A page of a cursor-paginated list, as the contract's `pageOf` describes it. */
export interface Page<T> {
  readonly data: readonly T[];
  readonly hasMore: boolean;
  readonly nextCursor: string | null;
}

/**
 * Yields every item of a cursor-paginated list, fetching the next page only when the previous one is used up.
 * A provider that answers `hasMore` without a new cursor would loop forever; that is a SchemaValidationError.
 */
export async function* paginate<T, Q extends { readonly cursor?: string | undefined }>(
  fetchPage: (query: Q) => Promise<CallResult<Page<T>>>,
  query: Q,
): AsyncGenerator<T, void, undefined> {
  let cursor = query.cursor;
  for (;;) {
    const { data: page, meta } = await fetchPage(cursor === undefined ? query : { ...query, cursor });
    yield* page.data;
    if (!page.hasMore) return;
    if (page.nextCursor === null || page.nextCursor === cursor) {
      const message =
        page.nextCursor === null
          ? 'hasMore is true but nextCursor is null; the list cannot be followed.'
          : 'nextCursor repeats the cursor of this page; following it would loop forever.';
      throw new SchemaValidationError([{ code: 'custom', path: ['nextCursor'], message }], meta);
    }
    cursor = page.nextCursor;
  }
}
