// The shape check of ReferenceMockOptions, without zod: importing ./reference-mock must not evaluate zod
// (the import stays under 60 ms). It speaks zod's words (en locale), issue for issue, so errors read as they
// did when a zod schema checked the options; options-check.test.ts compares both on generated input.
import { ROUTE_NAMES } from '../contract/route-names.js';

/** One problem: where (`timeline.decidedAfterMs`, `(options)` for the whole object) and why. */
export interface OptionsIssue {
  readonly field: string;
  readonly reason: string;
}

type Path = readonly (string | number)[];
type Check = (value: unknown, path: Path, issues: OptionsIssue[]) => void;

const push = (issues: OptionsIssue[], path: Path, reason: string) =>
  issues.push({ field: path.join('.') || '(options)', reason });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// zod looks type names up in an object literal, so a constructor named like an Object member ("constructor")
// reads as that member; the lookup below keeps the same quirk, so messages match zod's even then.
const TYPE_NAMES: Record<string, unknown> = { nan: 'NaN' };

/** The name zod gives the type of a value it did not expect. */
function received(value: unknown): string {
  if (typeof value === 'number' && !Number.isNaN(value) && !Number.isFinite(value)) return String(value);
  return `${TYPE_NAMES[parsedType(value)] ?? parsedType(value)}`;
}

function parsedType(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : 'number';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') {
    const maker = Object.getPrototypeOf(value) !== Object.prototype && 'constructor' in value && value.constructor;
    if (maker) return (maker as { name: string }).name;
  }
  return typeof value;
}

const wrongType = (expected: string, value: unknown) =>
  `Invalid input: expected ${expected}, received ${received(value)}`;
const quoted = (values: readonly string[]) => values.map((value) => `"${value}"`).join('|');

/** A whole number in the safe range, `>= min` (or `> 0` with `positive`) and `<= max`. */
function int(bounds: { readonly min?: number; readonly positive?: true; readonly max?: number }): Check {
  return (value, path, issues) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return push(issues, path, wrongType('number', value));
    if (!Number.isInteger(value)) return push(issues, path, wrongType('int', value));
    if (value > Number.MAX_SAFE_INTEGER) push(issues, path, `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}`);
    if (value < Number.MIN_SAFE_INTEGER)
      push(issues, path, `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`);
    if (bounds.positive && !(value > 0)) push(issues, path, 'Too small: expected number to be >0');
    if (bounds.min !== undefined && !(value >= bounds.min))
      push(issues, path, `Too small: expected number to be >=${bounds.min}`);
    if (bounds.max !== undefined && !(value <= bounds.max))
      push(issues, path, `Too big: expected number to be <=${bounds.max}`);
  };
}

/** A string, non-empty with `nonEmpty`, matching `pattern` (else `patternMessage`). */
function str(rules: { readonly nonEmpty?: true; readonly pattern?: RegExp; readonly patternMessage?: string }): Check {
  return (value, path, issues) => {
    const isString = typeof value === 'string';
    if (!isString) push(issues, path, wrongType('string', value));
    // zod runs its length check on anything with a `length`, a string or not.
    const length = value === null || value === undefined ? undefined : (value as { length?: unknown }).length;
    if (rules.nonEmpty && length !== undefined && !((length as number) >= 1))
      push(
        issues,
        path,
        Array.isArray(value)
          ? 'Too small: expected array to have >=1 items'
          : isString
            ? 'Too small: expected string to have >=1 characters'
            : 'Too small: expected unknown to be >=1',
      );
    if (isString && rules.pattern && !rules.pattern.test(value))
      push(issues, path, rules.patternMessage ?? 'Invalid input');
  };
}

const bool: Check = (value, path, issues) => {
  if (typeof value !== 'boolean') push(issues, path, wrongType('boolean', value));
};

function oneOf(values: readonly string[]): Check {
  return (value, path, issues) => {
    if (!values.includes(value as string)) push(issues, path, `Invalid option: expected one of ${quoted(values)}`);
  };
}

function array(item: Check): Check {
  return (value, path, issues) => {
    if (!Array.isArray(value)) return push(issues, path, wrongType('array', value));
    for (const [index, element] of value.entries()) item(element, [...path, index], issues);
  };
}

/** An object whose listed fields are each optional (`undefined` counts as absent); other keys are ignored. */
function object(shape: Readonly<Record<string, Check>>): Check {
  return (value, path, issues) => {
    if (!isObject(value)) return push(issues, path, wrongType('object', value));
    for (const [key, check] of Object.entries(shape))
      if (value[key] !== undefined) check(value[key], [...path, key], issues);
  };
}

/** A plain object whose own keys are route names, each with a list of non-empty strings. */
const dropBodyFields: Check = (value, path, issues) => {
  if (!isObject(value) || !isPlainPrototype(value)) return push(issues, path, wrongType('record', value));
  const unknown: string[] = [];
  for (const key of Object.keys(value)) {
    if (key === '__proto__') continue;
    if ((ROUTE_NAMES as readonly string[]).includes(key))
      array(str({ nonEmpty: true }))(value[key], [...path, key], issues);
    else unknown.push(key);
  }
  if (unknown.length > 0)
    push(
      issues,
      path,
      `Unrecognized key${unknown.length > 1 ? 's' : ''}: ${unknown.map((key) => `"${key}"`).join(', ')}`,
    );
};

/** zod's test for a record: an object whose constructor, if any, is Object's (or not a function at all). */
function isPlainPrototype(value: object): boolean {
  const maker = (value as { constructor?: unknown }).constructor;
  if (typeof maker !== 'function') return true;
  const prototype: unknown = maker.prototype;
  return isObject(prototype) && Object.hasOwn(prototype, 'isPrototypeOf');
}

const nonNegativeInt = int({ min: 0 });
const positiveInt = (max?: number) => int(max === undefined ? { positive: true } : { positive: true, max });

const AUTHORITY_MODES = ['immediate', 'after', 'never'] as const;
const authority: Check = (value, path, issues) => {
  if (!isObject(value)) return push(issues, path, wrongType('object', value));
  if (!(AUTHORITY_MODES as readonly unknown[]).includes(value.mode))
    return push(
      issues,
      [...path, 'mode'],
      `Invalid discriminator value. Expected ${AUTHORITY_MODES.map((mode) => `'${mode}'`).join(' | ')}`,
    );
  if (value.mode === 'after') nonNegativeInt(value.afterMs, [...path, 'afterMs'], issues);
};

const optionsShape = object({
  host: str({ nonEmpty: true }),
  allowNonLoopbackHost: bool,
  port: int({ min: 0, max: 65_535 }),
  controlToken: str({ pattern: /^[\x21-\x7e]{16,256}$/, patternMessage: 'must be 16-256 visible ASCII characters' }),
  allowUnauthenticatedControl: bool,
  seed: str({ nonEmpty: true }),
  environment: oneOf(['sandbox', 'production']),
  clock: (value, path, issues) => {
    if (typeof value !== 'function') push(issues, path, 'must be a function returning epoch ms');
  },
  timers: oneOf(['real', 'manual']),
  timeline: object({
    validatingAfterMs: nonNegativeInt,
    submittedAfterMs: nonNegativeInt,
    decidedAfterMs: nonNegativeInt,
  }),
  authority,
  claimOutcome: oneOf(['accepted', 'rejected']),
  rateLimit: object({ limit: positiveInt(), windowMs: positiveInt() }),
  webhookDelivery: object({
    timeoutMs: positiveInt(),
    retryBaseMs: nonNegativeInt,
    maxAttempts: positiveInt(20),
    allowNonLoopback: bool,
    signingClock: oneOf(['mock', 'real']),
  }),
  maxBodyBytes: positiveInt(),
  contractHash: str({ pattern: /^[0-9a-f]{16}$/, patternMessage: 'must be 16 lowercase hex characters' }),
  deviations: object({ dropResponseHeaders: array(str({ nonEmpty: true })), dropBodyFields }),
  journalCapacity: positiveInt(1_000_000),
  connections: object({
    headersTimeoutMs: positiveInt(600_000),
    requestTimeoutMs: positiveInt(3_600_000),
    idleTimeoutMs: positiveInt(3_600_000),
    keepAliveTimeoutMs: positiveInt(600_000),
    maxConnections: positiveInt(100_000),
  }),
  retention: object({
    maxAgeMs: positiveInt(),
    maxClients: positiveInt(1_000_000),
    maxClaims: positiveInt(1_000_000),
    maxEndpoints: positiveInt(100_000),
    maxDeliveries: positiveInt(1_000_000),
    maxAccessTokens: positiveInt(1_000_000),
    maxIdempotencyKeys: positiveInt(1_000_000),
    maxTenants: positiveInt(100_000),
  }),
});

/** Every shape problem of caller options (types, ranges, formats), in field order; empty when they are fine. */
export function checkOptionsShape(options: unknown): OptionsIssue[] {
  const issues: OptionsIssue[] = [];
  optionsShape(options, [], issues);
  return issues;
}
