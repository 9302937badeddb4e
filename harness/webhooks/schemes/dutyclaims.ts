import { Headers } from '../../contract/headers.js';
import { signDutyClaims, verifyDutyClaims } from '../dutyclaims.js';
import { headerValue, type WebhookScheme, withHeader } from './scheme.js';

/**
 * The DutyClaims scheme: `DutyClaims-Signature: t=<unix>,v1=<hex>[,v1=...]` plus
 * `DutyClaims-Event-Id` and `DutyClaims-Delivery-Id`. Wraps signDutyClaims/verifyDutyClaims.
 */
export const dutyClaimsScheme: WebhookScheme = {
  id: 'dutyclaims',
  title: 'DutyClaims (DutyClaims-Signature t=,v1=)',
  signatureHeader: Headers.signature,
  eventIdHeader: Headers.eventId,
  multipleSignatures: true,
  sign({ secrets, eventId, timestamp, rawBody, deliveryId }) {
    const headers: Record<string, string> = {
      [Headers.signature]: signDutyClaims({ secrets, timestamp, rawBody }),
      [Headers.eventId]: eventId,
    };
    if (deliveryId !== undefined) headers[Headers.deliveryId] = deliveryId;
    return headers;
  },
  verify({ headers, rawBody, secrets, toleranceSeconds, now }) {
    const verified = verifyDutyClaims({
      header: headerValue(headers, Headers.signature),
      rawBody,
      secrets,
      ...(toleranceSeconds === undefined ? {} : { toleranceSeconds }),
      ...(now === undefined ? {} : { now }),
    });
    return { ...verified, eventId: headerValue(headers, Headers.eventId) ?? null };
  },
  malformed(validHeaders) {
    const valid = headerValue(validHeaders, Headers.signature) ?? '';
    const timestamp = /t=(\d+)/.exec(valid)?.[1] ?? '0';
    const firstSignature = /v1=([0-9a-f]+)/.exec(valid)?.[1] ?? '';
    const variant = (label: string, value: string) => ({
      label,
      headers: withHeader(validHeaders, Headers.signature, value),
    });
    return [
      variant('not key=value', 'garbage'),
      variant('no v1= signature', `t=${timestamp}`),
      variant('no t= timestamp', `v1=${firstSignature}`),
      variant('t= not a number', `t=soon,v1=${firstSignature}`),
    ];
  },
};
