import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findQuestionnaire, loadCatalog } from '../src/adapters/catalog/load-catalog.ts';
import { quantile } from '../src/core/stats.ts';
import type { Role } from '../src/core/roles.ts';
import { valueFor } from '../test/support/answer-values.ts';
import { startServerProcess } from '../test/support/server-process.ts';
import { seeded, type Figure } from './measure.ts';

/**
 * `npm run bench:load`: a room far fuller than a workshop. 200 respondents (five assessments of 40)
 * autosave answers for 60 s against `crm-readiness serve` on 127.0.0.1, each pausing 100-300 ms
 * between saves as the UI's debounce and a fast reader would, while a consultant polls the five
 * dashboards as the UI does; then 20 different reports are asked for at once, and again once cached.
 *
 * Expected: no error other than deliberate 503s with Retry-After for renders beyond the queue (each
 * retried after the time it names, until every PDF arrived), no Chromium process left once the
 * server has stopped, and the server's memory bounded (its RSS sampled every second).
 *
 * LOAD_SECONDS (60), LOAD_RESPONDENTS (200), LOAD_DOWNLOADS (20), LOAD_THINK_MS ("100-300") and
 * LOAD_POLL_MS (4000) or LOAD_DASHBOARDS=0 (no consultant polling) adjust it.
 */
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const RESPONDENTS = Number(process.env.LOAD_RESPONDENTS ?? 200);
const DOWNLOADS = Number(process.env.LOAD_DOWNLOADS ?? 20);
const [THINK_MIN, THINK_MAX] = (process.env.LOAD_THINK_MS ?? '100-300').split('-').map(Number) as [number, number];
// The dashboard screen polls every 4 s (src/web/js/screens/dashboard-tab.js); one consultant watches each room.
const POLL_MS = Number(process.env.LOAD_POLL_MS ?? 4000);
const PER_ASSESSMENT = 40;
const ROLES: Role[] = ['business', 'business', 'it', 'end-user', 'project-manager', 'executive', 'business', 'end-user'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function chromiumPids(): number[] {
  try {
    return execFileSync('pgrep', ['-f', 'chromium'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

const cmdline = (pid: number) => { try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '); } catch { return ''; } };

/**
 * Resident set size in MB of a process and of all its descendants (the renderer's Chromium), and
 * the Chromium processes and profile folders among those descendants, so that what is left after
 * shutdown is told apart from browsers other programs on the machine run meanwhile.
 */
function memory(pid: number, ours: { pids: Set<number>; profiles: Set<string> }): { own: number; children: number } {
  const rss = (p: number) => {
    try { return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024; } catch { return 0; }
  };
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* exited meanwhile */ }
  }
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [p, pp] of parents) if (tree.has(pp) && !tree.has(p)) { tree.add(p); grew = true; }
  }
  tree.delete(pid);
  for (const p of tree) {
    const cmd = cmdline(p);
    if (!/chrom/i.test(cmd)) continue;
    ours.pids.add(p);
    const profile = /--user-data-dir=(\S+)/.exec(cmd)?.[1];
    if (profile) ours.profiles.add(profile);
  }
  return { own: rss(pid), children: [...tree].reduce((s, p) => s + rss(p), 0) };
}

/** Our Chromium processes still alive: the ones seen under the server, and any (crash handlers) naming its profile folder. */
function leftoverOf(ours: { pids: Set<number>; profiles: Set<string> }): number[] {
  const alive: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmd = cmdline(Number(entry));
    if (!/chrom/i.test(cmd)) continue;
    if (ours.pids.has(Number(entry)) || [...ours.profiles].some((p) => cmd.includes(p))) alive.push(Number(entry));
  }
  return alive;
}

interface Respondent { token: string; role: Role }

/** The first start of a fresh server: the admin's session cookie and CSRF token, and a JSON caller. */
async function signedIn(url: string) {
  const first = await fetch(`${url}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Load Admin', email: 'load@example.com', password: 'a long enough password' }) });
  if (first.status !== 201) throw new Error(`setup: ${first.status} ${await first.text()}`);
  const cookie = first.headers.getSetCookie().find((c) => c.startsWith('crm_sid='))!.split(';')[0]!;
  const { csrfToken } = await first.json() as { csrfToken: string };
  return {
    cookie,
    async call(method: string, route: string, body?: unknown): Promise<{ status: number; json: any }> {
      const res = await fetch(url + route, { method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined };
    },
  };
}

function printFigures(title: string, figures: Figure[]): void {
  console.log(`\n## ${title}\n`);
  console.log('| measure | value | beside |');
  console.log('| --- | ---: | --- |');
  for (const f of figures) console.log(`| ${f.name} | ${f.unit === 'ms' || f.unit === 'MB' ? f.value.toFixed(f.unit === 'ms' ? 1 : 0) : Math.round(f.value)} ${f.unit} | ${f.baseline ?? ''} |`);
}

export async function benchLoad(): Promise<{ figures: Figure[]; failures: string[] }> {
  const failures: string[] = [];
  const catalog = loadCatalog();
  const q = findQuestionnaire(catalog, 'crm-readiness', '1.0.0')!;
  const chromiumBefore = chromiumPids();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-bench-load-'));
  const server = await startServerProcess(path.join(dir, 'load.db'));
  const pid = server.child.pid!;
  const samples: Array<{ at: number; own: number; children: number; phase: string }> = [];
  let phase = 'setup';
  const started = Date.now();
  const ours = { pids: new Set<number>(), profiles: new Set<string>() };
  const sampler = setInterval(() => samples.push({ at: Date.now() - started, phase, ...memory(pid, ours) }), 1000);

  try {
    // ---------------------------------------------------------------- five assessments of forty
    const api = await signedIn(server.url);
    const assessments: number[] = [];
    const respondents: Respondent[] = [];
    for (let a = 0; a * PER_ASSESSMENT < RESPONDENTS; a++) {
      const client = await api.call('POST', '/api/clients', { name: `Load client ${a + 1}`, industry: 'Retail' });
      const created = await api.call('POST', `/api/clients/${client.json.client.id}/assessments`, { title: `Workshop ${a + 1}`, questionnaire: 'crm-readiness@1.0.0' });
      const id = created.json.assessment.id as number;
      assessments.push(id);
      const n = Math.min(PER_ASSESSMENT, RESPONDENTS - a * PER_ASSESSMENT);
      const roles = Array.from({ length: n }, (_, i) => ROLES[i % ROLES.length]!);
      const links = await api.call('POST', `/api/assessments/${id}/invitations`, { invitations: roles.map((role) => ({ role })) });
      if (links.status !== 201) throw new Error(`invitations: ${links.status} ${JSON.stringify(links.json)}`);
      links.json.links.forEach((l: { token: string }, i: number) => respondents.push({ token: l.token, role: roles[i]! }));
    }

    // ---------------------------------------------------------------- autosave for SECONDS
    phase = 'autosave';
    const latencies: number[] = [];
    const statuses = new Map<string, number>();
    const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
    const deadline = Date.now() + SECONDS * 1000;
    const autosaveStarted = Date.now();

    const person = async (r: Respondent, i: number) => {
      const rnd = seeded(1000 + i);
      const questions = q.questions.filter((x) => x.roles.includes(r.role) && !x.showIf);
      const page = await fetch(`${server.url}/api/r/${r.token}`);
      await page.arrayBuffer();
      if (page.status !== 200) { count(`page ${page.status}`); failures.push(`opening the questionnaire answered ${page.status}`); }
      await sleep(rnd() * 1000); // people do not all start in the same millisecond
      while (Date.now() < deadline) {
        const x = questions[Math.floor(rnd() * questions.length)]!;
        const body = JSON.stringify({ value: valueFor(q, x, rnd() < 0.5 ? 0 : 1, `Typed at ${Date.now()}`) });
        const t0 = performance.now();
        try {
          const res = await fetch(`${server.url}/api/r/${r.token}/answers/${x.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
          count(String(res.status));
        } catch (e) {
          count('network error');
          if (failures.length < 20) failures.push(`autosave failed: ${(e as Error).message}`);
        }
        await sleep(THINK_MIN + rnd() * (THINK_MAX - THINK_MIN));
      }
    };
    // The consultant's live dashboards, polled with If-None-Match as the UI does.
    let polls = 0;
    let notModified = 0;
    const watcher = async () => {
      const etags = new Map<number, string>();
      while (Date.now() < deadline) {
        for (const id of assessments) {
          const res = await fetch(`${server.url}/api/assessments/${id}/dashboard`, { headers: { cookie: api.cookie, ...(etags.has(id) ? { 'if-none-match': etags.get(id)! } : {}) } });
          await res.arrayBuffer();
          polls++;
          if (res.status === 304) notModified++;
          else if (res.status === 200) etags.set(id, res.headers.get('etag') ?? '');
          else failures.push(`dashboard answered ${res.status}`);
        }
        await sleep(POLL_MS);
      }
    };
    await Promise.all([...respondents.map(person), ...(process.env.LOAD_DASHBOARDS === '0' ? [] : [watcher()])]);
    const elapsed = (Date.now() - autosaveStarted) / 1000;
    const saves = latencies.length;
    const bad = [...statuses].filter(([k]) => k !== '200');
    for (const [k, n] of bad) failures.push(`${n} autosaves answered ${k}`);

    // ---------------------------------------------------------------- 20 different reports at once
    phase = 'reports';
    const kinds = Array.from({ length: DOWNLOADS }, (_, i) => ({
      id: assessments[i % assessments.length]!,
      variant: ['full', 'brief'][Math.floor(i / assessments.length) % 2]!,
      locale: ['en', 'zh-CN'][Math.floor(i / (assessments.length * 2)) % 2]!,
    }));
    const headers = { cookie: api.cookie };
    let firstWave = { ok: 0, queueFull: 0 };
    let retries = 0;
    const wave = async (label: string, retry: boolean) => {
      const t0 = Date.now();
      const times: number[] = [];
      const outcome = await Promise.all(kinds.map(async (k, i) => {
        for (let attempt = 0; ; attempt++) {
          const s = performance.now();
          const res = await fetch(`${server.url}/api/assessments/${k.id}/report?variant=${k.variant}&locale=${k.locale}`, { headers });
          const body = Buffer.from(await res.arrayBuffer());
          if (res.status === 200) {
            if (!body.subarray(0, 5).equals(Buffer.from('%PDF-'))) failures.push(`${label} report ${i} is not a PDF`);
            times.push(performance.now() - s);
            return attempt;
          }
          const after = Number(res.headers.get('retry-after'));
          if (res.status !== 503 || !Number.isFinite(after) || after < 1 || !body.toString().includes('ERR_REPORT_QUEUE_FULL')) {
            failures.push(`${label} report ${i} answered ${res.status} (Retry-After ${res.headers.get('retry-after')}): ${body.toString().slice(0, 200)}`);
            return attempt;
          }
          if (attempt === 0 && label === 'uncached') firstWave = { ...firstWave, queueFull: firstWave.queueFull + 1 };
          if (!retry || attempt > 20) { failures.push(`${label} report ${i} still refused after ${attempt + 1} tries`); return attempt; }
          retries++;
          await sleep(after * 1000);
        }
      }));
      if (label === 'uncached') firstWave.ok = outcome.filter((a) => a === 0).length;
      return { seconds: (Date.now() - t0) / 1000, median: quantile(times, 0.5), max: Math.max(...times) };
    };
    const uncached = await wave('uncached', true);
    const cached = await wave('cached', false);

    // ---------------------------------------------------------------- shutdown and leftovers
    phase = 'shutdown';
    clearInterval(sampler);
    server.child.kill('SIGTERM');
    const code = await server.exited;
    if (code !== 0) failures.push(`the server exited with ${code} on SIGTERM`);
    await sleep(1000);
    const leftover = leftoverOf(ours);
    if (!ours.pids.size) failures.push('no Chromium process was ever seen under the server: the leftover check proves nothing');
    if (leftover.length) failures.push(`${leftover.length} of the server's Chromium processes are still running after it stopped: ${leftover.join(', ')}`);
    const chromiumAfter = chromiumPids();

    const during = (p: string) => samples.filter((s) => s.phase === p);
    const maxOf = (xs: typeof samples, k: 'own' | 'children') => Math.max(0, ...xs.map((s) => s[k]));
    const auto = during('autosave');
    const early = auto.slice(0, Math.max(1, Math.floor(auto.length / 6)));
    const late = auto.slice(-Math.max(1, Math.floor(auto.length / 6)));
    const figures: Figure[] = [
      { name: `autosaves by ${respondents.length} respondents over ${elapsed.toFixed(0)} s (think ${THINK_MIN}-${THINK_MAX} ms)`, value: saves, unit: 'saves', baseline: `${(saves / elapsed).toFixed(0)} saves/s; ${bad.length ? bad.map(([k, n]) => `${n}× ${k}`).join(', ') : 'every one answered 200'}` },
      { name: 'autosave latency p50', value: quantile(latencies, 0.5), unit: 'ms' },
      { name: 'autosave latency p99', value: quantile(latencies, 0.99), unit: 'ms', baseline: `max ${Math.max(...latencies).toFixed(0)} ms` },
      { name: `dashboard polls meanwhile (${assessments.length} dashboards, every ${POLL_MS / 1000} s as the UI polls)`, value: polls, unit: 'polls', baseline: `${notModified} answered 304 (answers change between polls)` },
      { name: `${DOWNLOADS} different reports asked at once: served in the first wave`, value: firstWave.ok, unit: 'PDFs', baseline: `${firstWave.queueFull} deliberate 503 + Retry-After (queue: 2 rendering, 8 waiting); ${retries} retries in all` },
      { name: `all ${DOWNLOADS} PDFs delivered, retrying after Retry-After`, value: uncached.seconds * 1000, unit: 'ms', baseline: `median render+wait ${uncached.median.toFixed(0)} ms, slowest ${uncached.max.toFixed(0)} ms` },
      { name: `the same ${DOWNLOADS} again, all at once (PDF cache)`, value: cached.seconds * 1000, unit: 'ms', baseline: `median ${cached.median.toFixed(0)} ms, slowest ${cached.max.toFixed(0)} ms` },
      { name: 'server RSS, max over the run', value: maxOf(samples, 'own'), unit: 'MB', baseline: `max during autosave ${maxOf(auto, 'own').toFixed(0)} MB (first sixth ${maxOf(early, 'own').toFixed(0)} MB, last sixth ${maxOf(late, 'own').toFixed(0)} MB)` },
      { name: 'Chromium under the server (RSS sum), max during reports', value: maxOf(during('reports'), 'children'), unit: 'MB', baseline: `${samples.length} one-second samples` },
      { name: "the server's Chromium processes left after shutdown", value: leftover.length, unit: 'processes', baseline: `${ours.pids.size} seen under the server during the run; pgrep -f chromium: ${chromiumBefore.length} before, ${chromiumAfter.length} after (other programs' browsers included)` },
    ];
    return { figures, failures };
  } finally {
    clearInterval(sampler);
    if (server.child.exitCode === null) { server.child.kill('SIGKILL'); await server.exited; }
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { figures, failures } = await benchLoad();
  printFigures('Load: respondents autosaving, then reports at once', figures);
  if (failures.length) {
    console.log(`\n${failures.length} problem(s):\n${[...new Set(failures)].slice(0, 30).map((f) => `- ${f}`).join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log('\nno errors other than deliberate 503s with Retry-After; no Chromium left behind');
  }
}
