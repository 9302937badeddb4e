import { describe, expect, it } from 'vitest';
import type { LaunchPacket } from '../../harness/packet/index.js';
import { rehearseAgainst } from '../support/misbehaving-provider.js';
import { startTlsServer } from '../support/tls-server.js';

const watch = (packet: LaunchPacket) =>
  Object.fromEntries((packet.monitor?.checks ?? []).map((check) => [check.id, check.verdict]));
const check = (packet: LaunchPacket, id: string) => packet.monitor?.checks.find((item) => item.id === id);
const generous = { p95BudgetMs: 60_000, callBudgetMs: 60_000 };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const securityTxt = (expires: string) =>
  `# Our policy\nContact: mailto:security@partner.example\nExpires: ${expires}\nPreferred-Languages: en\n`;

/** A partner's https receiver that also publishes /.well-known/security.txt with the given text. */
const partnerSite = (text: string) =>
  startTlsServer((request, response) => {
    if (request.url === '/.well-known/security.txt') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end(text);
      return;
    }
    response.writeHead(204).end();
  });

const smokeAt = (site: { url: string; cert: string }, trustCert: boolean, extra: Record<string, string> = {}) =>
  rehearseAgainst({
    target: 'production',
    env: { DUTYCLAIMS_WEBHOOK_PUBLIC_URL: `${site.url}/webhooks/dutyclaims`, ...extra },
    monitor: {
      ...generous,
      securityContact: 'security@partner.example',
      securityTxtUrl: `${site.url}/.well-known/security.txt`,
      ...(trustCert ? { ca: site.cert } : {}),
    },
  }).then(({ packet }) => packet);

describe('nightly watch: security contact and https receiver', () => {
  it('a receiver whose certificate verifies and a fresh security.txt pass', async () => {
    await using site = await partnerSite(securityTxt(inDays(90)));
    const packet = await smokeAt(site, true);
    expect(watch(packet)).toMatchObject({ 'security-contact': 'pass', 'webhook-https': 'pass' });
    expect(check(packet, 'security-contact')?.evidence).toContain('Contact: mailto:security@partner.example');
  });

  it('a self-signed certificate fails only the https check, naming the verification error', async () => {
    await using site = await partnerSite(securityTxt(inDays(90)));
    const packet = await rehearseAgainst({
      target: 'production',
      env: { DUTYCLAIMS_WEBHOOK_PUBLIC_URL: `${site.url}/webhooks/dutyclaims` },
      monitor: { ...generous, securityContact: 'security@partner.example' },
    }).then((result) => result.packet);
    expect(watch(packet)).toMatchObject({ 'security-contact': 'pass', 'webhook-https': 'fail' });
    expect(check(packet, 'webhook-https')?.detail).toMatch(
      /does not verify \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/,
    );
  });

  it('a non-https receiver fails the https check', async () => {
    await using site = await partnerSite(securityTxt(inDays(90)));
    const packet = await smokeAt(site, true, {
      DUTYCLAIMS_WEBHOOK_PUBLIC_URL: 'http://127.0.0.1:9/webhooks/dutyclaims',
    });
    expect(watch(packet)).toMatchObject({ 'security-contact': 'pass', 'webhook-https': 'fail' });
    expect(check(packet, 'webhook-https')?.detail).toMatch(/is not https:\/\//);
  });

  it('a stale security.txt fails only the contact check, saying when it expired', async () => {
    const expired = inDays(-3);
    await using site = await partnerSite(securityTxt(expired));
    const packet = await smokeAt(site, true);
    expect(watch(packet)).toMatchObject({ 'security-contact': 'fail', 'webhook-https': 'pass' });
    expect(check(packet, 'security-contact')?.detail).toContain(`it expired on ${expired} (stale: publish a new one)`);
  });

  it('production with no security contact at all fails the contact check, saying what to set', async () => {
    const { packet } = await rehearseAgainst({ target: 'production', monitor: generous });
    expect(watch(packet)).toMatchObject({ 'security-contact': 'fail', 'webhook-https': 'not_run' });
    expect(check(packet, 'security-contact')?.detail).toMatch(/Set DUTYCLAIMS_SECURITY_CONTACT/);
  });
});
