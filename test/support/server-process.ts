import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/crm-readiness.js');

export interface ServerProcess { child: ChildProcess; url: string; exited: Promise<number | null> }

const started = new Set<ChildProcess>();
/** Kills every server this test file started that is still running (call from afterAll). */
export function killStrayServers(): void {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  started.clear();
}

/** `crm-readiness serve` as a child process on a free loopback port; resolves once it says it is running. */
export function startServerProcess(db: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--host', '127.0.0.1', '--port', '0', '--db', db], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  started.add(child);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { started.delete(child); resolve(code); }));
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = err.match(/running at (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve({ child, url: m[1]!, exited });
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${err.slice(-2000)}`)));
  });
}

/** A consultant's cookie jar and CSRF token, enough to drive the JSON API. */
export class Consultant {
  private cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly url: string) {}

  async call(method: string, route: string, body?: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(this.url + route, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) { const [pair] = c.split(';'); const i = pair!.indexOf('='); this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1)); }
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  }

  /** First start: the admin account, a client, an assessment and `n` invitation links. */
  async setUpWorkshop(n: number, role = 'business'): Promise<{ assessmentId: number; tokens: string[] }> {
    const setup = await this.call('POST', '/api/setup', { name: 'Admin', email: 'admin@example.com', password: 'a long enough password' });
    if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${JSON.stringify(setup.json)}`);
    this.csrf = (await this.call('GET', '/api/session')).json.csrfToken;
    const client = await this.call('POST', '/api/clients', { name: 'Durable Co' });
    const assessment = await this.call('POST', `/api/clients/${client.json.client?.id ?? client.json.id}/assessments`, { title: 'Crash test', questionnaire: 'crm-readiness@1.0.0' });
    const links = await this.call('POST', `/api/assessments/${assessment.json.assessment.id}/invitations`, { invitations: Array.from({ length: n }, () => ({ role })) });
    if (links.status !== 201) throw new Error(`invitations: ${links.status} ${JSON.stringify(links.json)}`);
    return { assessmentId: assessment.json.assessment.id, tokens: links.json.links.map((l: { token: string }) => l.token) };
  }
}
