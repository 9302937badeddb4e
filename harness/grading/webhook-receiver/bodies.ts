import canonicalize from 'canonicalize';

/** Ids the battery's event bodies share within one run. */
export interface BodyContext {
  readonly partnerOrgId: string;
  readonly endpointId: string;
}

/**
 * A `sandbox.test` event body as DutyClaims sends it: compact JSON, ASCII only, so that its raw bytes
 * equal `JSON.stringify(JSON.parse(raw))` and a receiver's parser cannot disagree about them.
 */
export function eventBody(context: BodyContext, eventId: string, createdAt: string, message: string): string {
  return JSON.stringify({
    id: eventId,
    type: 'sandbox.test',
    createdAt,
    partnerOrgId: context.partnerOrgId,
    data: { endpointId: context.endpointId, message },
  });
}

/** A JSON value with numbers kept as written, so `1.0` survives where a language keeps it. */
type Json =
  | { readonly str: string }
  | { readonly num: string }
  | { readonly obj: readonly (readonly [string, Json])[] };

interface Style {
  readonly item: string;
  readonly key: string;
  readonly asciiOnly: boolean;
  readonly padBraces: boolean;
}

const escapeNonAscii = (text: string) =>
  text.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

function write(value: Json, style: Style): string {
  if ('str' in value) return style.asciiOnly ? escapeNonAscii(JSON.stringify(value.str)) : JSON.stringify(value.str);
  if ('num' in value) return value.num;
  const members = value.obj.map(
    ([name, member]) => `${write({ str: name }, style)}${style.key}${write(member, style)}`,
  );
  const inner = members.join(style.item);
  return style.padBraces ? `{ ${inner} }` : `{${inner}}`;
}

/** One way a receiver might re-serialise a parsed body before verifying it. */
export interface Reserialization {
  readonly label: string;
  readonly text: string;
}

/** A raw body whose bytes differ from every common re-serialisation, and those re-serialisations. */
export interface ReserializationCase {
  readonly rawBody: string;
  readonly variants: readonly Reserialization[];
}

/**
 * Builds a body with spacing, out-of-order keys, `\u00e9`-style escapes and `1.0`, plus the bytes
 * that JavaScript, Python (default and compact) and key-sorting (RFC 8785, Go maps) serialisers
 * produce from it. A receiver that verifies any of those instead of the raw bytes accepts one of them.
 */
export function reserializationCase(context: BodyContext, eventId: string, createdAt: string): ReserializationCase {
  const body: Json = {
    obj: [
      ['type', { str: 'sandbox.test' }],
      ['id', { str: eventId }],
      ['createdAt', { str: createdAt }],
      ['partnerOrgId', { str: context.partnerOrgId }],
      [
        'data',
        {
          obj: [
            ['message', { str: 'Caf\u00e9 \u2603: raw bytes are what is signed' }],
            ['amount', { num: '1.0' }],
            ['endpointId', { str: context.endpointId }],
          ],
        },
      ],
    ],
  };
  const rawBody = write(body, { item: ',  ', key: ' : ', asciiOnly: true, padBraces: true });
  const parsed: unknown = JSON.parse(rawBody);
  return {
    rawBody,
    variants: [
      { label: 'JavaScript JSON.stringify(JSON.parse(raw))', text: JSON.stringify(parsed) },
      {
        label: 'Python json.dumps(json.loads(raw))',
        text: write(body, { item: ', ', key: ': ', asciiOnly: true, padBraces: false }),
      },
      {
        label: "Python json.dumps(..., separators=(',', ':'), ensure_ascii=False)",
        text: write(body, { item: ',', key: ':', asciiOnly: false, padBraces: false }),
      },
      { label: 'sorted keys (RFC 8785 canonical JSON, Go map[string]any)', text: canonicalize(parsed) ?? '' },
    ],
  };
}
