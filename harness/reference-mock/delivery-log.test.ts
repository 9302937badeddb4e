import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeliveryStatus, EventType } from '../contract/index.js';
import { type DeliveryFilter, DeliveryLog } from './delivery-log.js';
import type { DeliveryRecord } from './store.js';
import { MockStore } from './store.js';

const ORGS = ['porg_a', 'porg_b', 'porg_c'];
const ENDPOINTS = ['we_1', 'we_2', 'we_3', 'we_4'];
const EVENTS: EventType[] = ['claim.status_changed', 'sandbox.test'];
const STATUSES: DeliveryStatus[] = ['pending', 'retrying', 'succeeded', 'failed'];

function delivery(seq: number, org: number, endpoint: number, event: number, status: number, at = 0): DeliveryRecord {
  return {
    seq,
    id: `whd_${seq}`,
    eventId: `evt_${seq}`,
    endpointId: ENDPOINTS[endpoint] ?? '',
    orgId: ORGS[org] ?? '',
    eventType: EVENTS[event] ?? 'sandbox.test',
    createdAt: new Date(at).toISOString(),
    rawBody: '{}',
    status: STATUSES[status] ?? 'pending',
    attempts: [],
    nextAttemptAt: null,
  };
}

/** What the list route returned before the index: a scan of every delivery, newest first. */
function scan(records: readonly DeliveryRecord[], filter: DeliveryFilter) {
  const matching = records
    .filter(
      (d) =>
        d.seq < filter.beforeSeq &&
        d.orgId === filter.orgId &&
        (filter.endpointId === undefined || d.endpointId === filter.endpointId) &&
        (filter.eventType === undefined || d.eventType === filter.eventType) &&
        (filter.status === undefined || d.status === filter.status),
    )
    .reverse();
  return { page: matching.slice(0, filter.limit), hasMore: matching.length > filter.limit };
}

const operation = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constant('append' as const), fc.nat(2), fc.nat(3), fc.nat(1), fc.nat(3)) },
  { weight: 3, arbitrary: fc.tuple(fc.constant('status' as const), fc.nat(), fc.nat(3)) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('drop' as const), fc.nat(3)) },
);
const filter = fc.record({
  org: fc.nat(2),
  endpoint: fc.option(fc.nat(4), { nil: undefined }),
  event: fc.option(fc.nat(1), { nil: undefined }),
  status: fc.option(fc.nat(3), { nil: undefined }),
  before: fc.option(fc.nat(400), { nil: undefined }),
  limit: fc.integer({ min: 1, max: 30 }),
});

describe('DeliveryLog', () => {
  it('answers every filter, cursor and limit exactly as a scan, through status changes and eviction', () => {
    fc.assert(
      fc.property(
        fc.array(operation, { minLength: 20, maxLength: 300, size: 'max' }),
        fc.array(filter, { minLength: 10, maxLength: 20, size: 'max' }),
        (ops, filters) => {
          const log = new DeliveryLog();
          let live: DeliveryRecord[] = [];
          for (const op of ops) {
            if (op[0] === 'append') {
              const record = delivery(log.nextSeq(), op[1], op[2], op[3], op[4]);
              log.append(record);
              live.push(record);
            } else if (op[0] === 'status' && live.length > 0) {
              log.setStatus(live[op[1] % live.length] as DeliveryRecord, STATUSES[op[2]] ?? 'failed');
            } else if (op[0] === 'drop') {
              for (let i = 0; i <= op[1]; i++) log.dropOldest();
              live = live.slice(op[1] + 1);
            }
          }
          expect(log.size).toBe(live.length);
          expect(log.oldest()).toBe(live[0]);
          for (const f of filters) {
            const query: DeliveryFilter = {
              orgId: ORGS[f.org] ?? '',
              endpointId: f.endpoint === undefined ? undefined : (ENDPOINTS[f.endpoint] ?? 'we_unknown'),
              eventType: f.event === undefined ? undefined : EVENTS[f.event],
              status: f.status === undefined ? undefined : STATUSES[f.status],
              beforeSeq: f.before ?? Number.POSITIVE_INFINITY,
              limit: f.limit,
            };
            expect(log.query(query)).toEqual(scan(live, query));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('pages through a large log with cursors to exactly the deliveries a scan finds', () => {
    const log = new DeliveryLog();
    const all: DeliveryRecord[] = [];
    for (let i = 0; i < 5000; i++) {
      const record = delivery(log.nextSeq(), i % 3, i % 4, i % 7 === 0 ? 1 : 0, 2);
      log.append(record);
      all.push(record);
      if (i % 11 === 0) log.setStatus(record, 'failed');
    }
    for (let i = 0; i < 2000; i++) log.dropOldest();
    const live = all.slice(2000);
    const base = {
      orgId: 'porg_b',
      endpointId: undefined,
      eventType: 'sandbox.test' as const,
      status: 'failed' as const,
    };
    const seen: DeliveryRecord[] = [];
    let beforeSeq = Number.POSITIVE_INFINITY;
    for (;;) {
      const { page, hasMore } = log.query({ ...base, beforeSeq, limit: 7 });
      seen.push(...page);
      if (!hasMore) break;
      beforeSeq = (page[page.length - 1] as DeliveryRecord).seq;
    }
    const expected = scan(live, { ...base, beforeSeq: Number.POSITIVE_INFINITY, limit: live.length }).page;
    expect(expected.length).toBeGreaterThan(10);
    expect(seen).toEqual(expected);
  });

  it('pages a rare status through its own index, cursor and eviction included, as a scan does', () => {
    const log = new DeliveryLog();
    const all: DeliveryRecord[] = [];
    for (let i = 0; i < 3000; i++) {
      const record = delivery(log.nextSeq(), 0, i % 4, 0, 2);
      log.append(record);
      all.push(record);
      if (i % 53 === 0) log.setStatus(record, 'retrying');
    }
    for (let i = 0; i < 1000; i++) log.dropOldest();
    const live = all.slice(1000);
    const base = { orgId: 'porg_a', status: 'retrying' as const };
    const seen: DeliveryRecord[] = [];
    let beforeSeq = Number.POSITIVE_INFINITY;
    for (;;) {
      const { page, hasMore } = log.query({ ...base, beforeSeq, limit: 4 });
      seen.push(...page);
      if (!hasMore) break;
      beforeSeq = (page[page.length - 1] as DeliveryRecord).seq;
    }
    expect(seen).toEqual(scan(live, { ...base, beforeSeq: Number.POSITIVE_INFINITY, limit: live.length }).page);
    expect(seen).toHaveLength(38);
  });

  it('lets go of the body once a delivery succeeded or failed, and keeps it while it may be retried', () => {
    const log = new DeliveryLog();
    const [a, b, c] = [1, 2, 3].map((seq) => delivery(seq, 0, 0, 0, 0));
    for (const record of [a, b, c]) log.append(record as DeliveryRecord);
    log.setStatus(a as DeliveryRecord, 'retrying');
    log.setStatus(b as DeliveryRecord, 'succeeded');
    log.setStatus(c as DeliveryRecord, 'failed');
    expect([a?.rawBody, b?.rawBody, c?.rawBody]).toEqual(['{}', null, null]);
  });

  it('refuses a delivery whose seq does not follow the last one', () => {
    const log = new DeliveryLog();
    log.append(delivery(1, 0, 0, 0, 0));
    expect(() => log.append(delivery(3, 0, 0, 0, 0))).toThrow(/seq 3 is not 2/);
  });

  it('changes the status of a delivery the log no longer holds without indexing it', () => {
    const log = new DeliveryLog();
    const old = delivery(1, 0, 0, 0, 0);
    log.append(old);
    log.dropOldest();
    log.setStatus(old, 'failed');
    expect(old.status).toBe('failed');
    expect(old.rawBody).toBeNull();
    const all = { orgId: 'porg_a', beforeSeq: Number.POSITIVE_INFINITY, limit: 10 };
    expect(log.query({ ...all, status: 'failed' })).toEqual({ page: [], hasMore: false });
  });
});

describe('MockStore delivery retention', () => {
  const limits = {
    maxAgeMs: 1000,
    maxClaims: 10,
    maxClients: 10,
    maxDeliveries: 3,
    maxEndpoints: 10,
    maxIdempotencyKeys: 10,
    maxAccessTokens: 10,
    maxTenants: 10,
  };

  it('keeps at most maxDeliveries and none older than maxAgeMs, and the filters see only those', () => {
    const store = new MockStore(limits);
    for (let at = 0; at < 5; at++) store.deliveries.append(delivery(store.deliveries.nextSeq(), 0, 0, 0, 2, at * 400));
    store.retain(1600);
    const seqs = (filter: Partial<DeliveryFilter>) =>
      store.deliveries
        .query({ orgId: 'porg_a', beforeSeq: Number.POSITIVE_INFINITY, limit: 10, ...filter })
        .page.map((d) => d.seq);
    expect(seqs({})).toEqual([5, 4, 3]);
    store.retain(2100); // seq 3 (created at 800) is now older than 1000 ms
    expect(seqs({})).toEqual([5, 4]);
    expect(seqs({ endpointId: 'we_1', status: 'succeeded', eventType: 'claim.status_changed' })).toEqual([5, 4]);
    expect(store.deliveries.nextSeq()).toBe(6);
  });
});
