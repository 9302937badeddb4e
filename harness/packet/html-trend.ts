import { html, type SafeHtml } from './escape.js';
import type { HistoryEntry } from './monitor-schema.js';

const WIDTH = 600;
const HEIGHT = 80;
const BAR_GAP = 2;

/**
 * The last runs as an inline SVG bar chart, no script: bar height is the run's p95 latency, colour its
 * outcome (red when a check failed or drift stops the cutover). Each bar has a <title> for screen readers.
 */
export function trendSvg(history: readonly HistoryEntry[]): SafeHtml {
  if (history.length === 0) return html``;
  const peak = Math.max(1, ...history.map((entry) => entry.p95Ms ?? 0));
  const width = WIDTH / history.length;
  const bars = history.map((entry, index) => {
    const failed = entry.checks.fail > 0 || entry.stopsCutover > 0;
    const height = Math.max(3, Math.round(((entry.p95Ms ?? 0) / peak) * (HEIGHT - 4)));
    const label = `${entry.startedAt} run ${entry.runId}: ${entry.verdict}, ${entry.checks.pass} passed, ${entry.checks.fail} failed, ${entry.checks.notRun} not run, p95 ${entry.p95Ms ?? 'none'} ms, contract ${entry.servedHash ?? 'not read'}`;
    return html`<rect x="${(index * width).toFixed(1)}" y="${HEIGHT - height}" width="${Math.max(1, width - BAR_GAP).toFixed(1)}" height="${height}" fill="${failed ? '#b42318' : '#067647'}" data-run="${entry.runId}" data-outcome="${failed ? 'fail' : 'pass'}"><title>${label}</title></rect>`;
  });
  return html`<figure id="trend"><figcaption>Last ${history.length} run${history.length === 1 ? '' : 's'} (bar height: p95 latency, peak ${Math.round(peak)} ms; red: a check failed or drift stops the cutover)</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Trend of the last runs" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}">${bars}</svg></figure>`;
}
