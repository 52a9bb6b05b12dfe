import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadAnswersText } from '../../src/adapters/catalog/load-answers.ts';
import { scoreAssessment } from '../../src/core/scoring/score-assessment.ts';
import { launchBrowser, startE2eServer, watchPage, type E2eServer } from '../e2e/helpers.ts';
import { scorableQuestionnaire } from '../http/helpers.ts';
import { expectComplete, loadShippedCatalog, pdfPages, saveTemp, squash } from '../report/helpers.ts';
import { seedHostileWorkspace, type HostileWorkspace } from './hostile-workspace.ts';

/**
 * Hostile text typed into every free-text field, through the real server on 127.0.0.1: in a real
 * Chromium no script runs (the payloads set window.__pwned), no dialog opens, nothing is loaded from
 * the listener, no element grows an event handler, and the text shows exactly as typed on the
 * consultant's screens, the respondents' pages, the workshop, the share page and the
 * self-assessment. In the PDFs the listener hears nothing, no local file appears, every payload is
 * literal text, and the report is whole.
 */
let srv: E2eServer;
let browser: Browser;
let ws: HostileWorkspace;
let listener: http.Server;
const hits: string[] = [];
const q = scorableQuestionnaire();

beforeAll(async () => {
  listener = http.createServer((req, res) => { hits.push(`${req.method} ${req.url}`); res.end('listener-body-7f3a'); });
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  srv = await startE2eServer();
  ws = await seedHostileWorkspace(srv.url, `http://127.0.0.1:${(listener.address() as AddressInfo).port}`, q);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await srv?.close();
  listener?.close();
});

describe('in the browser', () => {
  const problems: string[] = [];
  let page: Page;

  /** Waits until every expected text shows, then checks that nothing ran, loaded or grew a handler. */
  async function expectLiteral(where: string, expected: string[]): Promise<void> {
    // Everything a person can read on the page, including what sits in form fields (written out
    // twice: the page's CSP rightly forbids eval, so the function cannot be passed in as text).
    try {
      await page.waitForFunction((xs: string[]) => {
        const text = `${document.body.textContent ?? ''}\n${document.title}\n${Array.from(document.querySelectorAll('input, textarea')).map((e) => (e as HTMLInputElement).value).join('\n')}`;
        return xs.every((x) => text.includes(x));
      }, { timeout: 15_000, polling: 250 }, expected);
    } catch { /* reported below, with what is missing */ }
    const state = await page.evaluate((xs: string[]) => {
      const text = `${document.body.textContent ?? ''}\n${document.title}\n${Array.from(document.querySelectorAll('input, textarea')).map((e) => (e as HTMLInputElement).value).join('\n')}`;
      const handlers = Array.from(document.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes)
        .filter((a) => /^on/i.test(a.name) || (/^(href|src|action|formaction|data)$/i.test(a.name) && /^\s*javascript:/i.test(a.value)))
        .map((a) => `<${el.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 40)}">`));
      const injected = Array.from(document.querySelectorAll('body iframe, body object, body embed, body base, body meta, body style, body link, body script:not([src])')).map((e) => e.outerHTML.slice(0, 80));
      return { missing: xs.filter((x) => !text.includes(x)), pwned: (window as unknown as { __pwned?: unknown }).__pwned, handlers, injected };
    }, expected);
    for (const m of state.missing) problems.push(`${where}: does not show ${JSON.stringify(m)} as typed`);
    if (state.pwned !== undefined) problems.push(`${where}: a payload ran (window.__pwned = ${JSON.stringify(state.pwned)})`);
    for (const h of state.handlers) problems.push(`${where}: an element carries a handler or javascript: URL from the data: ${h}`);
    for (const e of state.injected) problems.push(`${where}: markup from the data became an element: ${e}`);
  }

  async function open(url: string, where: string, expected: string[]): Promise<void> {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await expectLiteral(where, expected);
  }

  beforeAll(async () => {
    const context = await browser.createBrowserContext();
    page = await context.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    // Dialogs, uncaught errors and CSP violations (a payload parsed as markup trips the CSP) all land in problems.
    watchPage(page, problems);
    // The admin's session from the API (signing in through the form is the e2e suite's business).
    const [name, value] = ws.admin.cookie.split('=') as [string, string];
    await page.setCookie({ name, value, url: srv.url, httpOnly: true, sameSite: 'Lax' });
  }, 60_000);

  test("the consultant's screens: clients, a client, consultants, dashboard, respondents, share links, follow-up notes", async () => {
    const a = ws.assessment;
    const main = ws.clients[0]!;
    await open(`${srv.url}/#/clients`, 'clients list', ws.clients.map((c) => c.name));
    await open(`${srv.url}/#/clients/${main.id}`, 'client page', [main.name, main.industry, main.size, main.country, ...ws.assessmentTitles, ws.creatorName]);
    await open(`${srv.url}/#/users`, 'consultants', ws.consultantNames);
    await open(`${srv.url}/#/assessments/${a.id}`, 'dashboard', [a.title, a.clientName, ...ws.respondents.map((r) => r.name), ...ws.importedNames]);
    await open(`${srv.url}/#/assessments/${a.id}/respondents`, 'invitation list', [a.title, ...ws.respondents.map((r) => r.name), ...ws.importedNames]);
    await open(`${srv.url}/#/assessments/${a.id}/share`, 'share links', ws.shareLabels);
    await open(`${srv.url}/#/assessments/${a.id}/followup`, 'follow-up notes', ws.notes);
    expect(problems).toEqual([]);
  }, 180_000);

  test('the workshop screen: every dissent note, question by question', async () => {
    await open(`${srv.url}/workshop.html?assessment=${ws.assessment.id}`, 'workshop', [ws.assessment.title, ws.assessment.clientName, ws.dissents[0]!]);
    for (const [i, dissent] of ws.dissents.entries()) {
      if (i > 0) {
        await page.keyboard.press('ArrowRight');
        await expectLiteral(`workshop question ${i + 1}`, [dissent]);
      }
    }
    expect(problems).toEqual([]);
  }, 180_000);

  test("every respondent's page: who asks, the client, their name, their comment and free text", async () => {
    const sectionOf = (sections: Array<{ questions: Array<{ id: string }> }>, id: string) => sections.findIndex((s) => s.questions.some((x) => x.id === id)) + 1;
    for (const r of ws.respondents) {
      const state = await (await fetch(`${srv.url}/api/r/${r.token}`)).json() as { sections: Array<{ questions: Array<{ id: string }> }> };
      await open(`${srv.url}/r/${r.token}`, `respondent page of ${JSON.stringify(r.name.slice(0, 30))}`, [ws.assessment.clientName, r.name, ws.creatorName]);
      await open(`${srv.url}/r/${r.token}#s${sectionOf(state.sections, r.commentQuestion)}`, `respondent's comment (${r.commentQuestion})`, [r.comment]);
      await open(`${srv.url}/r/${r.token}#s${sectionOf(state.sections, r.freeTextQuestion)}`, `respondent's free text (${r.freeTextQuestion})`, [r.freeText]);
    }
    expect(problems).toEqual([]);
  }, 300_000);

  test("the sponsor's share page and the executive's self-assessment", async () => {
    await open(`${srv.url}/share/${ws.shareToken}`, 'share page', [ws.assessment.clientName, ws.assessment.title]);
    await open(`${srv.url}/s/${ws.self.token}#scorecard`, 'self-assessment scorecard', [ws.self.organisation]);
    expect(problems).toEqual([]);
  }, 120_000);

  test('nothing reached the listener from the browser', async () => {
    await new Promise((r) => setTimeout(r, 500));
    expect(hits).toEqual([]);
  });
});

describe('in the PDF', () => {
  async function download(path: string): Promise<string[]> {
    const res = path.startsWith('/api/assessments/') ? await ws.creator.raw('GET', path) : await fetch(srv.url + path);
    expect(res.status, `${path}: ${res.status}`).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/pdf');
    return pdfPages(saveTemp(new Uint8Array(await res.arrayBuffer()), 'hostile'));
  }

  test('the full report: every payload is literal text, nothing is fetched or read, and the report is whole', async () => {
    hits.length = 0;
    const pages = await download(`/api/assessments/${ws.assessment.id}/report?variant=full&locale=en&comments=true`);
    await new Promise((r) => setTimeout(r, 500)); // time for a late refresh or prefetch to arrive
    expect(hits).toEqual([]);
    const text = pages.join('\n');
    const flat = squash(text);
    const expected: Array<[string, string]> = [
      ['client name', ws.assessment.clientName], ['industry', ws.clients[0]!.industry], ['assessment title', ws.assessment.title],
      ...ws.respondents.map((r) => ['comment', r.comment] as [string, string]), ...ws.respondents.map((r) => ['free text', r.freeText] as [string, string]),
      ...ws.dissents.map((d) => ['dissent', d] as [string, string]), ...ws.importedComments.map((c) => ['imported comment', c] as [string, string]),
    ];
    const missing = expected.filter(([, p]) => !flat.includes(squash(p))).map(([what, p]) => `${what}: ${p}`);
    expect(missing).toEqual([]);
    expect(text).not.toMatch(/root:x?:0:0|daemon:x?:1:1|listener-body-7f3a/);

    // Whole: the client, every dimension, finding and action of the same answers scored here.
    const exported = await (await ws.creator.raw('GET', `/api/assessments/${ws.assessment.id}/export.json`)).text();
    const { loaded, issues } = loadAnswersText(exported, loadShippedCatalog(), 'export.json');
    expect(issues).toEqual([]);
    const result = scoreAssessment(loaded!.assessment, loaded!.questionnaire, loaded!.rules);
    expectComplete(text, { result, questionnaire: loaded!.questionnaire, rules: loaded!.rules, assessment: loaded!.assessment }, 'en');
    expect(pages.length).toBeGreaterThan(8);
  }, 180_000);

  test('the brief in Chinese, the share-link PDF and the self-assessment PDF stay literal too', async () => {
    hits.length = 0;
    const brief = squash((await download(`/api/assessments/${ws.assessment.id}/report?variant=brief&locale=zh-CN`)).join('\n'));
    const shared = squash((await download(`/api/share/${ws.shareToken}/report?variant=brief&locale=en`)).join('\n'));
    const self = squash((await download(`/api/s/${ws.self.token}/report?variant=brief&locale=en`)).join('\n'));
    await new Promise((r) => setTimeout(r, 500));
    expect(hits).toEqual([]);
    expect(brief).toContain(squash(ws.assessment.clientName));
    expect(shared).toContain(squash(ws.assessment.clientName));
    expect(self).toContain(squash(ws.self.organisation));
    for (const t of [brief, shared, self]) expect(t).not.toMatch(/root:x?:0:0|listener-body-7f3a/);
  }, 180_000);
});
