import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer';
import { findQuestionnaire, type Catalog } from '../../src/adapters/catalog/load-catalog.ts';
import { startServer } from '../../src/adapters/http/server.ts';
import type { Questionnaire } from '../../src/core/questionnaire/questionnaire-schema.ts';
import { valueFor } from '../support/answer-values.ts';
import { buildFollowUpCatalog } from '../support/follow-up-catalog.ts';
import { Consultant } from '../support/server-process.ts';
import type { E2eServer } from './helpers.ts';

export const ADMIN = { name: 'Ada Consultant', email: 'ada@example.com', password: 'correct horse battery' };

/**
 * The real server (real PDF renderer) on 127.0.0.1 and a free port, over a fresh database, with
 * the shipped catalog plus the test-only crm-readiness@1.1.0 (renamed and split questions).
 */
export async function startFollowUpServer(): Promise<E2eServer & { catalog: Catalog }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-e2e2-'));
  const catalog = buildFollowUpCatalog(dir);
  const server = await startServer({ host: '127.0.0.1', port: 0, dbPath: path.join(dir, 'e2e.db'), logger: false, catalog });
  return { server, url: server.url, dir, catalog, async close() { await server.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export const questionnaireOf = (catalog: Catalog, version: string): Questionnaire => findQuestionnaire(catalog, 'crm-readiness', version)!;

/** First start through the API, then a session for the consultant's browser. */
export async function setUpConsultant(url: string): Promise<Consultant> {
  const api = new Consultant(url);
  const setup = await api.call('POST', '/api/setup', ADMIN);
  if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${JSON.stringify(setup.json)}`);
  api.csrf = setup.json.csrfToken;
  return api;
}

/** A client, an assessment and answered invitations, through the API (the respondent UI has its own end-to-end test). */
export async function seedAssessment(api: Consultant, q: Questionnaire, opts: { client: string; title?: string; people: Array<{ role: string; name?: string; health: 0 | 1 }>; close?: boolean }) {
  const client = await api.call('POST', '/api/clients', { name: opts.client, industry: 'Manufacturing', country: 'CN' });
  const a = await api.call('POST', `/api/clients/${client.json.client.id}/assessments`, { title: opts.title ?? 'Readiness workshop', questionnaire: `${q.id}@${q.version}`, locale: 'en' });
  const id = a.json.assessment.id as number;
  const links = await api.call('POST', `/api/assessments/${id}/invitations`, { invitations: opts.people.map((p) => ({ role: p.role, ...(p.name ? { name: p.name } : {}) })) });
  const tokens = (links.json.links as Array<{ token: string }>).map((l) => l.token);
  for (const [i, p] of opts.people.entries()) await answerThroughApi(api.url, q, tokens[i]!, p.role, p.health);
  if (opts.close) await api.call('POST', `/api/assessments/${id}/close`);
  return { clientId: client.json.client.id as number, assessmentId: id, tokens };
}

export async function answerThroughApi(url: string, q: Questionnaire, token: string, role: string, health: 0 | 1): Promise<void> {
  for (const x of q.questions.filter((y) => y.roles.includes(role as never) && !y.showIf)) {
    const res = await fetch(`${url}/api/r/${token}/answers/${x.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: valueFor(q, x, health, 'Depends on the region') }) });
    if (!res.ok) throw new Error(`${x.id}: ${res.status} ${await res.text()}`);
  }
}

/** Signs the consultant's browser in through the sign-in page. */
export async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/signin`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('input[name="email"]');
  await page.type('input[name="email"]', ADMIN.email);
  await page.type('input[name="password"]', ADMIN.password);
  await page.click('button[type="submit"]');
  await page.waitForSelector('.page-head h1');
}

/**
 * Answers every visible, unanswered question on the current section as a person would, one at a
 * time, waiting for each "Saved": `pick` chooses which option (0 = first, 1 = last).
 */
export async function answerSection(page: Page, pick: number, answered: Set<string>): Promise<string[]> {
  const done: string[] = [];
  for (let guard = 0; guard < 200; guard++) {
    const visible = await page.$$eval('fieldset.question:not([hidden])', (els) => els.map((e) => (e as HTMLElement).dataset.question!));
    const next = visible.find((id) => !answered.has(id));
    if (!next) return done;
    const q = `#question-${next}`;
    const kind = await page.$eval(q, (el) => (el.querySelector('input[type="radio"]') ? 'radio' : el.querySelector('input[type="number"]') ? 'number' : el.querySelector('input[type="checkbox"]') ? 'multi' : 'text'));
    if (kind === 'radio' || kind === 'multi') {
      const inputs = await page.$$(`${q} label.choice:not(.special) input`);
      await inputs[Math.round(pick * (inputs.length - 1))]!.click();
    } else if (kind === 'number') {
      const bound = await page.$eval(`${q} input[type="number"]`, (el, p) => (p ? (el as HTMLInputElement).max : (el as HTMLInputElement).min), pick);
      await page.type(`${q} input[type="number"]`, bound);
      await page.keyboard.press('Tab');
    } else {
      await page.type(`${q} textarea`, 'A CRM that sales actually uses.');
      await page.keyboard.press('Tab');
    }
    await page.waitForSelector(`${q} .save-state.saved`, { timeout: 20_000 });
    answered.add(next);
    done.push(next);
  }
  throw new Error('too many questions on one section');
}

/** Waits for a file with `extension` to appear in `dir` (a download), returns its name. */
export async function waitForDownload(dir: string, extension: string, before: readonly string[] = []): Promise<string> {
  const { readdirSync } = await import('node:fs');
  for (let i = 0; i < 240; i++) {
    const found = readdirSync(dir).find((f) => f.endsWith(extension) && !before.includes(f));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no ${extension} was downloaded into ${dir}`);
}
