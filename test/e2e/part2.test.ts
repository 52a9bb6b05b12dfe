import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, KeyInput, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FOLLOW_UP_VERSION } from '../support/follow-up-catalog.ts';
import type { Consultant } from '../support/server-process.ts';
import { findUnlabelled, launchBrowser, watchPage } from './helpers.ts';
import { answerSection, answerThroughApi, questionnaireOf, seedAssessment, setUpConsultant, signIn, startFollowUpServer, waitForDownload } from './part2-support.ts';

let srv: Awaited<ReturnType<typeof startFollowUpServer>>;
let browser: Browser;
let api: Consultant;
const problems: string[] = [];
const BANDS_ZH = ['高风险', '风险较高', '中等', '已就绪'];

beforeAll(async () => {
  srv = await startFollowUpServer();
  browser = await launchBrowser();
  api = await setUpConsultant(srv.url);
});
afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

/** One browser context per person (separate cookies and language memory); downloads go to `downloads`. */
async function newPage(width: number, height: number, downloads?: string): Promise<Page> {
  const context = await browser.createBrowserContext(downloads ? { downloadBehavior: { policy: 'allow', downloadPath: downloads } } : {});
  const page = await context.newPage();
  await page.setViewport({ width, height });
  watchPage(page, problems, /status of 40[1449]|status of 410/);
  return page;
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const downloadsDir = (name: string) => { const d = path.join(srv.dir, name); mkdirSync(d, { recursive: true }); return d; };

describe('the executive self-assessment', () => {
  for (const [locale, size, pick] of [['en', [1280, 900], 0], ['zh-CN', [390, 844], 1]] as const) {
    test(`from the landing page to the PDF, in ${locale}`, async () => {
      const downloads = downloadsDir(`self-${locale}`);
      const page = await newPage(size[0], size[1], downloads);
      // The landing page (sign-in) offers the self-assessment to executives.
      await page.goto(srv.url, { waitUntil: 'networkidle0' });
      await page.waitForSelector('#self-assessment-link');
      await page.click('#self-assessment-link');
      await page.waitForSelector('#start-self-assessment');
      await page.click(`input[name="locale"][value="${locale}"]`);
      await page.waitForFunction((l) => document.documentElement.lang === l, {}, locale);
      if (locale === 'zh-CN') expect(await page.$eval('h1', (el) => el.textContent)).toMatch(/[\u4e00-\u9fff]/);
      const org = locale === 'en' ? 'Hengtai Industrial' : '恒泰工业';
      await page.type('#organisation', org);
      expect(await findUnlabelled(page)).toEqual([]);
      await page.click('#start-self-assessment');
      await page.waitForSelector('main[data-ready="true"] fieldset.question');
      expect(page.url()).toMatch(new RegExp(`^${srv.url}/s/[A-Za-z0-9_-]{43}#s1$`));
      const link = page.url().replace(/#.*$/, '');

      // The executive path, section by section, with the progress bar moving and every answer saved.
      const answered = new Set<string>();
      const sections = await page.$$eval('.stepper button', (els) => els.length);
      expect(await page.$eval('.private-link input', (el) => (el as HTMLInputElement).value)).toBe(link);
      for (let s = 0; s < sections; s++) {
        await answerSection(page, pick, answered);
        const label = await page.$eval('#progress-label', (el) => el.textContent ?? '');
        expect(label).toContain(String(answered.size));
        if (locale === 'zh-CN') expect(await page.$eval('h1', (el) => el.textContent)).toMatch(/[\u4e00-\u9fff]/);
        const before = await page.evaluate(() => location.hash);
        await page.click(s === sections - 1 ? '#see-scorecard' : '#next-section');
        await page.waitForFunction((h) => location.hash !== h && document.querySelector('main')?.dataset.ready === 'true', {}, before);
      }
      expect(answered.size).toBeGreaterThan(20);

      // The instant scorecard: band, radar, top risks in plain words, first actions, the workshop pitch.
      await page.waitForSelector('.scorecard-head');
      const band = await page.$eval('#band', (el) => el.textContent);
      expect(locale === 'en' ? ['High risk', 'Elevated risk', 'Moderate', 'Ready'] : BANDS_ZH).toContain(band);
      expect(await page.$$eval('.risks > li', (els) => els.length)).toBeGreaterThan(0);
      expect(await page.$$eval('.actions > li', (els) => els.length)).toBeGreaterThan(0);
      expect(await page.$eval('canvas', (c) => (c as HTMLCanvasElement).width)).toBeGreaterThan(0);
      expect(await page.$eval('.pitch', (el) => el.textContent)).toMatch(locale === 'en' ? /also asked of .*End users/ : /一线用户/);
      expect(await findUnlabelled(page)).toEqual([]);

      // The private link brings the result back later, on another device too.
      const later = await newPage(size[0], size[1], downloads);
      await later.evaluateOnNewDocument((l) => localStorage.setItem('crm-readiness.locale', l), locale);
      const res = await later.goto(link, { waitUntil: 'networkidle0' });
      expect(res!.status()).toBe(200);
      await later.waitForSelector('.scorecard-head');
      expect(await later.$eval('h1', (el) => el.textContent)).toContain(org);

      // The PDF, brief in English, full in Chinese, read back with pdftotext.
      if (locale === 'zh-CN') await later.click('input[name="self-pdf-variant"][value="full"]');
      await later.click(`input[name="self-pdf-locale"][value="${locale}"]`);
      await later.click('#download-pdf');
      const pdf = await waitForDownload(downloads, '.pdf');
      const text = pdfText(path.join(downloads, pdf));
      expect(text).toContain(org);
      expect(text).toMatch(locale === 'en' ? /Executive self-assessment/ : /高管自评/);
      if (locale === 'zh-CN') expect(text).toMatch(/附录/);

      // Deleting really deletes: the link stops working.
      if (locale === 'en') {
        await later.click('#delete-self-assessment');
        await later.click('.confirm .btn.danger');
        await later.waitForSelector('#deleted');
        const gone = await newPage(1280, 800);
        expect((await gone.goto(link))!.status()).toBe(404);
      }
      expect(problems).toEqual([]);
    }, 240_000);
  }
});

describe('a sponsor share link', () => {
  test('opens a read-only summary, downloads the PDF (recorded, then from the cache), and stops working when revoked or expired', async () => {
    const v1 = questionnaireOf(srv.catalog, '1.0.0');
    const { assessmentId } = await seedAssessment(api, v1, { client: 'Globex Logistics', people: [{ role: 'executive', health: 1 }, { role: 'executive', health: 1 }, { role: 'executive', health: 1 }, { role: 'it', health: 0 }] });
    const consultant = await newPage(1280, 900);
    await signIn(consultant, srv.url);
    await consultant.goto(`${srv.url}/#/assessments/${assessmentId}/share`, { waitUntil: 'networkidle0' });
    await consultant.waitForSelector('#share-form');
    await consultant.type('#share-form input[name="label"]', 'CFO');
    await consultant.click('#create-share-link');
    await consultant.waitForSelector('#share-link-url');
    const link = await consultant.$eval('#share-link-url', (el) => (el as HTMLInputElement).value);
    expect(link).toMatch(new RegExp(`^${srv.url}/share/[A-Za-z0-9_-]{43}$`));
    expect(await findUnlabelled(consultant)).toEqual([]);

    const downloads = downloadsDir('sponsor');
    const sponsor = await newPage(390, 844, downloads);
    await sponsor.goto(link, { waitUntil: 'networkidle0' });
    await sponsor.waitForSelector('.scorecard-head');
    expect(await sponsor.$eval('h1', (el) => el.textContent)).toBe('Globex Logistics');
    expect(await sponsor.$$eval('.roadmap .phase', (els) => els.length)).toBeGreaterThan(0);
    expect(await sponsor.$$eval('.risks > li', (els) => els.length)).toBeGreaterThan(0);
    // Nothing on the page changes anything: no form, no text field, one button (the download).
    expect(await sponsor.$$eval('form, textarea, input[type="text"], select:not(#tools select)', (els) => els.length)).toBe(0);
    expect(await sponsor.$$eval('main button', (els) => els.map((b) => b.id))).toEqual(['download-pdf']);
    // And the API behind the link refuses every write.
    const token = link.split('/').pop()!;
    const writes = await sponsor.evaluate(async (tk, id) => Promise.all([
      fetch(`/api/share/${tk}`, { method: 'POST' }).then((r) => r.status),
      fetch(`/api/share/${tk}`, { method: 'DELETE' }).then((r) => r.status),
      fetch(`/api/assessments/${id}/close`, { method: 'POST' }).then((r) => r.status),
      fetch(`/api/assessments/${id}/share-links`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"expiresOn":"2099-01-01"}' }).then((r) => r.status),
    ]), token, assessmentId);
    expect(writes).toEqual([404, 404, 401, 401]);

    await sponsor.click('#download-pdf');
    const pdf = await waitForDownload(downloads, '.pdf');
    expect(pdfText(path.join(downloads, pdf))).toContain('Globex Logistics');
    // Again (the browser may save it over the first file): the page says when it has the PDF.
    await sponsor.click('#download-pdf');
    await sponsor.waitForFunction(() => !(document.querySelector('#download-pdf') as HTMLButtonElement).disabled && document.querySelector('#download-pdf + p')?.textContent === 'Report downloaded.');

    // The consultant sees both downloads, the second served from the cache.
    await consultant.reload({ waitUntil: 'networkidle0' });
    await consultant.waitForSelector('#share-downloads');
    const log = await consultant.$$eval('#share-downloads li', (els) => els.map((e) => e.textContent ?? ''));
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(/CFO.*served from the cache/s);
    expect(log[1]).not.toMatch(/cache/);
    expect(await consultant.$eval('#share-links td.downloads', (el) => el.textContent)).toMatch(/^2/);

    // Revoked: the sponsor's link is a 404.
    await consultant.click('#share-links .btn.danger');
    await consultant.click('.confirm .btn.danger');
    await consultant.waitForFunction(() => document.querySelector('#share-links .badge.revoked') !== null);
    const revoked = await sponsor.goto(link);
    expect(revoked!.status()).toBe(404);
    expect(await sponsor.content()).toContain('This link or page does not exist');

    // Expired: the link says so (410). Time is moved by setting the expiry in the past.
    const fresh = await api.call('POST', `/api/assessments/${assessmentId}/share-links`, { expiresOn: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) });
    expect((await sponsor.goto(`${srv.url}${fresh.json.path}`))!.status()).toBe(200);
    srv.server.store.db.prepare('UPDATE share_links SET expires_at = ? WHERE id = ?').run('2020-01-01T23:59:59.999Z', fresh.json.link.id);
    const expired = await sponsor.goto(`${srv.url}${fresh.json.path}`);
    expect(expired!.status()).toBe(410);
    expect(await sponsor.content()).toContain('This report link has expired');
    expect(problems).toEqual([]);
  }, 240_000);
});

describe('workshop mode', () => {
  test('walks the questions by keyboard, records two agreed answers, and the score changes accordingly', async () => {
    const v1 = questionnaireOf(srv.catalog, '1.0.0');
    const { assessmentId } = await seedAssessment(api, v1, {
      client: 'Initech', people: [{ role: 'executive', health: 1 }, { role: 'executive', health: 1 }, { role: 'executive', health: 1 }, { role: 'end-user', health: 0 }, { role: 'end-user', health: 0 }, { role: 'end-user', health: 0 }],
    });
    const before = (await api.call('GET', `/api/assessments/${assessmentId}/dashboard`)).json.result.overall.index as number;
    const page = await newPage(1280, 800);
    await signIn(page, srv.url);
    await page.goto(`${srv.url}/#/assessments/${assessmentId}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('#workshop-mode');
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('#workshop-mode')]);
    await page.waitForSelector('main[data-ready="true"] .ws-dist');
    // Readable from the back of the room: the question is set large.
    expect(parseFloat(await page.$eval('#ws-text', (el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(32);
    expect(Number(await page.$eval('#ws-score', (el) => (el as HTMLElement).dataset.index))).toBe(before);
    expect(await page.$eval('#ws-pos', (el) => el.textContent)).toMatch(/^Question 1 of \d+$/);

    // The first question: everyone, and the executives on their own (three of them); the end users were not asked.
    const first = await page.$eval('main', (el) => (el as HTMLElement).dataset.question);
    expect(await page.$$eval('.ws-groups h3', (els) => els.map((e) => e.textContent))).toEqual(['Executives · 3 answers']);
    // Three executives answered the healthiest level: agree on the lowest instead (key 1), with a dissent note.
    await page.keyboard.press('1');
    await page.keyboard.press('d');
    await page.keyboard.type('The CEO still sees written goals');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#ws-status')?.classList.contains('agreed'));
    const afterOne = Number(await page.$eval('#ws-score', (el) => (el as HTMLElement).dataset.index));
    expect(afterOne).toBeLessThan(before);

    // Next question (→), back (←): the agreed answer is still there; next again.
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((id) => document.querySelector('main')?.dataset.question !== id, {}, first);
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((id) => document.querySelector('main')?.dataset.question === id, {}, first);
    expect(await page.$eval('#ws-status', (el) => el.textContent)).toMatch(/^Agreed:/);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((id) => document.querySelector('main')?.dataset.question !== id, {}, first);
    const second = await page.$eval('main', (el) => (el as HTMLElement).dataset.question);
    // The room agrees on an answer nobody gave (the executives all gave the healthiest one).
    const key = await page.$$eval('.ws-all .ws-dist li', (rows) => rows.findIndex((r) => !r.classList.contains('special') && r.querySelector('.n')?.textContent === '0') + 1);
    expect(key).toBeGreaterThan(0);
    await page.keyboard.press(String(key) as KeyInput);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#ws-status')?.classList.contains('agreed'));
    expect(await page.$eval('.ws-agreed', (el) => el.textContent)).toBe('2 agreed');

    // The score, the dashboard and the report's input all use the two agreed answers.
    const detail = (await api.call('GET', `/api/assessments/${assessmentId}/workshop`)).json;
    const agreed = detail.questions.filter((q: { consensus: unknown }) => q.consensus).map((q: { id: string; consensus: { dissent: string | null } }) => [q.id, q.consensus.dissent]);
    expect(agreed).toEqual([[first, 'The CEO still sees written goals'], [second, null]]);
    const after = (await api.call('GET', `/api/assessments/${assessmentId}/dashboard`)).json.result.overall.index as number;
    expect(Number(await page.$eval('#ws-score', (el) => (el as HTMLElement).dataset.index))).toBe(after);
    expect(after).toBeLessThan(afterOne);
    expect(await findUnlabelled(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 240_000);
});

describe('a follow-up assessment', () => {
  test('on a newer questionnaire version (renamed and split questions) shows the comparison, and its full report the progress', async () => {
    const v1 = questionnaireOf(srv.catalog, '1.0.0');
    const v11 = questionnaireOf(srv.catalog, FOLLOW_UP_VERSION);
    const people = [{ role: 'executive', name: 'Grace', health: 0 as const }, { role: 'executive', name: 'Hal', health: 0 as const }, { role: 'executive', name: 'Ivy', health: 0 as const }, { role: 'business', name: '李娜', health: 0 as const }];
    const { assessmentId } = await seedAssessment(api, v1, { client: 'Umbrella Trading', title: 'Readiness 2025', people, close: true });
    const downloads = downloadsDir('follow-up');
    const page = await newPage(1280, 900, downloads);
    await signIn(page, srv.url);

    // Between the two: the consultant marks the first action of the plan done.
    await page.goto(`${srv.url}/#/assessments/${assessmentId}/followup`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('#plan-actions select');
    const firstAction = await page.$eval('#plan-actions select', (el) => (el as HTMLSelectElement).dataset.action!);
    await page.select('#plan-actions select', 'done');
    await page.waitForFunction(() => document.querySelector('#plan-actions [role="status"]')?.textContent === 'Saved');

    // Start the follow-up on 1.1.0 with the same people.
    await page.select('#follow-up-form select[name="questionnaire"]', `crm-readiness@${FOLLOW_UP_VERSION}`);
    await page.click('#follow-up-form input[name="title"]', { count: 3 });
    await page.type('#follow-up-form input[name="title"]', 'Readiness 2026');
    await page.click('#start-follow-up');
    await page.waitForSelector('#open-follow-up');
    const links = await page.$$eval('#start-follow-up-card .link-input', (els) => els.map((e) => (e as HTMLInputElement).value));
    expect(links).toHaveLength(4);
    for (const [i, l] of links.entries()) await answerThroughApi(srv.url, v11, l.split('/').pop()!, people[i]!.role, 1);
    await Promise.all([page.waitForFunction(() => /^#\/assessments\/\d+$/.test(location.hash)), page.click('#open-follow-up')]);
    const hash = await page.evaluate(() => location.hash);

    await page.goto(`${srv.url}/${hash}/followup`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('#cmp-basis');
    const basis = await page.$eval('#cmp-basis', (el) => el.textContent ?? '');
    const scoredOld = v1.questions.filter((q) => q.type !== 'text').length;
    expect(basis).toContain(`carried from version 1.0.0 to ${FOLLOW_UP_VERSION} through the mapping ${FOLLOW_UP_VERSION} declares: ${scoredOld - 1} of ${scoredOld} scored questions carry over (1 renamed, 1 split, 1 removed)`);
    expect(basis).toMatch(/\d+ of the \d+ scored questions of 1\.1\.0 were answered in both and are compared/);
    expect(Number((await page.$eval('#cmp-delta', (el) => el.textContent ?? '')).replace('+', ''))).toBeGreaterThan(20);
    expect(await page.$eval('#comparison', (el) => el.textContent)).toMatch(/Findings closed \([1-9]\d*\)/);
    expect(await page.$eval(`#earlier-plan select[data-action="${firstAction}"]`, (el) => (el as HTMLSelectElement).value)).toBe('done');
    expect(await findUnlabelled(page)).toEqual([]);

    // The follow-up's full report has "Progress since <date>".
    await page.goto(`${srv.url}/${hash}/data`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('#download-report');
    await page.click('#download-report');
    const pdf = await waitForDownload(downloads, '.pdf');
    const text = pdfText(path.join(downloads, pdf));
    expect(text).toMatch(/Progress since \d+ \w+ \d{4}/);
    expect(text).toContain('Actions of the earlier plan');
    expect(readdirSync(downloads)).toHaveLength(1);
    expect(problems).toEqual([]);
  }, 300_000);
});
