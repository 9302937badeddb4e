/** What kind of secret a finding is. */
export type SecretKind = 'known_secret' | 'api_key' | 'oauth_access_token' | 'oauth_client_secret' | 'webhook_secret';

/** One secret found in a text. Holds only a short prefix of the match, never the match itself. */
export interface SecretFinding {
  readonly kind: SecretKind;
  /** For people: "a DutyClaims API key". */
  readonly description: string;
  /** At most 12 characters of the match, then "…"; safe to log. */
  readonly prefix: string;
  /** 1-based line of the match. */
  readonly line: number;
  readonly length: number;
}

/** The longest credential prefix a packet may show (e.g. `dc_live_abcd`, `whsec_AbCdEf`). */
export const MAX_DISPLAY_PREFIX_LENGTH = 12;

/**
 * Credential shapes of DutyClaims. A full API key is `dc_test_`/`dc_live_` + 32 base32 characters, an OAuth
 * client secret `dc_cs_` + 40, and a signing secret is `whsec_` + 32+ base64 characters. Anything longer than the display prefix
 * (MAX_DISPLAY_PREFIX_LENGTH characters in all) is flagged, so half a key is caught as well as a whole one.
 */
const PATTERNS: readonly { kind: SecretKind; description: string; regex: RegExp }[] = [
  { kind: 'api_key', description: 'a DutyClaims API key', regex: /dc_(?:test|live)_[A-Za-z0-9]{5,}/g },
  { kind: 'oauth_access_token', description: 'a DutyClaims OAuth access token', regex: /dc_oat_[A-Za-z0-9_-]{6,}/g },
  { kind: 'oauth_client_secret', description: 'a DutyClaims OAuth client secret', regex: /dc_cs_[A-Za-z0-9_-]{7,}/g },
  { kind: 'webhook_secret', description: 'a webhook signing secret', regex: /whsec_[A-Za-z0-9+/]{7,}={0,2}/g },
];

/** Shows enough of a match for a person to recognise it, never enough to use it. */
export const redactedPrefix = (match: string): string =>
  `${match.slice(0, Math.min(MAX_DISPLAY_PREFIX_LENGTH, Math.floor(match.length / 3)))}…`;

const lineAt = (text: string, index: number): number => {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
};

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Undoes Markdown backslash escapes and HTML/XML entities so an escaped secret cannot slip through. */
const unescapeForScan = (text: string): string =>
  text.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });

function* matchesIn(text: string, knownSecrets: readonly string[]) {
  for (const secret of knownSecrets) {
    if (secret.length === 0) continue;
    for (let index = text.indexOf(secret); index !== -1; index = text.indexOf(secret, index + 1))
      yield { kind: 'known_secret' as const, description: 'a known secret', index, match: secret };
  }
  for (const { kind, description, regex } of PATTERNS)
    for (const found of text.matchAll(new RegExp(regex.source, regex.flags)))
      yield { kind, description, index: found.index, match: found[0] };
}

/**
 * Finds secrets in a rendered text: every occurrence of a known secret, plus anything shaped like a
 * DutyClaims credential that is longer than a display prefix. Short prefixes such as `dc_test_abcd…`
 * or `whsec_AbCd` are allowed.
 * @example findSecrets(markdown, [apiKey, webhookSecret]).length === 0
 */
export function findSecrets(text: string, knownSecrets: readonly string[] = []): SecretFinding[] {
  const findings = new Map<string, SecretFinding>();
  const views = [text, unescapeForScan(text)];
  for (const view of views) {
    for (const { kind, description, index, match } of matchesIn(view, knownSecrets)) {
      const line = lineAt(view, index);
      const prefix = redactedPrefix(match);
      const key = `${line}:${prefix}`;
      if (!findings.has(key)) findings.set(key, { kind, description, prefix, line, length: match.length });
    }
  }
  return [...findings.values()].sort((a, b) => a.line - b.line);
}

/**
 * Replaces every known secret and every credential-shaped match in `text` with its display prefix,
 * for output that is not a packet file (the terminal summary), so it can always be shown.
 * @example redactSecrets(`bad key ${apiKey}`, [apiKey]) // "bad key dc_test_7k2…"
 */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) if (secret.length > 0) out = out.split(secret).join(redactedPrefix(secret));
  for (const { regex } of PATTERNS) out = out.replace(new RegExp(regex.source, regex.flags), redactedPrefix);
  return out;
}
