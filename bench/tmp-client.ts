import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { createDutyClaimsClient, DEFAULT_CLIENT_OPTIONS } from '../harness/client/index.js';
import { startServer } from './server-figures.js';
const mock = await startServer('mock');
const info = mock.info;
const claimId = info.path.split('/')[3] ?? '';
const client = createDutyClaimsClient({ baseUrl: info.url, credential: { apiKey: info.apiKey ?? '' } });
const N = 500;
const viaClient = async () => { const s = performance.now(); for (let i = 0; i < N; i++) await client.getClaimStatus(claimId); return (performance.now() - s) / N; };
const wire = { ...info.headers, accept: 'application/json', 'user-agent': DEFAULT_CLIENT_OPTIONS.userAgent };
const viaUndici = async () => { const s = performance.now(); for (let i = 0; i < N; i++) { const r = await request(`${info.url}${info.path}`, { headers: { ...wire, 'x-correlation-id': `corr_${randomUUID()}` } }); await r.body.json(); } return (performance.now() - s) / N; };
for (let w = 0; w < 3; w++) { await viaClient(); await viaUndici(); }
const rs: number[] = [];
const mode = process.argv[2] ?? 'both';
for (let r = 0; r < 9; r++) { if (mode === 'client') { await viaClient(); continue; } const c = await viaClient(); const u = await viaUndici(); rs.push(c / u); }
rs.sort((a, b) => a - b); console.log('median ratio', rs[4]?.toFixed(3), rs.map((x) => x.toFixed(2)).join(' '));
await client.close?.(); mock.child.kill();
