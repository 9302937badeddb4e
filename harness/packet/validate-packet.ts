import { type PacketIssue, PacketValidationError } from './errors.js';
import { evidenceScope } from './evidence-scope.js';
import { LaunchPacket } from './schema.js';
import { summarizeGates } from './verdict.js';

/** A zod issue path as people write it: `gates[3].checks[0].verdict`. */
export const issuePath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );

/** The rules the schema cannot express: the verdict and counts must agree with the gates. */
function consistencyIssues(packet: LaunchPacket): PacketIssue[] {
  const issues: PacketIssue[] = [];
  const derived = summarizeGates(packet.gates);
  if (packet.verdict !== derived.verdict)
    issues.push({
      path: 'verdict',
      message: `is "${packet.verdict}" but the gates imply "${derived.verdict}" (ready only when every checklist gate passed).`,
    });
  for (const key of ['pass', 'fail', 'notRun'] as const)
    if (packet.summary[key] !== derived.summary[key])
      issues.push({
        path: `summary.${key}`,
        message: `is ${packet.summary[key]} but the gates have ${derived.summary[key]}.`,
      });
  issues.push(...evidenceIssues(packet));
  const seen = new Set<string>();
  packet.gates.forEach((gate, index) => {
    if (seen.has(gate.id)) issues.push({ path: `gates[${index}].id`, message: `repeats gate "${gate.id}".` });
    seen.add(gate.id);
    // Nothing unchecked is ever a pass: a passing gate has checks, and every one of them passed.
    if (gate.verdict === 'pass' && gate.checks.length === 0)
      issues.push({ path: `gates[${index}].verdict`, message: 'is "pass" but the gate has no checks behind it.' });
    if (gate.verdict === 'pass' && gate.checks.some((check) => check.verdict !== 'pass'))
      issues.push({ path: `gates[${index}].verdict`, message: 'is "pass" but not every one of its checks passed.' });
  });
  return issues;
}

/** A packet may never claim more than its run can prove: the evidence scope must follow from the run. */
function evidenceIssues(packet: LaunchPacket): PacketIssue[] {
  const issues: PacketIssue[] = [];
  const derived = evidenceScope(packet);
  const { evidence } = packet;
  if (evidence.source !== derived.source)
    issues.push({
      path: 'evidence.source',
      message: `is "${evidence.source}" but a ${packet.target.kind} target means "${derived.source}".`,
    });
  if (evidence.supportsLiveTraffic && !derived.supportsLiveTraffic)
    issues.push({
      path: 'evidence.supportsLiveTraffic',
      message: 'is true but the run is not READY on a live target with everything live traffic needs proven.',
    });
  for (const item of derived.unproven)
    if (!evidence.unproven.some((listed) => listed.id === item.id))
      issues.push({ path: 'evidence.unproven', message: `must list "${item.id}": ${item.reason}` });
  if (packet.contract.pinOrigin === 'shipped_contract' && packet.target.kind !== 'mock')
    issues.push({
      path: 'contract.pinOrigin',
      message: `is "shipped_contract" on the ${packet.target.kind} target: only the mock target may pin to the contract shipped with the harness.`,
    });
  return issues;
}

/**
 * The zod schema's safeParse of a whole packet, without compiling its fast paths: a process parses a
 * packet once or twice, and compiling a fast path for each of the packet's object schemas took longer
 * than the parse it sped up (first parse ~25 ms with them, ~10 ms without; issue 16: `rehearse` wall).
 */
export const safeParsePacket = (input: unknown) => LaunchPacket.safeParse(input, { jitless: true });

/** Parses a packet with the zod schema and checks that its verdict agrees with its gates; throws PacketValidationError. */
export function validateLaunchPacket(input: unknown): LaunchPacket {
  const parsed = safeParsePacket(input);
  if (!parsed.success)
    throw new PacketValidationError(
      parsed.error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message })),
    );
  const issues = consistencyIssues(parsed.data);
  if (issues.length > 0) throw new PacketValidationError(issues);
  return parsed.data;
}
