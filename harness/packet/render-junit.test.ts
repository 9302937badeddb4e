import { describe, expect, it } from 'vitest';
import { samplePacket } from '../../test/support/sample-packet.js';
import { renderJunit } from './render-junit.js';

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe('renderJunit', () => {
  const packet = samplePacket();
  const xml = renderJunit(packet);

  it('has one test case per gate check, with failures and skips counted', () => {
    const gateCases = xml.slice(0, xml.indexOf('Partner integration grade: '));
    const checks = packet.gates.flatMap((gate) => gate.checks);
    expect(count(gateCases, /<testcase /g)).toBe(checks.length);
    expect(count(gateCases, /<failure /g)).toBe(1);
    expect(count(gateCases, /<skipped /g)).toBe(1);
    expect(count(xml, /<testsuite /g)).toBe(6 + packet.grades.length);
  });

  it('counts gate and grade cases in the totals and names the failed grade check in the summary line', () => {
    const cases = packet.gates.flatMap((gate) => gate.checks).length + (packet.grades[0]?.checks.length ?? 0);
    expect(xml).toContain(
      `<testsuites name="DutyClaims launch rehearsal (sandbox, sandbox.dutyclaims.example): NOT READY · Partner integration grades: 1 check failed, 1 not graded, 4 passed (1 report)." tests="${cases}" failures="2" errors="0" skipped="2"`,
    );
    expect(count(xml, /<testcase /g)).toBe(cases);
  });

  it('has one test suite per grade report: a failed check is a failure, a not-graded one is skipped with its reason', () => {
    const suite = xml.slice(xml.indexOf('<testsuite name="Partner integration grade: '));
    expect(suite).toMatch(
      /^<testsuite name="Partner integration grade: webhook-receiver \(http:\/\/127\.0\.0\.1:8080\/webhooks\)" id="grade-1-webhook-receiver" tests="6" failures="1" errors="0" skipped="1" time="4\.000">/,
    );
    expect(suite).toContain('<property name="setting.secret" value="whsec_MfKQ9r…"/>');
    const failed = suite.slice(
      suite.indexOf('name="tampered-body: '),
      suite.indexOf('</testcase>', suite.indexOf('tampered-body')),
    );
    expect(failed).toContain(
      '<failure message="acknowledged (tampered body -&gt; 200): verify the HMAC over the raw body bytes before acknowledging" type="tampered-body">',
    );
    expect(failed).toContain('Evidence:\n[tampered body] POST http://127.0.0.1:8080/webhooks');
    const skipped = suite.slice(suite.indexOf('name="duplicate-processed-once: '));
    expect(skipped).toMatch(
      /^name="[^"]+" time="0\.000">\n {6}<skipped message="Not graded: both deliveries were acknowledged; no processed-events hook/,
    );
    const passed = suite.slice(
      suite.indexOf('name="valid-delivery: '),
      suite.indexOf('</testcase>', suite.indexOf('valid-delivery')),
    );
    expect(passed).not.toMatch(/<failure|<skipped/);
    expect(passed).toContain('<system-out>Evidence:\n[valid] POST');
  });

  it('reports a grade report with no checks as skipped, not as an empty green suite', () => {
    const [report] = packet.grades;
    if (!report) throw new Error('sample has a grade report');
    const out = renderJunit({ ...packet, grades: [{ ...report, checks: [] }] });
    const suite = out.slice(out.indexOf('<testsuite name="Partner integration grade: '));
    expect(suite).toContain('tests="1" failures="0" errors="0" skipped="1"');
    expect(suite).toContain('<skipped message="Not graded: The report has no checks');
  });

  it('leaves the grades out of the totals and the summary line when none are attached', () => {
    const out = renderJunit({ ...packet, grades: [] });
    const checks = packet.gates.flatMap((gate) => gate.checks);
    expect(out).toContain(
      `<testsuites name="DutyClaims launch rehearsal (sandbox, sandbox.dutyclaims.example): NOT READY" tests="${checks.length}" failures="1" errors="0" skipped="1"`,
    );
    expect(out).not.toContain('Partner integration grade');
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
    const grades = packet.grades.map((report) => ({
      ...report,
      checks: report.checks.map((check) => ({ ...check, evidence: ['</system-out><x>\u0002'] })),
    }));
    const out = renderJunit({ ...packet, gates, grades });
    expect(out).toContain('name="a&lt;b&gt;&amp;&quot;c&quot;"');
    expect(out).toContain('&lt;/system-out&gt;&lt;x&gt;\uFFFD');
    expect(out).not.toContain('\u0002');
    expect(out).toContain('name="x&#39;\uFFFDy"');
    expect(out).not.toContain('</failure><x>');
    expect(out).not.toContain('\u0001');
  });
});
