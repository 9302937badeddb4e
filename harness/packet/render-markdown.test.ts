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

  it('has the seed sections: escalation template, support handoff, minimum log fields, timeline', () => {
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
});
