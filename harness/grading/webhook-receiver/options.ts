import { isWebhookSchemeId, type WebhookSchemeId, webhookSchemes } from '../../webhooks/schemes/registry.js';
import type { WebhookScheme } from '../../webhooks/schemes/scheme.js';
import { WebhookGradeConfigError } from './errors.js';

/** What a caller passes to gradeWebhookReceiver. */
export interface WebhookGradeOptions {
  /** The partner's running receiver, e.g. `http://127.0.0.1:8080/webhooks`. */
  readonly url: string;
  /** The signing secret the receiver was configured with. Never printed, only a short prefix. */
  readonly secret: string;
  /** A built-in scheme id or a scheme object (e.g. `createXSignatureScheme({...})`). Default `dutyclaims`. */
  readonly scheme?: WebhookSchemeId | WebhookScheme;
  /** The receiver's timestamp tolerance in seconds. Default 300. */
  readonly toleranceSeconds?: number;
  /** How long a delivery may take to be acknowledged. Default 5000. */
  readonly ackTimeoutMs?: number;
  /** Test-mode hook: a URL answering with the processed event ids (one entry per processing). */
  readonly processedEventsUrl?: string;
  /** Test-mode hook: a shell command printing the processed event ids. */
  readonly processedEventsCommand?: string;
  /**
   * How long to wait for accepted deliveries to show up in the hook. Default 30000: enough for a
   * receiver that acknowledges at once and works through the battery's events in the background at
   * 1.5 s per event (the pattern the launch checklists recommend).
   */
  readonly processingWaitMs?: number;
  /**
   * Once every accepted event is listed, how long the listing must stay unchanged before it is read as
   * final. Longer than one work item of the receiver, so a duplicate processed later is seen. Default 2000.
   */
  readonly processingQuietMs?: number;
  /** Allow receivers that are not on 127.0.0.1/::1/localhost. Default false. */
  readonly allowNonLoopback?: boolean;
  /** Clock in milliseconds, for signed timestamps and report times. Default `Date.now`. */
  readonly now?: () => number;
}

export type ProcessedEventsHook =
  | { readonly kind: 'url'; readonly url: URL }
  | { readonly kind: 'command'; readonly command: string };

/** The options the grader runs with, all defaults applied. */
export interface ResolvedWebhookGradeOptions {
  readonly url: URL;
  readonly secret: string;
  readonly scheme: WebhookScheme;
  readonly toleranceSeconds: number;
  readonly ackTimeoutMs: number;
  readonly processedEvents: ProcessedEventsHook | null;
  readonly processingWaitMs: number;
  readonly processingQuietMs: number;
  readonly allowNonLoopback: boolean;
  readonly now: () => number;
}

/** Every default of gradeWebhookReceiver, in one place. */
export const DEFAULT_WEBHOOK_GRADE_OPTIONS = {
  scheme: 'dutyclaims',
  toleranceSeconds: 300,
  ackTimeoutMs: 5000,
  processingWaitMs: 30_000,
  processingQuietMs: 2000,
  allowNonLoopback: false,
  now: Date.now,
} as const satisfies Partial<WebhookGradeOptions>;

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);
const isLoopback = (url: URL) => LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname);

function parseHttpUrl(value: string, field: 'url' | 'processedEvents', allowNonLoopback: boolean): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new WebhookGradeConfigError(field, `"${value}" is not a URL. Give one like http://127.0.0.1:8080/webhooks.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new WebhookGradeConfigError(field, `${value} is not http(s). Give an http:// or https:// URL.`);
  if (!allowNonLoopback && !isLoopback(url))
    throw new WebhookGradeConfigError(
      field,
      `${url.host} is not a loopback address. Run the receiver on 127.0.0.1 or ::1, or set allowNonLoopback (--allow-non-loopback) to grade a remote receiver.`,
    );
  return url;
}

function positiveInteger(
  value: number,
  field: 'toleranceSeconds' | 'ackTimeoutMs' | 'processingWaitMs' | 'processingQuietMs',
  min: number,
) {
  if (!Number.isSafeInteger(value) || value < min)
    throw new WebhookGradeConfigError(field, `${field} must be a whole number >= ${min}; got ${value}.`);
  return value;
}

function resolveScheme(scheme: WebhookSchemeId | WebhookScheme | string): WebhookScheme {
  if (typeof scheme !== 'string') return scheme;
  if (isWebhookSchemeId(scheme)) return webhookSchemes[scheme];
  throw new WebhookGradeConfigError(
    'scheme',
    `Unknown scheme "${scheme}". Use one of: ${Object.keys(webhookSchemes).join(', ')}.`,
  );
}

/** Applies defaults and checks every setting; throws WebhookGradeConfigError saying what to fix. */
export function resolveWebhookGradeOptions(options: WebhookGradeOptions): ResolvedWebhookGradeOptions {
  const allowNonLoopback = options.allowNonLoopback ?? DEFAULT_WEBHOOK_GRADE_OPTIONS.allowNonLoopback;
  const url = parseHttpUrl(options.url, 'url', allowNonLoopback);
  const scheme = resolveScheme(options.scheme ?? DEFAULT_WEBHOOK_GRADE_OPTIONS.scheme);
  if (!options.secret || options.secret.trim() !== options.secret)
    throw new WebhookGradeConfigError(
      'secret',
      'Give the signing secret the receiver uses (no surrounding spaces), e.g. in DUTYCLAIMS_WEBHOOK_SECRET.',
    );
  try {
    scheme.sign({ secrets: options.secret, eventId: 'evt_check', timestamp: 0, rawBody: '{}' });
  } catch (error) {
    throw new WebhookGradeConfigError(
      'secret',
      `The secret cannot sign with the ${scheme.id} scheme: ${(error as Error).message}`,
    );
  }
  if (options.processedEventsUrl !== undefined && options.processedEventsCommand !== undefined)
    throw new WebhookGradeConfigError('processedEvents', 'Give either a processed-events URL or a command, not both.');
  let processedEvents: ProcessedEventsHook | null = null;
  if (options.processedEventsUrl !== undefined)
    processedEvents = {
      kind: 'url',
      url: parseHttpUrl(options.processedEventsUrl, 'processedEvents', allowNonLoopback),
    };
  else if (options.processedEventsCommand !== undefined) {
    if (options.processedEventsCommand.trim() === '')
      throw new WebhookGradeConfigError('processedEvents', 'The processed-events command is empty.');
    processedEvents = { kind: 'command', command: options.processedEventsCommand };
  }
  return {
    url,
    secret: options.secret,
    scheme,
    toleranceSeconds: positiveInteger(
      options.toleranceSeconds ?? DEFAULT_WEBHOOK_GRADE_OPTIONS.toleranceSeconds,
      'toleranceSeconds',
      1,
    ),
    ackTimeoutMs: positiveInteger(
      options.ackTimeoutMs ?? DEFAULT_WEBHOOK_GRADE_OPTIONS.ackTimeoutMs,
      'ackTimeoutMs',
      1,
    ),
    processedEvents,
    processingWaitMs: positiveInteger(
      options.processingWaitMs ?? DEFAULT_WEBHOOK_GRADE_OPTIONS.processingWaitMs,
      'processingWaitMs',
      0,
    ),
    processingQuietMs: positiveInteger(
      options.processingQuietMs ?? DEFAULT_WEBHOOK_GRADE_OPTIONS.processingQuietMs,
      'processingQuietMs',
      0,
    ),
    allowNonLoopback,
    now: options.now ?? DEFAULT_WEBHOOK_GRADE_OPTIONS.now,
  };
}
