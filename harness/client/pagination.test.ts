import { describe, expect, it } from 'vitest';
import { isSchemaValidationError } from './errors.js';
import type { CallMetadata } from './metadata.js';
import { type Page, paginate } from './pagination.js';

const meta = { attempts: [] } as unknown as CallMetadata;

function pages(book: Record<string, Page<number>>) {
  const cursors: (string | undefined)[] = [];
  const fetchPage = async (query: { cursor?: string | undefined; limit?: number }) => {
    cursors.push(query.cursor);
    const page = book[query.cursor ?? 'start'];
    if (!page) throw new Error(`no page ${query.cursor}`);
    return { data: page, meta };
  };
  return { cursors, fetchPage };
}

const collect = async <T>(iterator: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
};

describe('paginate', () => {
  it('follows nextCursor to the end, keeping the other filters', async () => {
    const { cursors, fetchPage } = pages({
      start: { data: [1, 2], hasMore: true, nextCursor: 'c2' },
      c2: { data: [3], hasMore: true, nextCursor: 'c3' },
      c3: { data: [4], hasMore: false, nextCursor: null },
    });
    expect(await collect(paginate(fetchPage, { limit: 2 }))).toEqual([1, 2, 3, 4]);
    expect(cursors).toEqual([undefined, 'c2', 'c3']);
  });

  it('fetches lazily: stopping early leaves later pages unrequested', async () => {
    const { cursors, fetchPage } = pages({
      start: { data: [1, 2], hasMore: true, nextCursor: 'c2' },
      c2: { data: [3], hasMore: false, nextCursor: null },
    });
    for await (const item of paginate(fetchPage, {})) if (item === 1) break;
    expect(cursors).toEqual([undefined]);
  });

  it('refuses to loop on a cursor that does not advance', async () => {
    const { fetchPage } = pages({
      start: { data: [1], hasMore: true, nextCursor: 'same' },
      same: { data: [2], hasMore: true, nextCursor: 'same' },
    });
    const error = await collect(paginate(fetchPage, {})).catch((caught: unknown) => caught);
    expect(isSchemaValidationError(error)).toBe(true);
  });
});
