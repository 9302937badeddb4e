import { findSecrets } from '../packet/secret-scan.js';

/** The rollback plan the support packet carries: the file it came from and its text. */
export interface RollbackPlan {
  readonly file: string;
  readonly text: string;
}

/** What the run found at DUTYCLAIMS_ROLLBACK_PLAN_FILE: the plan, why it could not be read, or nothing. */
export type RollbackPlanReading = RollbackPlan | { readonly file: string; readonly error: string } | null;

/** A plan longer than this is not "short": the on-call reads it in an incident. */
export const MAX_PLAN_CHARS = 8_000;

/** The template a team fills in; each line is one part the checklist asks for. */
export const ROLLBACK_PLAN_TEMPLATE = `# Rollback plan: DutyClaims integration
Pause calls: <how you stop sending requests to DutyClaims, e.g. the feature flag dutyclaims.enabled=false>
Disable the webhook endpoint: <how, e.g. POST /v1/webhooks/endpoints/{endpointId}/disable, and who holds the key>
Read-only mode: <what your product shows and accepts while DutyClaims calls are paused>
Who decides: <the person or rota who decides to roll back, and how to reach them>`;

/** The parts a plan must cover, each with the words that show it does. */
const PARTS: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'pause calls', pattern: /\bpaus(e|ing)\b|\bstop (sending|calling|calls)/i },
  {
    name: 'disable the webhook endpoint',
    pattern: /disabl\w*[^\n]*(endpoint|webhook)|(endpoint|webhook)[^\n]*disabl/i,
  },
  { name: 'read-only mode', pattern: /read[- ]only/i },
  { name: 'who decides', pattern: /\bwho decides\b|\bdecid\w*|\bdecision\b/i },
];

/** The parts of the checklist's rollback plan the text does not cover. */
export const missingPlanParts = (text: string): string[] =>
  PARTS.filter((part) => !part.pattern.test(text)).map((part) => part.name);

/** Problems that make a plan unusable in the packet: too long, or holding a secret (prefix only). */
export function planProblems(plan: RollbackPlan): string[] {
  const problems: string[] = [];
  if (plan.text.trim() === '') problems.push(`${plan.file} is empty.`);
  if (plan.text.length > MAX_PLAN_CHARS)
    problems.push(
      `${plan.file} has ${plan.text.length} characters; keep the plan under ${MAX_PLAN_CHARS} so the on-call can read it in an incident.`,
    );
  const unfilled = plan.text.split('\n').flatMap((line, index) => (/<[^<>\n]{3,}>/.test(line) ? [index + 1] : []));
  if (unfilled.length > 0)
    problems.push(
      `${plan.file} still has the template's <placeholders> on line ${unfilled.join(', ')}: replace them with your own steps.`,
    );
  for (const finding of findSecrets(plan.text))
    problems.push(
      `${plan.file} line ${finding.line} holds ${finding.description} (starting "${finding.prefix}"): name where the secret is kept instead.`,
    );
  return problems;
}
