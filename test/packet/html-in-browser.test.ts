import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchPacket, writeLaunchPacket } from '../../harness/packet/index.js';
import { SAMPLE_SECRETS, samplePacket } from '../support/sample-packet.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const skipReason = hasChromium
  ? ''
  : ` (SKIPPED: ${CHROMIUM} not found; install it with: apt-get install -y --no-install-recommends chromium)`;
if (!hasChromium) console.warn(`test/packet/html-in-browser.test.ts${skipReason}`);

// These callbacks run inside Chromium; the project compiles without the DOM lib, so declare what they use.
interface BrowserElement {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
}
interface BrowserDocument {
  querySelector(selector: string): BrowserElement | null;
  querySelectorAll(selector: string): ArrayLike<BrowserElement> & Iterable<BrowserElement>;
}
declare const getComputedStyle: (
  node: unknown,
) => Record<'color' | 'backgroundColor' | 'borderTopColor' | 'borderLeftColor', string>;
declare const DOMParser: new () => { parseFromString(source: string, type: string): BrowserDocument };

/** The text as rendered, i.e. what a person sees (Playwright's innerText, not a DOM node's). */
const seen = (locator: Locator): Promise<string> => locator.innerText();

/** True when a CSS colour reads as green: green channel clearly above red and blue. */
const isGreenish = (color: string): boolean => {
  const [r = 0, g = 0, b = 0] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return g > r + 20 && g > b + 20;
};

const allPassing = (): LaunchPacket => {
  const packet = samplePacket();
  return {
    ...packet,
    gates: packet.gates.map((gate) => ({
      ...gate,
      verdict: 'pass',
      checks: gate.checks.map((check) => ({ ...check, verdict: 'pass' })),
    })),
    verdict: 'ready',
    summary: { pass: 6, fail: 0, notRun: 0 },
  };
};

describe.skipIf(!hasChromium)(`the HTML packet in headless Chromium${skipReason}`, () => {
  let browser: Browser;
  let page: Page;
  let root: string;
  const requests: string[] = [];
  const packet = samplePacket();

  const open = async (value: LaunchPacket, name: string) => {
    const written = await writeLaunchPacket(value, join(root, name), {
      junit: true,
      secrets: Object.values(SAMPLE_SECRETS),
    });
    await page.goto(pathToFileURL(written.html).href);
    return written;
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'packet-browser-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    page.on('request', (request) => requests.push(request.url()));
  });

  afterAll(async () => {
    await browser?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('shows the verdict, target, environment and the contract mismatch at the top', async () => {
    const written = await open(packet, 'sample');
    expect(requests).toEqual([pathToFileURL(written.html).href]);
    const banner = page.locator('#verdict');
    await expect(seen(banner.locator('.packet-verdict'))).resolves.toBe('NOT READY');
    expect(await seen(banner)).toContain('1 gate failed and 1 gate was not run');
    expect(isGreenish(await banner.evaluate((node) => getComputedStyle(node).backgroundColor))).toBe(false);
    const summary = await seen(page.locator('#summary'));
    expect(summary).toContain('sandbox.dutyclaims.example');
    expect(summary).toMatch(/Environment \(reported by the provider\)\s+sandbox/);
    expect(summary).toContain('4d430a74e95b56a1');
    expect(summary).toContain('ae140b8f3b926d06 (DIFFERS from the pin)');
    expect(await page.title()).toBe(
      'DutyClaims launch packet: NOT READY · porg_4m8q2x7k9p3v6w1z5n0b on sandbox (sandbox.dutyclaims.example)',
    );
  });

  it('shows the escalation template on the first screen, and opens only the gates that did not pass', async () => {
    await open(packet, 'first-screen');
    const escalation = page.locator('#escalation');
    const box = await escalation.boundingBox();
    // The viewport is 1280x900: the template starts on the first screen, under the verdict.
    expect(box?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(900);
    expect(await escalation.locator('h2').isVisible()).toBe(true);
    for (const gate of packet.gates) {
      const details = page.locator(`details.gate[data-gate="${gate.id}"]`);
      expect(await details.evaluate((node) => (node as unknown as { open: boolean }).open), gate.id).toBe(
        gate.verdict !== 'pass',
      );
    }
  });

  it('shows each gate title with its verdict, in the overview and in its own section', async () => {
    await open(packet, 'gates');
    for (const gate of packet.gates) {
      const label = { pass: 'PASS', fail: 'FAIL', not_run: 'NOT RUN' }[gate.verdict];
      const section = page.locator(`details.gate[data-gate="${gate.id}"]`);
      await expect(seen(section.locator('h3'))).resolves.toContain(gate.title);
      await expect(seen(section.locator('header .verdict'))).resolves.toContain(label);
      const row = page.locator(`.gates-overview tr[data-gate="${gate.id}"]`);
      expect(await seen(row)).toContain(gate.title);
      await expect(seen(row.locator('.verdict'))).resolves.toContain(label);
    }
  });

  it('never shows a not-run gate as passed or green', async () => {
    await open(packet, 'not-run');
    const section = page.locator('details.gate[data-gate="webhook-readiness"]');
    const badge = section.locator('header .verdict');
    const text = await seen(badge);
    expect(text).toContain('NOT RUN');
    expect(text).not.toContain('PASS');
    const colors = await badge.evaluate((node) => {
      const style = getComputedStyle(node);
      return [style.color, style.backgroundColor, style.borderTopColor];
    });
    const stripe = await section.evaluate((node) => getComputedStyle(node).borderLeftColor);
    for (const color of [...colors, stripe]) expect(isGreenish(color), color).toBe(false);
    expect(await seen(section.locator('.reason'))).toMatch(/^Why it was not run: Not run: no receiving-service URL/);
    const passed = page.locator('details.gate[data-gate="golden-path-rehearsal"] header .verdict');
    expect(isGreenish(await passed.evaluate((node) => getComputedStyle(node).backgroundColor))).toBe(true);
  });

  it('shows the escalation template fields with values, and what is left to fill in', async () => {
    await open(packet, 'escalation');
    const text = await seen(page.locator('#escalation'));
    for (const [label, value] of [
      ['Route', 'POST /v1/claims'],
      ['Timestamp', '2026-11-22T09:30:14.000Z'],
      ['Request ID', 'req_09k7m2q9x4p8v3w6z1n'],
      ['Correlation ID', 'corr_09b4c8d2f6g0h3j7k2m'],
      ['Partner org', 'porg_4m8q2x7k9p3v6w1z5n0b'],
      ['Claim ID', 'clm_3v6w1z5n0b4c8d2f6g0h'],
      ['Job ID', 'to fill in'],
      ['Cutover owner', 'Priya Raman'],
    ])
      expect(text).toMatch(new RegExp(`${label}\\s+${value}`));
  });

  it('shows the minimum log fields, one row per request, and the timeline with its problem', async () => {
    await open(packet, 'log');
    await expect(page.locator('table.log-fields tbody tr').count()).resolves.toBe(packet.logFields.length);
    const failed = page.locator('table.log-fields tr.error').first();
    expect(await seen(failed)).toContain('credential_wrong_environment');
    const problems = page.locator('.timeline li.problem');
    await expect(problems.count()).resolves.toBe(1);
    expect(await seen(problems)).toContain('Problem: Contract pin');
  });

  it('shows a packet where every gate passed as READY in green', async () => {
    await open(allPassing(), 'ready');
    const banner = page.locator('#verdict');
    await expect(seen(banner.locator('.packet-verdict'))).resolves.toBe('READY');
    expect(isGreenish(await banner.evaluate((node) => getComputedStyle(node).backgroundColor))).toBe(true);
    await expect(page.locator('details.gate.not_run').count()).resolves.toBe(0);
  });

  it('shows a failed grade check in the verdict banner, in red, even when every gate passed', async () => {
    await open(allPassing(), 'grades-ready');
    const banner = page.locator('#verdict');
    await expect(seen(banner.locator('.packet-verdict'))).resolves.toBe('READY');
    const line = banner.locator('#grades-summary');
    expect(await line.isVisible()).toBe(true);
    expect(await seen(line)).toContain(
      'Partner integration grades: 1 check failed, 1 not graded, 4 passed (1 report).',
    );
    const colors = await line.evaluate((node) => {
      const style = getComputedStyle(node);
      return [style.color, style.borderLeftColor];
    });
    for (const color of colors) expect(isGreenish(color), color).toBe(false);
  });

  it('shows each grade check with its verdict, and a not-graded check is never passed or green', async () => {
    await open(packet, 'grades');
    const section = page.locator('#grades');
    await expect(seen(section.locator('h2'))).resolves.toBe('Partner integration grades');
    const report = section.locator('section.grade-report').first();
    expect(await seen(report.locator('h3'))).toContain('webhook-receiver grade of http://127.0.0.1:8080/webhooks');
    await expect(seen(report.locator('header .verdict'))).resolves.toContain('FAIL');
    const failed = report.locator('tr[data-check="tampered-body"]');
    expect(await seen(failed)).toMatch(/FAIL\s+acknowledged \(tampered body -> 200\)/);
    expect(await seen(failed)).toContain('[tampered body] POST http://127.0.0.1:8080/webhooks');
    const badge = report.locator('tr[data-check="duplicate-processed-once"] .verdict');
    const text = await seen(badge);
    expect(text).toContain('NOT GRADED');
    expect(text).not.toContain('PASS');
    const colors = await badge.evaluate((node) => {
      const style = getComputedStyle(node);
      return [style.color, style.backgroundColor, style.borderTopColor];
    });
    for (const color of colors) expect(isGreenish(color), color).toBe(false);
    const passed = report.locator('tr[data-check="valid-delivery"] .verdict');
    expect(isGreenish(await passed.evaluate((node) => getComputedStyle(node).backgroundColor))).toBe(true);
  });

  it('folds a long evidence list until a person opens it', async () => {
    await open(packet, 'grades-evidence');
    const row = page.locator('#grades tr[data-check="malformed-signature"]');
    const lastLine = '[empty header] POST';
    expect(await seen(row)).toContain('[no t=] POST');
    expect(await seen(row)).not.toContain(lastLine);
    await row.locator('details summary').click();
    expect(await seen(row)).toContain(lastLine);
  });

  it('writes a JUnit file that a browser parses as well-formed XML', async () => {
    const written = await open(packet, 'junit');
    const xml = await readFile(written.junit ?? '', 'utf8');
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'application/xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        cases: doc.querySelectorAll('testcase').length,
        failures: [...doc.querySelectorAll('failure')].map((node) => node.getAttribute('message')),
        skipped: [...doc.querySelectorAll('skipped')].map((node) => node.getAttribute('message')),
      };
    }, xml);
    expect(parsed.error).toBeNull();
    const gradeChecks = packet.grades.flatMap((report) => report.checks);
    expect(parsed.cases).toBe(packet.gates.flatMap((gate) => gate.checks).length + gradeChecks.length);
    expect(parsed.failures).toEqual([
      'Served ae140b8f3b926d06, pinned 4d430a74e95b56a1.',
      'acknowledged (tampered body -> 200): verify the HMAC over the raw body bytes before acknowledging',
    ]);
    expect(parsed.skipped).toEqual([
      'Not run: No receiver URL was given.',
      `Not graded: ${gradeChecks.find((check) => check.verdict === 'not_graded')?.reason}`,
    ]);
  });
});
