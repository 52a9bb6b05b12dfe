import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { seeded } from '../../bench/measure.ts';
import { Consultant, killStrayServers, startServerProcess } from '../support/server-process.ts';

/**
 * Durability: respondents autosave concurrently, the server is killed with SIGKILL at a random
 * moment, restarted, and every acknowledged answer must be there with an intact database.
 * DURABILITY_ROUNDS (default 3 in `npm test`, 20 in `npm run test:durability`) sets the repeats.
 */
const ROUNDS = Number(process.env.DURABILITY_ROUNDS ?? 3);
const RESPONDENTS = 6;
// Answerable by the business role, with values that change each save, so a stale value shows.
const QUESTIONS = ['DAT-01', 'DAT-06', 'DAT-12', 'IMP-02', 'ROI-01', 'ROI-03', 'ORG-06'];
const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-durability-'));
// A failed assertion must not leave a server running after the suite.
afterAll(() => { killStrayServers(); rmSync(dir, { recursive: true, force: true }); });

interface Ack { token: string; question: string; acked: number; inFlight?: number }
let acknowledgedSaves = 0;

/** One respondent saving answers one after another, recording what the server acknowledged. */
async function autosave(url: string, token: string, rnd: () => number, stop: () => boolean, log: Map<string, Ack>) {
  while (!stop()) {
    const question = QUESTIONS[Math.floor(rnd() * QUESTIONS.length)]!;
    const value = Math.floor(rnd() * 101);
    const key = `${token}/${question}`;
    const entry = log.get(key);
    if (entry) entry.inFlight = value; else log.set(key, { token, question, acked: Number.NaN, inFlight: value });
    try {
      const res = await fetch(`${url}/api/r/${token}/answers/${question}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value }) });
      await res.arrayBuffer();
      if (res.status === 200) { const e = log.get(key)!; e.acked = value; e.inFlight = undefined; acknowledgedSaves++; }
      else if (res.status === 429) await new Promise((r) => setTimeout(r, 50));
      else throw new Error(`save answered ${res.status}`);
    } catch (e) {
      if ((e as Error).message.startsWith('save answered')) throw e;
      return; // the server died mid-request: this save was never acknowledged
    }
  }
}

describe('durability under SIGKILL', () => {
  const db = path.join(dir, 'app.db');
  const acks = new Map<string, Ack>();
  let tokens: string[] = [];

  it(`keeps every acknowledged answer through ${ROUNDS} kills`, async () => {
    const rnd = seeded(7);
    for (let round = 0; round < ROUNDS; round++) {
      const server = await startServerProcess(db);
      if (round === 0) tokens = (await new Consultant(server.url).setUpWorkshop(RESPONDENTS)).tokens;
      let killed = false;
      const savers = tokens.map((t) => autosave(server.url, t, seeded(round * 100 + tokens.indexOf(t)), () => killed, acks));
      await new Promise((r) => setTimeout(r, 300 + Math.floor(rnd() * 1200)));
      server.child.kill('SIGKILL');
      killed = true;
      await server.exited;
      await Promise.all(savers);

      // The file itself: integrity intact after the crash (WAL replay happens on open).
      const check = new Database(db);
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();

      // Every acknowledged answer is there after a restart, read back through the API.
      const again = await startServerProcess(db);
      for (const token of tokens) {
        const state = await (await fetch(`${again.url}/api/r/${token}`)).json();
        for (const ack of [...acks.values()].filter((a) => a.token === token && !Number.isNaN(a.acked))) {
          const stored = state.answers[ack.question]?.value;
          // A save sent but cut off by the kill may have landed after the last acknowledged one.
          expect([ack.acked, ack.inFlight], `${ack.question} of ${token.slice(0, 6)}… in round ${round}`).toContain(stored);
        }
      }
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    }
    const acked = [...acks.values()].filter((a) => !Number.isNaN(a.acked)).length;
    console.log(`durability: ${ROUNDS} SIGKILL rounds, ${acknowledgedSaves} acknowledged saves, ${acked} acknowledged (respondent, question) pairs checked, integrity_check ok each time`);
    expect(acked).toBeGreaterThan(0);
  }, 600_000);

  it('an online backup taken under write load restores to a database that passes the same checks', async () => {
    const server = await startServerProcess(db);
    let stop = false;
    const log = new Map<string, Ack>();
    const savers = tokens.map((t, i) => autosave(server.url, t, seeded(999 + i), () => stop, log));
    await new Promise((r) => setTimeout(r, 300));
    const out = path.join(dir, 'backup.db');
    const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/crm-readiness.js');
    const backup = spawnSync(process.execPath, [bin, 'backup', '--db', db, '--out', out], { encoding: 'utf8' });
    expect(backup.stderr + backup.stdout).not.toMatch(/failed|error/i);
    expect(backup.status).toBe(0);
    stop = true;
    await Promise.all(savers);
    server.child.kill('SIGTERM');
    await server.exited;
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    // The restored copy starts as a server and serves the respondents' answers.
    const restored = await startServerProcess(out);
    const state = await (await fetch(`${restored.url}/api/r/${tokens[0]}`)).json();
    expect(Object.keys(state.answers).length).toBeGreaterThan(0);
    restored.child.kill('SIGTERM');
    expect(await restored.exited).toBe(0);
  }, 120_000);
});
