import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { samplePacket } from '../support/sample-packet.js';

// The JSON Schema the package ships (written by `npm run build` from the packet's zod schema), read
// by an independent validator, as a partner's tooling would.
const schema = JSON.parse(readFileSync(new URL('../../dist/launch-packet.schema.json', import.meta.url), 'utf8'));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

describe('the shipped launch packet JSON Schema', () => {
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

  it('is exported by the package', () => {
    expect(pkg.exports['./launch-packet.schema.json']).toBe('./dist/launch-packet.schema.json');
  });

  it('accepts a written packet', () => {
    const packet = JSON.parse(JSON.stringify(samplePacket()));
    expect(validate(packet), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses a packet with an unknown verdict or without its gates', () => {
    const packet = JSON.parse(JSON.stringify(samplePacket()));
    expect(validate({ ...packet, verdict: 'probably_ready' })).toBe(false);
    const { gates: _gates, ...withoutGates } = packet;
    expect(validate(withoutGates)).toBe(false);
  });
});
