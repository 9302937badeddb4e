/** What a security.txt (RFC 9116) says, as far as the checklist cares. */
export interface SecurityTxt {
  readonly contacts: readonly string[];
  readonly expires: readonly string[];
}

/** Parses "Field: value" lines, ignoring comments, blank lines and a PGP signature's armour. Field names are case-insensitive. */
export function parseSecurityTxt(text: string): SecurityTxt {
  const contacts: string[] = [];
  const expires: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('-----')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (field === 'contact') contacts.push(value);
    if (field === 'expires') expires.push(value);
  }
  return { contacts, expires };
}

/**
 * Why a security.txt does not meet RFC 9116's required fields, or an empty list: at least one Contact,
 * exactly one Expires, a valid date in the future.
 */
export function securityTxtProblems(parsed: SecurityTxt, now: Date): string[] {
  const problems: string[] = [];
  if (parsed.contacts.length === 0) problems.push('it has no Contact field');
  if (parsed.expires.length === 0) problems.push('it has no Expires field');
  if (parsed.expires.length > 1) problems.push(`it has ${parsed.expires.length} Expires fields (RFC 9116 allows one)`);
  const [expires] = parsed.expires;
  if (parsed.expires.length === 1 && expires !== undefined) {
    const at = Date.parse(expires);
    if (Number.isNaN(at))
      problems.push(`its Expires "${expires}" is not a date (use RFC 3339, e.g. 2027-01-31T00:00:00Z)`);
    else if (at <= now.getTime())
      problems.push(`it expired on ${new Date(at).toISOString()} (stale: publish a new one)`);
  }
  return problems;
}

/** A contact someone can reach: an email (or mailto:), an https URL, or a phone number (tel:). */
export const usableContact = (contact: string): boolean =>
  /^(mailto:)?[^\s@]+@[^\s@]+\.[^\s@]+$/i.test(contact) ||
  /^https:\/\/[^\s]+$/i.test(contact) ||
  /^(tel:)?\+?[0-9][0-9 ().-]{5,}$/.test(contact);
