import { describe, expect, it } from 'vitest';
import { samplePacket } from '../../test/support/sample-packet.js';
import { renderJunit } from './render-junit.js';

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe('renderJunit', () => {
  const packet = samplePacket();
  const xml = renderJunit(packet);

  it('has one test case per gate check, with failures and skips counted', () => {
    const checks = packet.gates.flatMap((gate) => gate.checks);
    expect(count(xml, /<testcase /g)).toBe(checks.length);
    expect(count(xml, /<failure /g)).toBe(1);
    expect(count(xml, /<skipped /g)).toBe(1);
    expect(xml).toContain(
      `<testsuites name="DutyClaims launch rehearsal (sandbox, sandbox.dutyclaims.example): NOT READY" tests="${checks.length}" failures="1" errors="0" skipped="1"`,
    );
    expect(count(xml, /<testsuite /g)).toBe(6);
  });

  it('puts the fix and the request ids in the failure', () => {
    const failure = xml.slice(xml.indexOf('<failure'), xml.indexOf('</failure>'));
    expect(failure).toContain('message="Served ae140b8f3b926d06, pinned 4d430a74e95b56a1."');
    expect(failure).toContain('Regenerate your OpenAPI');
    expect(failure).toContain('req_01k7m2q9x4p8v3w6z1n');
  });

  it('reports a gate with no checks by its own verdict, so CI is never greener than the packet', () => {
    const gates = packet.gates.map((gate) =>
      gate.id === 'traceability-and-idempotency'
        ? { ...gate, verdict: 'not_run' as const, checks: [], reason: 'Not run (read-only): this run sends no writes.' }
        : gate,
    );
    const out = renderJunit({ ...packet, gates, summary: { pass: 3, fail: 1, notRun: 2 } });
    expect(out).toContain(
      'name="Gate verdict: Traceability and idempotency" time="0.000">\n      <skipped message="Not run: Not run (read-only): this run sends no writes."/>',
    );
  });

  it('escapes values and drops characters XML cannot hold', () => {
    const gates = packet.gates.map((gate) => ({
      ...gate,
      title: 'a<b>&"c"',
      checks: gate.checks.map((check) => ({ ...check, name: "x'\u0001y", detail: '</failure><x>' })),
    }));
    const out = renderJunit({ ...packet, gates });
    expect(out).toContain('name="a&lt;b&gt;&amp;&quot;c&quot;"');
    expect(out).toContain('name="x&#39;\uFFFDy"');
    expect(out).not.toContain('</failure><x>');
    expect(out).not.toContain('\u0001');
  });
});
