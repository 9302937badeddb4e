import { describe, expect, it } from 'vitest';
import { missingPlanParts, planProblems, ROLLBACK_PLAN_TEMPLATE } from './rollback-plan.js';

const FILLED = [
  'Pause calls: flip dutyclaims.enabled to false.',
  'Disable the webhook endpoint we_123 from the admin console.',
  'Read-only mode: the portal shows claims but takes no new ones.',
  'Who decides: the on-call lead.',
].join('\n');

describe('rollback plan', () => {
  it('names each part of the checklist a plan leaves out', () => {
    expect(missingPlanParts(FILLED)).toEqual([]);
    expect(missingPlanParts('Call Sam if it breaks.')).toEqual([
      'pause calls',
      'disable the webhook endpoint',
      'read-only mode',
      'who decides',
    ]);
  });

  it('refuses the template as given, an empty plan, and a plan holding a secret (by prefix only)', () => {
    expect(planProblems({ file: 'plan.md', text: FILLED })).toEqual([]);
    expect(planProblems({ file: 'plan.md', text: ROLLBACK_PLAN_TEMPLATE })).toEqual([
      "plan.md still has the template's <placeholders> on line 2, 3, 4, 5: replace them with your own steps.",
    ]);
    expect(planProblems({ file: 'plan.md', text: '  ' })[0]).toBe('plan.md is empty.');
    const key = `dc_live_${'a1b2c3d4'.repeat(4)}`;
    const [leak] = planProblems({ file: 'plan.md', text: `${FILLED}\nUse key ${key}` });
    expect(leak).toMatch(/^plan\.md line 5 holds .*starting "dc_live_/);
    expect(leak).not.toContain(key);
  });
});
