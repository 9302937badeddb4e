// Writes the launch packet's JSON Schema next to the build (dist/launch-packet.schema.json), from the
// same zod schema the writer validates with, so what partners validate against cannot drift.
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { LaunchPacket, PACKET_SCHEMA_VERSION } from '../dist/harness/packet/schema.js';

const schema = {
  ...z.toJSONSchema(LaunchPacket, { io: 'output', unrepresentable: 'any' }),
  title: `DutyClaims launch packet, schema version ${PACKET_SCHEMA_VERSION}`,
};
writeFileSync(new URL('../dist/launch-packet.schema.json', import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
