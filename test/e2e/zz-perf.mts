import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../../src/adapters/http/server.ts';
import { spawn } from 'node:child_process';
const child = spawn(process.execPath, [...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), '--import', 'tsx', 'test/e2e/zz-perf-server.mts', ...(process.argv.slice(2))], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
const base: string = await new Promise((res) => { let o = ''; child.stdout!.on('data', (d) => { o += d; const m = o.match(/URL (\S+)/); if (m) res(m[1]!); }); });
const j = (r: Response) => r.json() as Promise<any>;
let cookie = '';
const setup = await fetch(`${base}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'A', email: 'a@x.co', password: 'long enough password' }) });
cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
const csrf = (await j(setup)).csrfToken;
const h = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf };
const c = await j(await fetch(`${base}/api/clients`, { method: 'POST', headers: h, body: JSON.stringify({ name: 'C' }) }));
const a = await j(await fetch(`${base}/api/clients/${c.client.id}/assessments`, { method: 'POST', headers: h, body: JSON.stringify({ title: 'T', questionnaire: 'crm-readiness@1.0.0' }) }));
const inv = await j(await fetch(`${base}/api/assessments/${a.assessment.id}/invitations`, { method: 'POST', headers: h, body: JSON.stringify({ invitations: Array.from({ length: 50 }, () => ({ role: 'project-manager' })) }) }));
const tokens: string[] = inv.links.map((l: any) => l.token);
const state = await j(await fetch(`${base}/api/r/${tokens[0]}`));
const qs = state.sections.flatMap((s: any) => s.questions).filter((q: any) => q.type === 'scale' && !q.conditional);
let n = 0; const lat: number[] = []; let errors = 0;
const end = Date.now() + 10_000;
await Promise.all(tokens.map(async (tok, i) => {
  while (Date.now() < end) {
    const q = qs[(n + i) % qs.length];
    const t0 = performance.now();
    const r = await fetch(`${base}/api/r/${tok}/answers/${q.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: q.levels[n % q.levels.length].value }) });
    await r.arrayBuffer();
    if (r.status !== 200) errors++;
    lat.push(performance.now() - t0); n++;
  }
}));
lat.sort((x, y) => x - y);
console.log({ rps: Math.round(n / 10), p50: lat[Math.floor(lat.length * 0.5)]!.toFixed(1), p99: lat[Math.floor(lat.length * 0.99)]!.toFixed(1), errors });
child.kill('SIGTERM');
