import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findUnlabelled, launchBrowser, sleep, startE2eServer, watchPage, type E2eServer } from './helpers.ts';

let srv: E2eServer;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  srv = await startE2eServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

async function newPage(width = 1280, height = 900, downloadPath?: string): Promise<Page> {
  // One browser context per person: separate cookies and language memory, like separate devices.
  const context = await browser.createBrowserContext(downloadPath ? { downloadBehavior: { policy: 'allow', downloadPath } } : {});
  const page = await context.newPage();
  await page.setViewport({ width, height });
  watchPage(page, problems);
  return page;
}

async function fill(page: Page, selector: string, text: string) {
  await page.waitForSelector(selector, { visible: true });
  await page.click(selector, { count: 3 });
  await page.type(selector, text);
}

/**
 * Answers every visible, unanswered question on the current section as a person would, one at a
 * time, waiting for each "Saved": `pick` chooses which option (0 = first, 1 = last, 0.5 = middle).
 */
async function answerSection(page: Page, pick: number, answered: Set<string>): Promise<string[]> {
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
      const min = await page.$eval(`${q} input[type="number"]`, (el) => (el as HTMLInputElement).min);
      await page.type(`${q} input[type="number"]`, min);
      await page.keyboard.press('Tab');
    } else {
      await page.type(`${q} textarea`, 'Works for us, mostly.');
      await page.keyboard.press('Tab');
    }
    await page.waitForSelector(`${q} .save-state.saved`, { timeout: 20_000 });
    answered.add(next);
    done.push(next);
  }
  throw new Error('too many questions on one section');
}

async function goNext(page: Page) {
  const before = await page.evaluate(() => location.hash);
  await page.click('.nav-buttons .btn:not(.secondary)');
  await page.waitForFunction((h) => location.hash !== h && document.querySelector('main')?.dataset.ready === 'true', {}, before);
}

/** A respondent's whole journey: welcome, every section, review, submit. */
async function respond(link: string, opts: { pick: number; locale?: 'zh-CN'; reloadAfterFirstSection?: boolean }) {
  const page = await newPage(opts.locale ? 390 : 1280, opts.locale ? 844 : 900);
  const response = await page.goto(link, { waitUntil: 'networkidle0' });
  expect(response!.status()).toBe(200);
  await page.waitForSelector('main[data-ready="true"] .card .btn');
  if (opts.locale) {
    await page.select('#tools select', opts.locale);
    await page.waitForFunction(() => document.querySelector('main .card .btn')?.textContent === '开始');
  }
  expect(await findUnlabelled(page)).toEqual([]);
  await page.click('main .card .btn');
  await page.waitForSelector('fieldset.question');
  expect(await findUnlabelled(page)).toEqual([]);
  const answered = new Set<string>();
  const sections = await page.$$eval('.stepper button', (els) => els.length);
  for (let s = 0; s < sections; s++) {
    const done = await answerSection(page, opts.pick, answered);
    if (opts.locale) expect(await page.$eval('h1', (el) => el.textContent)).toMatch(/[\u4e00-\u9fff]/);
    if (s === 0 && opts.reloadAfterFirstSection) {
      // Closing the tab loses nothing: reload and find every answer still there.
      const hash = await page.evaluate(() => location.hash);
      await page.reload({ waitUntil: 'networkidle0' });
      await page.waitForSelector('main[data-ready="true"] fieldset.question');
      expect(await page.evaluate(() => location.hash)).toBe(hash);
      for (const id of done) {
        const kept = await page.$eval(`#question-${id}`, (el) => Array.from(el.querySelectorAll('input, textarea')).some((i) => ((i as HTMLInputElement).type === 'radio' || (i as HTMLInputElement).type === 'checkbox') ? (i as HTMLInputElement).checked : (i as HTMLInputElement).value !== ''));
        expect(kept, `answer to ${id} after reload`).toBe(true);
      }
      const label = await page.$eval('#progress-label', (el) => el.textContent);
      expect(label).toContain(String(done.length));
    }
    await goNext(page);
  }
  expect(await page.evaluate(() => location.hash)).toBe('#review');
  // The hash changes before the review view is drawn; on a loaded machine the click can come first.
  await page.waitForSelector('#submit-answers', { visible: true });
  await page.click('#submit-answers');
  await page.click('.confirm .btn.danger');
  await page.waitForSelector('.notice.success');
  await page.close();
  return answered.size;
}

test('a workshop from invitation to PDF in real Chromium', async () => {
  const downloads = path.join(srv.dir, 'downloads');
  mkdirSync(downloads);
  const consultant = await newPage(1280, 900, downloads);
  await consultant.goto(srv.url, { waitUntil: 'networkidle0' });

  // First start: the setup page creates the admin (no demo, to keep this run about one workshop).
  await fill(consultant, 'input[name="name"]', 'Ada Consultant');
  await fill(consultant, 'input[name="email"]', 'ada@example.com');
  await fill(consultant, 'input[name="password"]', 'correct horse battery');
  await consultant.click('input[name="demo"]');
  await consultant.click('button[type="submit"]');
  await consultant.waitForSelector('.page-head h1');

  // A client and an assessment.
  await consultant.click('.page-head .btn:not(.secondary)');
  await fill(consultant, 'form input[name="name"]', 'Globex Logistics');
  await fill(consultant, 'form input[name="industry"]', 'Logistics');
  await consultant.click('form button[type="submit"]');
  await consultant.waitForSelector('form input[name="title"]', { visible: true });
  await consultant.click('form button[type="submit"]');
  await consultant.waitForSelector('.invite-row select');

  // Three invitations: an executive, an IT lead and an end user.
  await consultant.click('#add-invite-row');
  await consultant.click('#add-invite-row');
  const selects = await consultant.$$('.invite-row select');
  await selects[0]!.select('executive');
  await selects[1]!.select('it');
  await selects[2]!.select('end-user');
  const names = await consultant.$$('.invite-row input');
  await names[0]!.type('Grace Exec');
  await names[1]!.type('李工');
  await names[2]!.type('Sam Frontline');
  await consultant.click('form.card button[type="submit"]');
  await consultant.waitForSelector('.link-input');
  expect(await findUnlabelled(consultant)).toEqual([]);
  const links = await consultant.$$eval('.link-input', (els) => els.map((e) => (e as HTMLInputElement).value));
  expect(links).toHaveLength(3);
  for (const l of links) expect(l).toMatch(new RegExp(`^${srv.url}/r/[A-Za-z0-9_-]{43}$`));
  const assessmentHash = await consultant.evaluate(() => location.hash.replace(/\/respondents$/, ''));

  // The live dashboard stays open while people answer; it must update without a reload.
  await consultant.goto(`${srv.url}/${assessmentHash}/dashboard`, { waitUntil: 'networkidle0' });
  await consultant.waitForSelector('.progress-row');
  await consultant.evaluate(() => { (window as unknown as { notReloaded: boolean }).notReloaded = true; });
  expect(await consultant.$$eval('.progress-row .badge.not-opened', (els) => els.length)).toBe(3);

  // All three answer at the same time: one in Chinese on a phone, one reloading half-way.
  const counts = await Promise.all([
    respond(links[0]!, { pick: 1 }),
    respond(links[1]!, { pick: 0.5, locale: 'zh-CN' }),
    respond(links[2]!, { pick: 0, reloadAfterFirstSection: true }),
  ]);
  for (const n of counts) expect(n).toBeGreaterThan(0);

  await consultant.waitForFunction(() => document.querySelectorAll('.progress-row .badge.submitted').length === 3, { timeout: 30_000 });
  expect(await consultant.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  const kpis = await consultant.$$eval('.kpi .value', (els) => els.map((e) => e.textContent?.trim()));
  expect(kpis[2]).toBe('3/3');
  expect(kpis[3]).toBe('3');
  expect(kpis[0]).toMatch(/^\d+/);
  expect(await consultant.$$eval('.finding', (els) => els.length)).toBeGreaterThan(0);
  expect(await findUnlabelled(consultant)).toEqual([]);
  expect(await consultant.$eval('canvas', (c) => (c as HTMLCanvasElement).width)).toBeGreaterThan(0);

  // The PDF: downloaded through the page, read back with pdftotext.
  await consultant.goto(`${srv.url}/${assessmentHash}/data`, { waitUntil: 'networkidle0' });
  await consultant.waitForSelector('#download-report');
  await consultant.click('#download-report');
  let pdf = '';
  for (let i = 0; i < 240 && !pdf; i++) {
    await sleep(500);
    pdf = readdirSync(downloads).find((f) => f.endsWith('.pdf')) ?? '';
  }
  expect(pdf).toMatch(/^Globex Logistics .*\.pdf$/);
  const text = execFileSync('pdftotext', ['-layout', path.join(downloads, pdf), '-'], { encoding: 'utf8' });
  expect(text).toContain('Globex Logistics');
  expect(text).toMatch(/CRM readiness workshop/);

  // Revoking a link: the respondent's page answers 404.
  await consultant.goto(`${srv.url}/${assessmentHash}/respondents`, { waitUntil: 'networkidle0' });
  await consultant.waitForSelector('tbody tr');
  const revoke = await consultant.$$eval('tbody tr', (rows) => rows.findIndex((r) => r.textContent?.includes('Sam Frontline')));
  const buttons = await consultant.$$('tbody tr');
  await (await buttons[revoke]!.$('.btn.danger'))!.click();
  await consultant.click('.confirm .btn.danger');
  await consultant.waitForFunction(() => Array.from(document.querySelectorAll('tbody tr')).some((r) => r.textContent?.includes('Sam Frontline') && r.querySelector('.badge.revoked')));
  const gone = await newPage();
  const res = await gone.goto(links[2]!);
  expect(res!.status()).toBe(404);
  expect(await gone.content()).toContain('This link or page does not exist');
  expect(existsSync(path.join(downloads, pdf))).toBe(true);

  expect(problems).toEqual([]);
}, 300_000);
