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
