import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeContractHash } from '../contract/hash.js';
import { CONTRACT_PIN } from '../contract/pin.js';
import { isHarnessConfigError } from './errors.js';
import { loadHarnessConfig, MOCK_OWNER_DEFAULT } from './load-config.js';

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadHarnessConfig(env);
  } catch (error) {
    if (isHarnessConfigError(error)) return error.problems;
    throw error;
  }
  return [];
};

describe('loadHarnessConfig', () => {
  it('defaults to a rehearsal on the embedded mock pinned to the shipped contract', () => {
    const config = loadHarnessConfig({});
    expect(config).toMatchObject({
      target: 'mock',
      mode: 'rehearsal',
      readOnly: false,
      baseUrl: null,
      credential: null,
    });
    expect(config.pin).toMatchObject({ hash: CONTRACT_PIN.hash, origin: 'shipped_contract' });
    expect(config.owners.cutover).toBe(MOCK_OWNER_DEFAULT);
    expect(config.defaultedOwners).toHaveLength(4);
  });

  it('lists every missing setting of a sandbox run at once', () => {
    const problems = problemsOf({ DUTYCLAIMS_TARGET: 'sandbox' });
    expect(problems.join('\n')).toMatch(/DUTYCLAIMS_BASE_URL/);
    expect(problems.join('\n')).toMatch(/DUTYCLAIMS_PARTNER_ORG_ID/);
    expect(problems.join('\n')).toMatch(/DUTYCLAIMS_API_KEY/);
    expect(problems.join('\n')).toMatch(/DUTYCLAIMS_WEBHOOK_PUBLIC_URL/);
    expect(problems.join('\n')).toMatch(/DUTYCLAIMS_OPENAPI_FILE .*DUTYCLAIMS_PACT_DIR .*DUTYCLAIMS_CONTRACT_HASH/);
    expect(problems).toHaveLength(5);
  });

  it('refuses inconsistent settings and says which', () => {
    expect(problemsOf({ DUTYCLAIMS_API_KEY: 'dc_test_x', DUTYCLAIMS_OAUTH_CLIENT_ID: 'id' }).join()).toMatch(
      /not both/,
    );
    expect(problemsOf({ DUTYCLAIMS_OAUTH_CLIENT_ID: 'id' }).join()).toMatch(/go together/);
    expect(problemsOf({ DUTYCLAIMS_PARTNER_ORG_ID: 'porg_x' }).join()).toMatch(/embedded mock brings its own/);
    expect(problemsOf({ DUTYCLAIMS_TARGET: 'staging' }).join()).toMatch(/DUTYCLAIMS_TARGET/);
    expect(problemsOf({ DUTYCLAIMS_BASE_URL: 'not a url' }).join()).toMatch(/DUTYCLAIMS_BASE_URL/);
    expect(problemsOf({ DUTYCLAIMS_CONTRACT_HASH: 'XYZ' }).join()).toMatch(/16 lowercase hex/);
  });

  it('pins to the hash of a given OpenAPI file and refuses a contradicting explicit hash', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dc-config-')), 'openapi.json');
    writeFileSync(file, '{"openapi":"3.1.0","info":{"title":"x","version":"1"}}');
    const fileHash = computeContractHash({ openapi: '3.1.0', info: { title: 'x', version: '1' } });
    expect(loadHarnessConfig({ DUTYCLAIMS_OPENAPI_FILE: file }).pin).toMatchObject({
      hash: fileHash,
      origin: 'partner_openapi_file',
      openApiFile: file,
    });
    expect(problemsOf({ DUTYCLAIMS_OPENAPI_FILE: file, DUTYCLAIMS_CONTRACT_HASH: '0000000000000000' }).join()).toMatch(
      /hashes to/,
    );
  });

  it('makes production a read-only smoke run and never defaults owners outside the mock', () => {
    const config = loadHarnessConfig({
      DUTYCLAIMS_TARGET: 'production',
      DUTYCLAIMS_BASE_URL: 'https://api.dutyclaims.example',
      DUTYCLAIMS_PARTNER_ORG_ID: 'porg_x',
      DUTYCLAIMS_API_KEY: 'dc_live_x',
      DUTYCLAIMS_CONTRACT_HASH: CONTRACT_PIN.hash,
    });
    expect(config).toMatchObject({ mode: 'smoke', readOnly: true, credential: { kind: 'api_key' } });
    expect(config.owners).toEqual({ credentialRotation: null, secretStorage: null, rollback: null, cutover: null });
  });

  it('does not print secrets in its problems', () => {
    const problems = problemsOf({
      DUTYCLAIMS_API_KEY: 'dc_test_supersecretvalue',
      DUTYCLAIMS_OAUTH_CLIENT_SECRET: 's3cr3t',
    });
    expect(problems.join()).not.toMatch(/supersecretvalue|s3cr3t/);
  });
});

describe('loadHarnessConfig checks paths before any run', () => {
  it('refuses a pact dir that does not exist and an out dir that is a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dc-config-')), 'not-a-dir');
    writeFileSync(file, 'x');
    const problems = problemsOf({ DUTYCLAIMS_PACT_DIR: '/nonexistent/pacts', DUTYCLAIMS_OUT_DIR: file }).join('\n');
    expect(problems).toMatch(/DUTYCLAIMS_PACT_DIR: .*not a directory/);
    expect(problems).toMatch(/DUTYCLAIMS_OUT_DIR \(--out\): .*not a directory/);
  });

  it('treats empty receiver host and out dir as unset', () => {
    const config = loadHarnessConfig({ DUTYCLAIMS_RECEIVER_HOST: ' ', DUTYCLAIMS_OUT_DIR: '' });
    expect(config.webhook.receiverHost).toBe('127.0.0.1');
    expect(config.outDir).toMatch(/launch-packet$/);
  });

  it('reads the route families the partner uses and names a misspelt one', () => {
    expect(loadHarnessConfig({}).routeFamilies).toBeNull();
    expect(loadHarnessConfig({ DUTYCLAIMS_ROUTE_FAMILIES: 'claims, clients,claims' }).routeFamilies).toEqual([
      'claims',
      'clients',
    ]);
    expect(() => loadHarnessConfig({ DUTYCLAIMS_ROUTE_FAMILIES: 'claims,clams' })).toThrow(
      /DUTYCLAIMS_ROUTE_FAMILIES.*"clams" is not a route family/,
    );
  });
});

describe('loadHarnessConfig reports every problem before the first request, at once', () => {
  it('refuses a base URL with credentials, a query string or a fragment without repeating it', () => {
    const refused = {
      'https://user:hunter2pass@sandbox.dutyclaims.example': /user name or password/,
      'https://token@sandbox.dutyclaims.example': /user name or password/,
      'https://sandbox.dutyclaims.example/?tenant=acme': /query string/,
      'https://sandbox.dutyclaims.example/#top': /fragment/,
    };
    for (const [url, message] of Object.entries(refused)) {
      const problems = problemsOf({ DUTYCLAIMS_BASE_URL: url }).join('\n');
      expect(problems, url).toMatch(message);
      expect(problems).not.toMatch(/hunter2pass|acme/);
    }
    expect(problemsOf({ DUTYCLAIMS_BASE_URL: 'https://sandbox.dutyclaims.example/api' })).toEqual([]);
  });

  it('refuses an owner setting that holds a credential, by prefix only', () => {
    const key = `dc_live_${'A'.repeat(32)}`;
    const problems = problemsOf({ DUTYCLAIMS_ROTATION_OWNER: key }).join('\n');
    expect(problems).toMatch(/DUTYCLAIMS_ROTATION_OWNER holds a DutyClaims API key \(starting "dc_live_AAAA…"\)/);
    expect(problems).not.toContain(key);
  });

  it('lists a misspelt name, a bad value and an unusable out dir together', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dc-config-')), 'file');
    writeFileSync(file, 'x');
    const problems = problemsOf({
      DUTYCLAIMS_TARGT: 'sandbox',
      DUTYCLAIMS_WAIT_TIMEOUT_MS: 'soon',
      DUTYCLAIMS_OUT_DIR: join(file, 'packet'),
    });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/DUTYCLAIMS_TARGT .*Did you mean DUTYCLAIMS_TARGET\?/);
    expect(problems.join('\n')).toMatch(/DUTYCLAIMS_WAIT_TIMEOUT_MS/);
    expect(problems.join('\n')).toMatch(/which is a file, not a directory/);
  });
});
