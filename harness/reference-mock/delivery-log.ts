import type { DeliveryStatus, EventType } from '../contract/index.js';
import type { DeliveryRecord } from './store.js';

/** What GET /v1/webhook-deliveries filters on; `beforeSeq` is the cursor (exclusive). */
export interface DeliveryFilter {
  readonly orgId: string;
  readonly endpointId?: string | undefined;
  readonly eventType?: EventType | undefined;
  readonly status?: DeliveryStatus | undefined;
  readonly beforeSeq: number;
  readonly limit: number;
}

/** Deliveries in `seq` order whose oldest entries leave from the front (retention), without a shift. */
class SeqList {
  items: DeliveryRecord[] = [];
  head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  /** Drops `record` if it is the oldest entry; compacts once half the array is gone. */
  dropOldest(record: DeliveryRecord): void {
    if (this.items[this.head] !== record) return;
    this.items[this.head++] = undefined as unknown as DeliveryRecord;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

/** Deliveries of one org in one status; the seq-ordered copy is rebuilt only after a change. */
class StatusSet {
  readonly members = new Set<DeliveryRecord>();
  private sorted: DeliveryRecord[] | null = null;

  add(record: DeliveryRecord): void {
    this.members.add(record);
    this.sorted = null;
  }

  delete(record: DeliveryRecord): boolean {
    const had = this.members.delete(record);
    if (had) this.sorted = null;
    return had;
  }

  bySeq(): DeliveryRecord[] {
    this.sorted ??= [...this.members].sort((a, b) => a.seq - b.seq);
    return this.sorted;
  }
}

const key = (orgId: string, part: string) => `${orgId}\n${part}`;

function addTo(map: Map<string, SeqList>, name: string, record: DeliveryRecord): void {
  let list = map.get(name);
  if (list === undefined) {
    list = new SeqList();
    map.set(name, list);
  }
  list.items.push(record);
}

function dropFrom(map: Map<string, SeqList>, name: string, record: DeliveryRecord): void {
  const list = map.get(name);
  list?.dropOldest(record);
  if (list?.size === 0) map.delete(name);
}

/**
 * The webhook delivery log of one mock, oldest first, indexed by what the list route filters on (org,
 * endpoint, org + event type, org + status), so a filter costs the size of its smallest candidate list,
 * not the size of the log. Status changes go through `setStatus` so the status index stays true.
 */
export class DeliveryLog {
  private readonly all = new SeqList();
  private readonly byOrg = new Map<string, SeqList>();
  private readonly byEndpoint = new Map<string, SeqList>();
  private readonly byOrgEvent = new Map<string, SeqList>();
  private readonly byOrgStatus = new Map<string, StatusSet>();
  /** Deliveries forgotten so far; the next one gets seq `dropped + size + 1`. */
  private dropped = 0;

  get size(): number {
    return this.all.size;
  }

  /** The seq the next appended delivery must carry. */
  nextSeq(): number {
    return this.dropped + this.all.size + 1;
  }

  /** The oldest delivery kept, if any. */
  oldest(): DeliveryRecord | undefined {
    return this.all.items[this.all.head];
  }

  append(record: DeliveryRecord): void {
    if (record.seq !== this.nextSeq()) throw new Error(`delivery seq ${record.seq} is not ${this.nextSeq()}`);
    this.all.items.push(record);
    addTo(this.byOrg, record.orgId, record);
    addTo(this.byEndpoint, record.endpointId, record);
    addTo(this.byOrgEvent, key(record.orgId, record.eventType), record);
    this.statusSet(record.orgId, record.status, true).add(record);
  }

  /**
   * Sets a delivery's status, keeping the index true (a delivery no longer in this log just changes).
   * A succeeded or failed delivery is never sent again, so its body is let go.
   */
  setStatus(record: DeliveryRecord, status: DeliveryStatus): void {
    if (record.status !== status && this.statusSet(record.orgId, record.status, false)?.delete(record))
      this.statusSet(record.orgId, status, true).add(record);
    record.status = status;
    if (status === 'succeeded' || status === 'failed') record.rawBody = null;
  }

  /** Forgets the oldest delivery. */
  dropOldest(): void {
    const record = this.oldest();
    if (record === undefined) return;
    this.all.dropOldest(record);
    this.dropped++;
    dropFrom(this.byOrg, record.orgId, record);
    dropFrom(this.byEndpoint, record.endpointId, record);
    dropFrom(this.byOrgEvent, key(record.orgId, record.eventType), record);
    const set = this.statusSet(record.orgId, record.status, false);
    set?.delete(record);
    if (set?.members.size === 0) this.byOrgStatus.delete(key(record.orgId, record.status));
  }

  /** Newest first: up to `limit` deliveries matching `filter`, and whether more follow. */
  query(filter: DeliveryFilter): { page: DeliveryRecord[]; hasMore: boolean } {
    const page: DeliveryRecord[] = [];
    const { orgId, endpointId, eventType, status, beforeSeq, limit } = filter;
    const lists = [this.byOrg.get(orgId)];
    if (endpointId !== undefined) lists.push(this.byEndpoint.get(endpointId));
    if (eventType !== undefined) lists.push(this.byOrgEvent.get(key(orgId, eventType)));
    if (lists.includes(undefined)) return { page, hasMore: false };
    let smallest = lists[0] as SeqList;
    for (const list of lists as SeqList[]) if (list.size < smallest.size) smallest = list;
    let items = smallest.items;
    let head = smallest.head;
    let start = lastBefore(items, head, beforeSeq);
    if (status !== undefined) {
      const set = this.statusSet(orgId, status, false);
      if (set === undefined) return { page, hasMore: false };
      // A status set is only walked when much smaller than the list: its seq order costs a sort.
      if (set.members.size * 8 < smallest.size) {
        items = set.bySeq();
        head = 0;
        start = lastBefore(items, 0, beforeSeq);
      }
    }
    for (let index = start; index >= head; index--) {
      const delivery = items[index] as DeliveryRecord;
      if (delivery.orgId !== orgId) continue;
      if (endpointId !== undefined && delivery.endpointId !== endpointId) continue;
      if (eventType !== undefined && delivery.eventType !== eventType) continue;
      if (status !== undefined && delivery.status !== status) continue;
      if (page.length === limit) return { page, hasMore: true };
      page.push(delivery);
    }
    return { page, hasMore: false };
  }

  private statusSet(orgId: string, status: DeliveryStatus, create: true): StatusSet;
  private statusSet(orgId: string, status: DeliveryStatus, create: false): StatusSet | undefined;
  private statusSet(orgId: string, status: DeliveryStatus, create: boolean): StatusSet | undefined {
    const name = key(orgId, status);
    let set = this.byOrgStatus.get(name);
    if (set === undefined && create) {
      set = new StatusSet();
      this.byOrgStatus.set(name, set);
    }
    return set;
  }
}

/** Index of the newest of `items` (seq order, from `head`) with seq < `before`; head - 1 when none. */
function lastBefore(items: readonly DeliveryRecord[], head: number, before: number): number {
  let low = head;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((items[mid] as DeliveryRecord).seq < before) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}
