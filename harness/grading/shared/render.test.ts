import { describe, expect, it } from 'vitest';
import { renderGradeReport } from './render.js';
import type { GradeReport } from './report.js';

const report: GradeReport = {
  grader: 'webhook-receiver',
  target: 'http://127.0.0.1:8080/',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  settings: { scheme: 'dutyclaims', toleranceSeconds: '300' },
  checks: [
    { id: 'valid-delivery', title: 'Valid', verdict: 'pass', reason: 'acknowledged 200 in 3 ms', evidence: ['POST x'] },
    { id: 'tampered-body', title: 'Tampered', verdict: 'fail', reason: 'acknowledged 200', evidence: ['POST y'] },
    { id: 'rotation', title: 'Rotation', verdict: 'not_graded', reason: 'one signature only', evidence: [] },
  ],
};

describe('renderGradeReport', () => {
  it('prints one aligned row per check and a summary', () => {
    const text = renderGradeReport(report);
    const lines = text.split('\n');
    expect(lines[0]).toBe('webhook-receiver grade of http://127.0.0.1:8080/');
    expect(lines).toContain('PASS        valid-delivery  acknowledged 200 in 3 ms');
    expect(lines).toContain('FAIL        tampered-body   acknowledged 200');
    expect(lines).toContain('NOT GRADED  rotation        one signature only');
    expect(text).toContain('3 checks: 1 pass, 1 fail, 1 not graded');
    expect(text).not.toContain('POST x');
  });

  it('lists the evidence under each check when asked', () => {
    const text = renderGradeReport(report, { evidence: true });
    expect(text).toMatch(/valid-delivery.*\n\s+- POST x\n/);
  });
});
