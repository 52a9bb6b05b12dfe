import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Consultant, startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import type { Figure } from './measure.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const QUESTIONS = ['DAT-01', 'DAT-06', 'DAT-12', 'IMP-02', 'ROI-01', 'ROI-03', 'ORG-06'];
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_AUTOSAVE_SECONDS ?? 10);

function startFloor(db: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'floor-server.ts'), db], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => { err += d; const m = err.match(/running at (http:\/\/127\.0\.0\.1:\d+)/); if (m) resolve({ child, url: m[1]!, exited }); });
    void exited.then((c) => reject(new Error(`floor server exited ${c}: ${err}`)));
  });
}

/** 50 connections, each PUT saving one answer of a rotating respondent and question, as the UI autosaves. */
async function load(url: string, tokens: string[]): Promise<{ rps: number; p99: number; non2xx: number; errors: number }> {
  let n = 0;
  const result = await autocannon({
    url, connections: CONNECTIONS, duration: SECONDS,
    requests: [{
      method: 'PUT',
      setupRequest: (req) => {
        n++;
        const token = tokens[n % tokens.length]!;
        return { ...req, path: `/api/r/${token}/answers/${QUESTIONS[n % QUESTIONS.length]}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: n % 101 }) };
      },
    }],
  });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

export async function benchAutosave(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-bench-autosave-'));
  try {
    // Token routes are rate-limited per link (1200/min), so 50 links stay under it at this rate.
    const app = await startServerProcess(path.join(dir, 'app.db'));
    const { tokens } = await new Consultant(app.url).setUpWorkshop(CONNECTIONS);
    const real = await load(app.url, tokens);
    app.child.kill('SIGTERM');
    await app.exited;
    const floorServer = await startFloor(path.join(dir, 'floor.db'));
    const floor = await load(floorServer.url, tokens);
    floorServer.child.kill('SIGTERM');
    await floorServer.exited;
    if (real.non2xx || real.errors) throw new Error(`the app answered ${real.non2xx} non-2xx and ${real.errors} errors under load`);
    return [
      { name: `autosave, ${CONNECTIONS} connections, requests/s`, value: real.rps, unit: 'req/s', baseline: `floor ${floor.rps.toFixed(0)} req/s (${((real.rps / floor.rps) * 100).toFixed(0)}% of floor; aim >= 70%)` },
      { name: 'autosave p99 latency', value: real.p99, unit: 'ms', baseline: `floor p99 ${floor.p99} ms` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
