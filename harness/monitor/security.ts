import type { MonitorCheck } from '../packet/monitor-schema.js';
import type { Target } from '../packet/schema.js';
import { monitorCheck } from './check.js';
import type { SecurityTxtReading, TlsProbe } from './security-reads.js';
import { parseSecurityTxt, securityTxtProblems, usableContact } from './security-txt.js';

/**
 * A reachable vulnerability-reporting contact before live traffic: DUTYCLAIMS_SECURITY_CONTACT recorded
 * and usable, and a given security.txt valid under RFC 9116 (Contact present, Expires in the future).
 */
export function securityContactCheck(input: {
  readonly contact: string | null;
  readonly securityTxt: SecurityTxtReading | null;
  readonly target: Target;
  readonly now: Date;
}): MonitorCheck {
  const { contact, securityTxt, target, now } = input;
  const id = 'security-contact';
  const title = 'vulnerability-reporting contact';
  const evidence = [
    ...(contact === null ? [] : [`DUTYCLAIMS_SECURITY_CONTACT: ${contact}`]),
    ...(securityTxt === null ? [] : [`security.txt: ${securityTxt.url}`]),
  ];
  if (contact === null && securityTxt === null) {
    const set =
      'Set DUTYCLAIMS_SECURITY_CONTACT (an email, https URL or phone) and, if you publish one, DUTYCLAIMS_SECURITY_TXT_URL.';
    return target === 'production'
      ? monitorCheck(
          id,
          title,
          'fail',
          `Live traffic needs a reachable vulnerability-reporting contact and none is recorded. ${set}`,
        )
      : monitorCheck(id, title, 'not_run', `Not run: no security contact was given. ${set}`);
  }
  const problems: string[] = [];
  if (contact !== null && !usableContact(contact))
    problems.push(`DUTYCLAIMS_SECURITY_CONTACT "${contact}" is not an email, https URL or phone number`);
  if (securityTxt !== null) {
    if ('error' in securityTxt) problems.push(`${securityTxt.url} could not be fetched (${securityTxt.error})`);
    else if (securityTxt.status !== 200) problems.push(`${securityTxt.url} answered HTTP ${securityTxt.status}`);
    else {
      const parsed = parseSecurityTxt(securityTxt.text);
      evidence.push(
        ...parsed.contacts.map((item) => `Contact: ${item}`),
        ...parsed.expires.map((item) => `Expires: ${item}`),
      );
      problems.push(...securityTxtProblems(parsed, now).map((problem) => `${securityTxt.url}: ${problem}`));
    }
  }
  if (problems.length > 0) return monitorCheck(id, title, 'fail', `${problems.join('; ')}.`, evidence);
  return monitorCheck(id, title, 'pass', 'A vulnerability-reporting contact is recorded and reachable.', evidence);
}

/** On sandbox and production the webhook receiver is `https://` with a certificate that verifies. */
export function webhookHttpsCheck(input: {
  readonly target: Target;
  /** The receiver URL and where it came from, or why it is not known. */
  readonly url: { readonly value: string; readonly source: string } | { readonly unknown: string };
  readonly probe: TlsProbe | null;
}): MonitorCheck {
  const id = 'webhook-https';
  const title = 'webhook receiver on https with a verifying certificate';
  if (input.target === 'mock')
    return monitorCheck(
      id,
      title,
      'not_run',
      'Not run: on the mock the receiver is local; sandbox and production check it.',
    );
  if ('unknown' in input.url) return monitorCheck(id, title, 'not_run', `Not run: ${input.url.unknown}`);
  const { value, source } = input.url;
  const evidence = [`${value} (${source})`];
  if (!value.toLowerCase().startsWith('https://'))
    return monitorCheck(
      id,
      title,
      'fail',
      `The webhook URL ${value} is not https://: events carry claim data and must be encrypted. Register an https:// receiver.`,
      evidence,
    );
  const { probe } = input;
  if (probe === null)
    return monitorCheck(id, title, 'not_run', 'Not run: the TLS handshake was not attempted.', evidence);
  if (!probe.authorized)
    return monitorCheck(
      id,
      title,
      'fail',
      `The certificate of ${value} does not verify (${probe.error}): use a certificate from a public authority that names this host.`,
      evidence,
    );
  return monitorCheck(id, title, 'pass', `${value} presents a certificate that verifies.`, evidence);
}
