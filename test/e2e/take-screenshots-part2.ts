/**
 * Screenshots of the self-assessment, share, workshop and follow-up screens, desktop (1280x800)
 * and phone (390x844), against a fresh server with the follow-up fixture catalog:
 *   npx tsx test/e2e/take-screenshots-part2.ts [outDir] [--docs]
 * --docs also copies the main ones to docs/images/ui-*.png for the README.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { findUnlabelled, launchBrowser, sleep, watchPage } from './helpers.ts';
import { answerThroughApi, questionnaireOf, seedAssessment, setUpConsultant, signIn, startFollowUpServer } from './part2-support.ts';
import { FOLLOW_UP_VERSION } from '../support/follow-up-catalog.ts';
import { valueFor } from '../support/answer-values.ts';

const args = process.argv.slice(2);
const out = path.resolve(args.find((a) => !a.startsWith('--')) ?? '/tmp/crm-screens-2');
const toDocs = args.includes('--docs');
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
type Size = keyof typeof SIZES;
const problems: string[] = [];

async function open(browser: Browser, size: Size, opts: { cookies?: Parameters<Page['setCookie']>; locale?: 'en' | 'zh-CN' } = {}): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.setViewport(SIZES[size]);
  watchPage(page, problems);
  if (opts.cookies) await page.setCookie(...opts.cookies);
  if (opts.locale) await page.evaluateOnNewDocument((l) => localStorage.setItem('crm-readiness.locale', l), opts.locale);
  return page;
}

async function shot(page: Page, name: string, fullPage = true) {
  await page.bringToFront();
  await sleep(600);
  for (const control of await findUnlabelled(page)) problems.push(`${name}: unlabelled ${control}`);
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage });
  // The first screen alone, at full resolution, to look at the details.
  if (fullPage) await page.screenshot({ path: path.join(out, `${name}-top.png`) });
}

async function main() {
  mkdirSync(out, { recursive: true });
  const srv = await startFollowUpServer();
  const browser = await launchBrowser();
  const base = srv.url;
  try {
    const api = await setUpConsultant(base);
    const v1 = questionnaireOf(srv.catalog, '1.0.0');
    const v11 = questionnaireOf(srv.catalog, FOLLOW_UP_VERSION);
    const admin = await open(browser, 'desktop');
    await signIn(admin, base);
    const cookies = await admin.cookies();

    // Landing page with the executives' offer, and the self-assessment start.
    for (const size of ['desktop', 'phone'] as const) {
      const p = await open(browser, size);
      await p.goto(`${base}/#/signin`, { waitUntil: 'networkidle0' });
      await p.waitForSelector('#self-assessment-link');
      await shot(p, `landing-${size}`);
      for (const locale of ['en', 'zh-CN'] as const) {
        const s = await open(browser, size, { locale });
        await s.goto(`${base}/self-assessment`, { waitUntil: 'networkidle0' });
        await s.waitForSelector('#start-self-assessment');
        await shot(s, `self-start-${locale}-${size}`);
      }
    }

    // A self-assessment: a section while answering, then the scorecard.
    for (const [size, locale] of [['desktop', 'en'], ['phone', 'zh-CN']] as const) {
      const res = await fetch(`${base}/api/self-assessments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale, organisation: locale === 'en' ? 'Hengtai Industrial' : '恒泰工业' }) });
      const { path: link, token } = (await res.json()) as { path: string; token: string };
      const p = await open(browser, size, { locale });
      await p.goto(`${base}${link}#s1`, { waitUntil: 'networkidle0' });
      await p.waitForSelector('fieldset.question');
      const first = await p.$$('fieldset.question:not([hidden]) label.choice:not(.special) input');
      await first[1]!.click();
      await p.waitForSelector('.save-state.saved');
      await shot(p, `self-section-${locale}-${size}`);
      // A mixed picture reads better than all-worst: healthy answers, then every third question at its worst.
      await answerThroughApi(base, v11, token, 'executive', 1);
      const mixed = v11.questions.filter((x) => x.roles.includes('executive') && !x.showIf && x.type !== 'text').filter((_, i) => i % 3 === 0);
      for (const x of mixed) await fetch(`${base}/api/r/${token}/answers/${x.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: valueFor(v11, x, 0) }) });
      await p.goto(`${base}${link}#scorecard`, { waitUntil: 'networkidle0' });
      await p.reload({ waitUntil: 'networkidle0' });
      await p.waitForSelector('.scorecard-head');
      await shot(p, `self-scorecard-${locale}-${size}`);
    }

    // A finished workshop, shared with a sponsor.
    const seeded = await seedAssessment(api, v1, {
      client: 'Globex Logistics', title: 'Pre-selection readiness',
      people: [{ role: 'executive', name: 'Grace', health: 1 }, { role: 'executive', health: 1 }, { role: 'executive', health: 1 }, { role: 'end-user', health: 0 }, { role: 'end-user', health: 0 }, { role: 'end-user', health: 0 }, { role: 'business', health: 0 }],
      close: true,
    });
    const share = await api.call('POST', `/api/assessments/${seeded.assessmentId}/share-links`, { label: 'CFO', expiresOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) });
    for (const size of ['desktop', 'phone'] as const) {
      const p = await open(browser, size, { cookies });
      await p.goto(`${base}/#/assessments/${seeded.assessmentId}/share`, { waitUntil: 'networkidle0' });
      await p.waitForSelector('#share-form');
      await shot(p, `share-tab-${size}`);
      const s = await open(browser, size, { locale: size === 'phone' ? 'zh-CN' : 'en' });
      await s.goto(`${base}${share.json.path}`, { waitUntil: 'networkidle0' });
      await s.waitForSelector('.scorecard-head');
      await shot(s, `share-page-${size}`);
    }

    // Workshop mode: two questions, one with an agreed answer.
    await api.call('PUT', `/api/assessments/${seeded.assessmentId}/consensus/STR-01`, { value: 2, dissent: 'The CFO rates this a 4' });
    for (const size of ['desktop', 'phone'] as const) {
      const p = await open(browser, size, { cookies });
      await p.goto(`${base}/workshop.html?assessment=${seeded.assessmentId}#ORG-02`, { waitUntil: 'networkidle0' });
      await p.waitForSelector('.ws-dist');
      await shot(p, `workshop-${size}`, size === 'phone');
      await p.goto(`${base}/workshop.html?assessment=${seeded.assessmentId}#STR-01`, { waitUntil: 'networkidle0' });
      await p.reload({ waitUntil: 'networkidle0' });
      await p.waitForSelector('.ws-dist');
      await shot(p, `workshop-agreed-${size}`, size === 'phone');
    }

    // A follow-up on the newer questionnaire version, compared with the first.
    const actions = (await api.call('GET', `/api/assessments/${seeded.assessmentId}/actions`)).json.actions as Array<{ id: string }>;
    await api.call('PUT', `/api/assessments/${seeded.assessmentId}/actions/${actions[0]!.id}`, { status: 'done', note: 'Signed off by the board' });
    await api.call('PUT', `/api/assessments/${seeded.assessmentId}/actions/${actions[1]!.id}`, { status: 'in-progress' });
    await api.call('PUT', `/api/assessments/${seeded.assessmentId}/actions/${actions[2]!.id}`, { status: 'dropped' });
    const fu = await api.call('POST', `/api/assessments/${seeded.assessmentId}/follow-ups`, { title: 'Readiness one year on', invite: 'same-people' });
    const roles = ['executive', 'executive', 'executive', 'end-user', 'end-user', 'end-user', 'business'];
    for (const [i, l] of (fu.json.links as Array<{ token: string }>).entries()) await answerThroughApi(base, v11, l.token, roles[i]!, i < 3 ? 1 : i === 6 ? 1 : 0);
    for (const size of ['desktop', 'phone'] as const) {
      const p = await open(browser, size, { cookies });
      await p.goto(`${base}/#/assessments/${fu.json.assessment.id}/followup`, { waitUntil: 'networkidle0' });
      await p.waitForSelector('#cmp-basis');
      await shot(p, `compare-${size}`);
    }
    for (const size of ['desktop', 'phone'] as const) {
      const p = await open(browser, size);
      await p.goto(`${base}/share-expired.html`, { waitUntil: 'networkidle0' });
      await shot(p, `share-expired-${size}`);
    }

    if (toDocs) {
      const images = path.resolve('docs/images');
      mkdirSync(images, { recursive: true });
      const chosen: Record<string, string> = {
        'ui-self-assessment.png': 'self-scorecard-en-desktop-top', 'ui-share.png': 'share-page-desktop-top', 'ui-workshop.png': 'workshop-agreed-desktop', 'ui-compare.png': 'compare-desktop-top',
      };
      for (const [to, from] of Object.entries(chosen)) copyFileSync(path.join(out, `${from}.png`), path.join(images, to));
    }
  } finally {
    await browser.close();
    await srv.close();
  }
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exitCode = 1;
  }
  console.log(`screenshots in ${out}`);
}

main();
