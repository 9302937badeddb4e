import { describe, expect, it } from 'vitest';
import { samplePacket } from '../../test/support/sample-packet.js';
import { renderHtml } from './render-html.js';
import type { LaunchPacket } from './schema.js';

const sectionOf = (page: string, gateId: string): string => {
  const start = page.indexOf(`<details class="gate`, page.indexOf(`id="gate-${gateId}"`) - 40);
  return page.slice(start, page.indexOf('</details>', start));
};

const allPassing = (): LaunchPacket => {
  const packet = samplePacket();
  const gates = packet.gates.map((gate) => ({
    ...gate,
    verdict: 'pass' as const,
    checks: gate.checks.map((check) => ({ ...check, verdict: 'pass' as const })),
  }));
  return {
    ...packet,
    gates,
    verdict: 'ready',
    summary: { pass: 6, fail: 0, notRun: 0 },
    contract: { ...packet.contract, servedHash: packet.contract.pinnedHash },
  };
};

describe('renderHtml', () => {
  const page = renderHtml(samplePacket());

  it('is self-contained: no scripts, no external resources', () => {
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(page).not.toMatch(/(src|href)="(?!#)/);
    expect(page).toContain("default-src 'none'");
  });

  it('leads with the verdict, target, environment and pinned vs served contract', () => {
    const top = page.slice(0, page.indexOf('id="gates"'));
    expect(top).toContain('NOT READY');
    expect(top).toContain('1 gate failed and 1 gate was not run');
    expect(top).toContain('sandbox.dutyclaims.example');
    expect(top).toContain('4d430a74e95b56a1');
    expect(top).toContain('ae140b8f3b926d06 (DIFFERS from the pin)');
  });

  it('marks a not-run gate as not run and never as passed', () => {
    const section = sectionOf(page, 'webhook-readiness');
    expect(section).toContain('class="gate not_run"');
    expect(section).toContain('NOT RUN');
    expect(section).toContain('Why it was not run');
    expect(section.match(/class="verdict pass/g)).toHaveLength(1); // only its passed check
  });

  it('says when gates were not run because the run was read-only', () => {
    const packet = samplePacket();
    expect(renderHtml({ ...packet, run: { ...packet.run, mode: 'smoke', readOnly: true } })).toContain(
      'This was a read-only run: gates that need a write could not be checked.',
    );
    expect(page).not.toContain('read-only run');
  });

  it('shows a ready packet as READY with no problem markers', () => {
    const ready = renderHtml(allPassing());
    expect(ready).toContain('class="banner ready"');
    expect(ready).toContain('All 6 gates passed');
    expect(ready).not.toContain('DIFFERS');
  });

  it('escapes every packet value', () => {
    const packet = samplePacket();
    const hostile = `</code><script>alert("x")</script><a href="https://evil.example">`;
    const gates = packet.gates.map((gate) => ({ ...gate, reason: hostile, title: hostile }));
    const out = renderHtml({
      ...packet,
      gates,
      target: { ...packet.target, host: hostile },
      owners: { ...packet.owners, rollback: hostile },
      logFields: packet.logFields.map((fields) => ({ ...fields, ids: { [hostile]: hostile } })),
    });
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('href="https://evil.example"');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('says what is missing instead of leaving blanks', () => {
    const packet = samplePacket();
    const out = renderHtml({
      ...packet,
      contract: { ...packet.contract, servedHash: null },
      owners: { ...packet.owners, rollback: null },
      artifacts: [],
    });
    expect(out).toContain('not read from the provider');
    expect(out).toMatch(/Rollback decision owner<\/dt><dd>NOT NAMED/);
    expect(out).toContain('No artifacts were recorded');
    expect(out).toMatch(/Job ID<\/dt><dd>to fill in/);
  });

  it('puts the failed grade check in the verdict banner, even when every gate passed', () => {
    const ready = renderHtml(allPassing());
    const banner = ready.slice(ready.indexOf('<div class="banner'), ready.indexOf('id="summary"'));
    expect(banner).toContain('class="banner ready"');
    expect(banner).toContain('class="grades-summary fail"');
    expect(banner).toContain('Partner integration grades: 1 check failed, 1 not graded, 4 passed (1 report).');
    expect(banner).toContain('href="#grades"');
  });

  it('puts the escalation template and log fields before the gates, and collapses only passed gates', () => {
    expect(page.indexOf('<section id="escalation">')).toBeGreaterThan(page.indexOf('id="verdict"'));
    expect(page.indexOf('<section id="escalation">')).toBeLessThan(page.indexOf('<section id="gates">'));
    expect(page.indexOf('id="log-fields"')).toBeLessThan(page.indexOf('<section id="gates">'));
    expect(sectionOf(page, 'credential-and-header-discipline')).toMatch(
      /^<details class="gate pass"[^>]*data-verdict="pass">/,
    );
    expect(sectionOf(page, 'environment-and-contract-pin')).toMatch(/^<details class="gate fail"[^>]* open>/);
    expect(sectionOf(page, 'webhook-readiness')).toMatch(/^<details class="gate not_run"[^>]* open>/);
  });

  it('is titled by partner org and target, and records the build and command', () => {
    expect(page).toContain('<title>DutyClaims launch packet: NOT READY · porg_');
    expect(page).toMatch(/<title>[^<]* on sandbox \(sandbox\.dutyclaims\.example\)<\/title>/);
    expect(page).toContain('3f9c2a1d8e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a');
    expect(page).toContain('https://ci.partner.example/acme-erp/runs/4412');
    expect(page).toContain('dutyclaims-launch rehearse --target sandbox --junit');
    const mock = renderHtml({
      ...samplePacket(),
      target: { ...samplePacket().target, kind: 'mock', host: '127.0.0.1:39211' },
    });
    expect(mock.slice(0, mock.indexOf('</title>'))).not.toContain('39211');
  });

  it('has a grades section after the gates: one sub-section per report, one row per check', () => {
    const grades = page.slice(page.indexOf('<section id="grades">'), page.indexOf('<section id="handoff">'));
    expect(page.indexOf('<section id="grades">')).toBeGreaterThan(page.indexOf('<section id="gates">'));
    expect(grades).toContain('<section class="grade-report fail" id="grade-1" data-grader="webhook-receiver"');
    expect(grades).toContain('webhook-receiver grade of http://127.0.0.1:8080/webhooks');
    expect(grades).toContain('2026-11-22T09:28:00.000Z → 2026-11-22T09:28:04.000Z (4.0 s)');
    expect(grades.match(/<tr class="(pass|fail|not_graded)" data-check=/g)).toHaveLength(6);
    const notGraded = grades.slice(grades.indexOf('data-check="duplicate-processed-once"'));
    expect(notGraded.slice(0, notGraded.indexOf('</tr>'))).toMatch(/class="verdict not_graded"[^>]*>.*NOT GRADED/);
    expect(notGraded.slice(0, notGraded.indexOf('</tr>'))).not.toMatch(/verdict pass|PASS/);
  });

  it('folds a long evidence list into <details> and shows a short one in full', () => {
    const grades = page.slice(page.indexOf('<section id="grades">'));
    const row = (id: string) => {
      const start = grades.indexOf(`data-check="${id}"`);
      return grades.slice(start, grades.indexOf('</tr>', start));
    };
    const long = row('malformed-signature');
    expect(long).toContain('<details><summary>3 more evidence lines</summary>');
    expect(long.slice(0, long.indexOf('<details>')).match(/<li>/g)).toHaveLength(2);
    expect(long.match(/<li>/g)).toHaveLength(5);
    expect(row('duplicate-processed-once')).not.toContain('<details>');
  });

  it('escapes grade reports like every other value', () => {
    const packet = samplePacket();
    const hostile = '</code></details><script>alert(1)</script>';
    const grades = packet.grades.map((report) => ({
      ...report,
      target: hostile,
      settings: { [hostile]: hostile },
      checks: report.checks.map((check) => ({ ...check, title: hostile, reason: hostile, evidence: [hostile] })),
    }));
    const out = renderHtml({ ...packet, grades });
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;/code&gt;&lt;/details&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('says how to attach grades when there are none and shows no grades line in the banner', () => {
    const out = renderHtml({ ...samplePacket(), grades: [] });
    expect(out).toContain('No grade reports were attached.');
    expect(out).not.toContain('id="grades-summary"');
  });
});
