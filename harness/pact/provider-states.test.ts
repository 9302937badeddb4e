import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONSUMER_INTERACTIONS } from './interactions.js';
import { PROVIDER_STATE_DOCS, type ProviderStateName, ProviderStates } from './provider-states.js';

const cell = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim().replace(/^`|`$/g, ''))
    .filter((item) => item !== '');

describe('provider states', () => {
  it('are each used by an interaction, and interactions use no other state', () => {
    const used = new Set(CONSUMER_INTERACTIONS.flatMap((interaction) => interaction.states.map((state) => state.name)));
    expect([...used].sort()).toEqual(Object.values(ProviderStates).sort());
  });

  it('are documented in docs/pact.md exactly as PROVIDER_STATE_DOCS says', async () => {
    const doc = await readFile(new URL('../../docs/pact.md', import.meta.url), 'utf8');
    const rows = new Map<string, { params: string[]; injects: string[]; setup: string }>();
    for (const line of doc.split('\n')) {
      const match = /^\|\s*([^|`]+?)\s*\|\s*([^|]*?)\s*\|\s*([^|]*?)\s*\|\s*(.+?)\s*\|$/.exec(line);
      if (match?.[1] && Object.hasOwn(PROVIDER_STATE_DOCS, match[1]))
        rows.set(match[1], { params: cell(match[2] ?? ''), injects: cell(match[3] ?? ''), setup: match[4] ?? '' });
    }
    for (const [name, spec] of Object.entries(PROVIDER_STATE_DOCS) as [
      ProviderStateName,
      (typeof PROVIDER_STATE_DOCS)[ProviderStateName],
    ][])
      expect(rows.get(name), name).toEqual({ params: [...spec.params], injects: [...spec.injects], setup: spec.setup });
  });
});
