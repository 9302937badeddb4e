import { describe, expect, it } from 'vitest';
import { samplePacket } from '../../test/support/sample-packet.js';
import { renderMarkdown } from './render-markdown.js';

const lineOf = (markdown: string, needle: string) => markdown.split('\n').find((line) => line.includes(needle)) ?? '';
const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length - 2;

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(samplePacket());

  it('leads with the verdict and the counts', () => {
    expect(markdown.split('\n')[0]).toBe('# DutyClaims launch packet: NOT READY');
    expect(markdown).toContain('1 gate failed and 1 gate was not run');
    expect(markdown).toContain('✅ 4 passed · ❌ 1 failed · ⚠️ 1 not run');
  });

  it('lists each gate with its verdict, and a not-run gate is not marked as passed', () => {
    expect(lineOf(markdown, '| Environment and contract pin |')).toContain('❌ **FAIL**');
    expect(lineOf(markdown, '| Webhook readiness |')).toContain('⚠️ **NOT RUN**');
    expect(lineOf(markdown, '| Webhook readiness |')).not.toContain('PASS');
    expect(lineOf(markdown, '| Golden-path rehearsal |')).toContain('✅ **PASS**');
  });

  it('has the checklist sections: escalation template, support handoff, minimum log fields, timeline', () => {
    for (const heading of [
      '## Escalation template',
      '## Support handoff packet',
      '## Minimum log fields',
      '## Timeline',
    ])
      expect(markdown).toContain(heading);
    expect(markdown).toMatch(/Request ID: +req_09k7m2q9x4p8v3w6z1n/);
    expect(markdown).toMatch(/Job ID: +\(fill in\)/);
    expect(markdown).toContain('- **Rollback decision owner:** Sam Lee');
    expect(markdown).toContain('- **Webhook secret prefix:** `whsec_MfKQ9r`');
  });

  it('keeps one table row per logged request, whatever the values contain', () => {
    const packet = samplePacket();
    const hostile = samplePacket().logFields.map((fields) => ({ ...fields, step: 'a | b\nc', ids: { 'x|y': 'z`|`' } }));
    const out = renderMarkdown({ ...packet, logFields: hostile });
    const rows = out.split('\n').filter((line) => line.startsWith('| `2026-'));
    expect(rows).toHaveLength(packet.logFields.length);
    for (const row of rows) expect(cells(row)).toBe(15);
  });

  it('keeps the escalation block fenced even when a value contains backticks', () => {
    const packet = samplePacket();
    const out = renderMarkdown({ ...packet, escalation: { ...packet.escalation, route: 'GET ```x```' } });
    expect(out).toContain('````text');
    expect(out).toContain('Route:          GET ```x```');
  });

  it('says in the summary that a grade check failed, without changing the gate verdict', () => {
    const top = markdown.slice(0, markdown.indexOf('| Fact |'));
    expect(top).toContain(
      '> ❌ **Partner integration grades: 1 check failed, 1 not graded, 4 passed (1 report).** They do not change the gate verdict',
    );
    expect(markdown.split('\n')[0]).toBe('# DutyClaims launch packet: NOT READY');
  });

  it('has a grades section after the gates with one table row per check, and not graded is never a pass', () => {
    const grades = markdown.slice(
      markdown.indexOf('## Partner integration grades'),
      markdown.indexOf('## Minimum log fields'),
    );
    expect(markdown.indexOf('## Partner integration grades')).toBeGreaterThan(markdown.indexOf('## Gate details'));
    expect(grades).toContain('### 1. webhook-receiver grade of http://127.0.0.1:8080/webhooks: ❌ **FAIL**');
    expect(grades).toContain('- **When:** 2026-11-22T09:28:00.000Z → 2026-11-22T09:28:04.000Z (4.0 s)');
    expect(grades).toContain('`secret=whsec_MfKQ9r…`');
    expect(lineOf(grades, '(`tampered-body`)')).toContain('| ❌ **FAIL** | acknowledged (tampered body -> 200)');
    const notGraded = lineOf(grades, '(`duplicate-processed-once`)');
    expect(notGraded).toContain('⚠️ **NOT GRADED**');
    expect(notGraded).not.toMatch(/PASS|✅/);
    expect(lineOf(grades, '(`malformed-signature`)').split('<br>')).toHaveLength(5);
  });

  it('keeps one row per grade check whatever the evidence contains', () => {
    const packet = samplePacket();
    const grades = packet.grades.map((report) => ({
      ...report,
      checks: report.checks.map((check) => ({ ...check, reason: 'a | b\nc', evidence: ['x | `y`\nz', '<b>bold</b>'] })),
    }));
    const out = renderMarkdown({ ...packet, grades });
    const rows = out
      .split('\n')
      .filter((line) => line.startsWith('| ') && line.includes('(`') && line.includes('<br>'));
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(cells(row)).toBe(4);
    expect(out).toContain('<br>`<b>bold</b>`'); // a code span shows markup as text
    expect(out).not.toMatch(/[^`]<b>bold/);
  });

  it('says how to attach grades when there are none, and leaves them out of the summary', () => {
    const out = renderMarkdown({ ...samplePacket(), grades: [] });
    expect(out).toContain('_No grade reports were attached.');
    expect(out).not.toContain('Partner integration grades:');
  });
});
