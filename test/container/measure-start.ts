// Prints how long the reference mock takes to start: embedded (in-process) and in a container
// (cold: the first start in this process, including testcontainers' engine discovery; warm: the
// median of the next starts). Not a test: `npx tsx test/container/measure-start.ts [runs]`.
// Needs a Docker engine and the image (npm run mock:image); see docs/container.md.
process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
process.env.TESTCONTAINERS_HOST_OVERRIDE = '127.0.0.1';

const { startReferenceMockContainer } = await import('../../harness/container/index.js');
const { startReferenceMock } = await import('../../harness/reference-mock/index.js');
const { mockImage } = await import('./docker-engine.js');

const runs = Math.max(1, Number(process.argv[2] ?? 5));
const image = mockImage();

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Starts with `start`, checks /health, closes; returns [start ms, close ms]. */
async function timeOne(start: () => Promise<{ url: string; close(): Promise<void> }>): Promise<[number, number]> {
  const before = performance.now();
  const handle = await start();
  const started = performance.now() - before;
  const health = await fetch(`${handle.url}/health`);
  if (health.status !== 200) throw new Error(`${handle.url}/health answered ${health.status}`);
  const closing = performance.now();
  await handle.close();
  return [started, performance.now() - closing];
}

async function series(start: () => Promise<{ url: string; close(): Promise<void> }>) {
  const [cold, coldClose] = await timeOne(start);
  const warm: number[] = [];
  const closes: number[] = [coldClose];
  for (let i = 0; i < runs; i += 1) {
    const [started, closed] = await timeOne(start);
    warm.push(started);
    closes.push(closed);
  }
  return { cold, warm: median(warm), close: median(closes) };
}

const embedded = await series(() => startReferenceMock());
const container = await series(() => startReferenceMockContainer({ image }));

const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;
process.stdout.write(
  [
    `reference mock start times (node ${process.version}, ${runs} warm runs, medians; image ${image})`,
    '                         cold        warm       close',
    `embedded (in-process) ${ms(embedded.cold)}  ${ms(embedded.warm)}  ${ms(embedded.close)}`,
    `container             ${ms(container.cold)}  ${ms(container.warm)}  ${ms(container.close)}`,
    '',
  ].join('\n'),
);
