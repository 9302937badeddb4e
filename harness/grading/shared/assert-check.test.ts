import { describe, expect, it, vi } from 'vitest';
import { assertGradeCheck, isGradeCheckFailedError } from './assert-check.js';
import type { GradeCheck } from './report.js';

const check = (verdict: GradeCheck['verdict']): GradeCheck => ({
  id: 'duplicate-processed-once',
  title: 'A duplicate is processed once',
  verdict,
  reason: 'processed 2 times',
  evidence: ['POST twice'],
});

describe('assertGradeCheck', () => {
  it('returns quietly on pass', () => {
    const skip = vi.fn();
    expect(() => assertGradeCheck(check('pass'), skip)).not.toThrow();
    expect(skip).not.toHaveBeenCalled();
  });

  it('fails a pass that carries no evidence instead of passing it', () => {
    const skip = vi.fn();
    let thrown: unknown;
    try {
      assertGradeCheck({ ...check('pass'), evidence: [] }, skip);
    } catch (error) {
      thrown = error;
    }
    expect(isGradeCheckFailedError(thrown)).toBe(true);
    expect(String((thrown as Error).message)).toMatch(/^duplicate-processed-once: reported pass with no evidence/);
    expect(skip).not.toHaveBeenCalled();
  });

  it('skips with the reason when not graded, so it is never reported as a pass', () => {
    const skip = vi.fn();
    assertGradeCheck(check('not_graded'), skip);
    expect(skip).toHaveBeenCalledWith('not graded: processed 2 times');
  });

  it('throws a typed error with reason and evidence on fail', () => {
    try {
      assertGradeCheck(check('fail'), vi.fn());
      expect.unreachable();
    } catch (error) {
      expect(isGradeCheckFailedError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'GRADE_CHECK_FAILED', checkId: 'duplicate-processed-once' });
      expect(String((error as Error).message)).toContain('- POST twice');
    }
  });
});
