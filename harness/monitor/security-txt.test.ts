import { describe, expect, it } from 'vitest';
import { parseSecurityTxt, securityTxtProblems, usableContact } from './security-txt.js';

const now = new Date('2026-11-30T06:00:00Z');

describe('security.txt (RFC 9116)', () => {
  it('reads Contact and Expires case-insensitively, past comments and a PGP signature', () => {
    const text =
      '-----BEGIN PGP SIGNED MESSAGE-----\n# hi\ncontact: https://partner.example/report\nCONTACT: mailto:s@p.example\nExpires: 2027-01-01T00:00:00Z\n';
    const parsed = parseSecurityTxt(text);
    expect(parsed).toEqual({
      contacts: ['https://partner.example/report', 'mailto:s@p.example'],
      expires: ['2027-01-01T00:00:00Z'],
    });
    expect(securityTxtProblems(parsed, now)).toEqual([]);
  });

  it('names each missing or stale required field', () => {
    expect(securityTxtProblems(parseSecurityTxt('Policy: x\n'), now)).toEqual([
      'it has no Contact field',
      'it has no Expires field',
    ]);
    expect(securityTxtProblems({ contacts: ['x'], expires: ['2026-11-29T00:00:00Z'] }, now)).toEqual([
      'it expired on 2026-11-29T00:00:00.000Z (stale: publish a new one)',
    ]);
    expect(securityTxtProblems({ contacts: ['x'], expires: ['soon'] }, now)[0]).toMatch(/is not a date/);
  });

  it('accepts an email, an https URL or a phone number as a contact, not a bare name', () => {
    expect(
      ['security@partner.example', 'mailto:s@p.example', 'https://p.example/sec', 'tel:+44 20 7946 0000'].every(
        usableContact,
      ),
    ).toBe(true);
    expect(['the security team', 'http://p.example/sec'].some(usableContact)).toBe(false);
  });
});
