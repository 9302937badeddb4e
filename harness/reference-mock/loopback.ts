import { BlockList, isIP } from 'node:net';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

/** True when `url` points at this machine's loopback interface (127.0.0.0/8, ::1, localhost). */
export function isLoopbackUrl(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The reason a non-loopback webhook URL is refused, for `details`. */
export const NON_LOOPBACK_REASON =
  'must be a loopback URL (127.0.0.1, [::1] or localhost): this reference mock only delivers on loopback unless started with webhookDelivery.allowNonLoopback';

const LOOPBACK_ADDRESSES = new BlockList();
LOOPBACK_ADDRESSES.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK_ADDRESSES.addAddress('::1', 'ipv6'); // BlockList also matches IPv4-mapped ::ffff:127.x.y.z

/**
 * True when a server bound to `host` is reachable from this machine only: `localhost`, 127.0.0.0/8,
 * `::1` (in any spelling, IPv4-mapped included). Wildcards (`0.0.0.0`, `::`) and other names are not.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return true;
  const family = isIP(bare);
  return family !== 0 && LOOPBACK_ADDRESSES.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}
