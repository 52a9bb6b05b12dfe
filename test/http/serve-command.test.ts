import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

const BIN = path.resolve('bin/crm-readiness.js');
let dir: string;
beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'crm-serve-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

/** Starts `serve` on a free port and resolves with its URL once it says it is running. */
function serve(db: string): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = err.match(/running at (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve({ child, url: m[1]!, stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}
const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

describe('crm-readiness serve', () => {
  test('starts on 127.0.0.1, serves the app, and shuts down cleanly on SIGTERM', async () => {
    const db = path.join(dir, 'data', 'app.db');
    const { child, url } = await serve(db);
    expect((await (await fetch(`${url}/api/setup`)).json())).toEqual({ needed: true });
    const setup = await fetch(`${url}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'A', email: 'a@example.com', password: 'long enough password' }) });
    expect(setup.status).toBe(201);
    const done = exited(child);
    child.kill('SIGTERM');
    expect(await done).toBe(0);
    // The WAL was folded back into the file: one self-contained database is left.
    expect(existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0).toBe(0);
  }, 60_000);

  test('SIGINT takes the same path', async () => {
    const { child } = await serve(path.join(dir, 'b.db'));
    const done = exited(child);
    child.kill('SIGINT');
    expect(await done).toBe(0);
  }, 60_000);

  test('refuses to start on a file that is not a database', () => {
    const bad = path.join(dir, 'notes.db');
    writeFileSync(bad, 'shopping list: milk, eggs, '.repeat(100));
    const res = spawnSync(process.execPath, [BIN, 'serve', '--port', '0', '--db', bad], { encoding: 'utf8', timeout: 60_000 });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('is not a crm-readiness database (file is not a database)');
  }, 60_000);

  test('a wrong flag is a usage error', () => {
    const res = spawnSync(process.execPath, [BIN, 'serve', '--port', 'abc'], { encoding: 'utf8', timeout: 60_000 });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('--port must be a number');
  }, 60_000);
});

describe('crm-readiness backup', () => {
  test('backs up a database while the server runs, and never overwrites', async () => {
    const db = path.join(dir, 'live.db');
    const { child, url } = await serve(db);
    try {
      await fetch(`${url}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'A', email: 'a@example.com', password: 'long enough password', demo: true }) });
      const out = path.join(dir, 'copy.db');
      const res = spawnSync(process.execPath, [BIN, 'backup', '--db', db, '--out', out], { encoding: 'utf8', timeout: 60_000 });
      expect(res.status, res.stderr).toBe(0);
      expect(res.stdout).toMatch(/backed up .*live\.db to .*copy\.db \(\d+ pages, integrity ok\)/);
      const again = spawnSync(process.execPath, [BIN, 'backup', '--db', db, '--out', out], { encoding: 'utf8', timeout: 60_000 });
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('already exists');
      const missing = spawnSync(process.execPath, [BIN, 'backup', '--db', db], { encoding: 'utf8', timeout: 60_000 });
      expect(missing.status).toBe(2);
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  }, 90_000);
});
