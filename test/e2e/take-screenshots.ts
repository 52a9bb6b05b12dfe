/**
 * Screenshots of every screen, desktop (1280x800) and phone (390x844), against a fresh server:
 *   npx tsx test/e2e/take-screenshots.ts [outDir] [--docs]
 * --docs also copies the main ones to docs/images/ui-*.png for the README.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { findUnlabelled, launchBrowser, sleep, startE2eServer, watchPage } from './helpers.ts';

const args = process.argv.slice(2);
const out = path.resolve(args.find((a) => !a.startsWith('--')) ?? '/tmp/crm-screens');
const toDocs = args.includes('--docs');
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
type Size = keyof typeof SIZES;
const problems: string[] = [];

async function open(browser: Browser, size: Size, cookies?: Parameters<Page['setCookie']>): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.setViewport(SIZES[size]);
  watchPage(page, problems);
  if (cookies) await page.setCookie(...cookies);
  return page;
}

async function shot(page: Page, name: string) {
  await page.bringToFront();
  await sleep(500);
  for (const control of await findUnlabelled(page)) problems.push(`${name}: unlabelled ${control}`);
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
  // Phone pages are long; the first screen is what the README shows.
  if (page.viewport()?.width === SIZES.phone.width) await page.screenshot({ path: path.join(out, `${name}-top.png`) });
}

/** Opens a hash route of the consultant app and waits until it has drawn `ready`. */
async function route(page: Page, base: string, hash: string, ready: string) {
  await page.goto(`${base}/${hash}`, { waitUntil: 'networkidle0' });
  await page.waitForSelector(ready, { visible: true });
}

async function main() {
  mkdirSync(out, { recursive: true });
  const srv = await startE2eServer();
  const browser = await launchBrowser();
  const base = srv.url;
  try {
    // Setup, then sign-in, on a fresh server.
    const admin = await open(browser, 'desktop');
    await route(admin, base, '', 'input[name="name"]');
    await shot(admin, 'setup-desktop');
    const setupPhone = await open(browser, 'phone');
    await route(setupPhone, base, '', 'input[name="name"]');
    await shot(setupPhone, 'setup-phone');
    await admin.type('input[name="name"]', 'Ada Admin');
    await admin.type('input[name="email"]', 'ada@example.com');
    await admin.type('input[name="password"]', 'correct horse battery');
    await admin.click('button[type="submit"]');
    await admin.waitForSelector('.kpis .kpi');
    const cookies = await admin.cookies();
    const demoHash = await admin.evaluate(() => location.hash);
    for (const size of ['desktop', 'phone'] as const) {
      const p = await open(browser, size);
      await route(p, base, '#/signin', 'input[name="email"]');
      await shot(p, `signin-${size}`);
    }

    // Consultant screens, on the demo workspace.
    for (const size of ['desktop', 'phone'] as const) {
      const p = await open(browser, size, cookies);
      await route(p, base, demoHash, '.kpis .kpi');
      await sleep(800);
      await shot(p, `dashboard-${size}`);
      await route(p, base, `${demoHash}/respondents`, 'tbody tr');
      await shot(p, `respondents-demo-${size}`);
      await route(p, base, `${demoHash}/data`, '#download-report');
      await shot(p, `report-data-${size}`);
      await route(p, base, '#/clients', '.list li');
      await shot(p, `clients-${size}`);
      await route(p, base, '#/clients/1', '.grid.side');
      await shot(p, `client-${size}`);
      await route(p, base, '#/password', 'input[name="newPassword"]');
      await shot(p, `password-${size}`);
    }

    // The consultant's screens in Chinese.
    const zh = await open(browser, 'desktop', cookies);
    await zh.evaluateOnNewDocument(() => localStorage.setItem('crm-readiness.locale', 'zh-CN'));
    await route(zh, base, demoHash, '.kpis .kpi');
    await sleep(800);
    await shot(zh, 'dashboard-zh-CN-desktop');
    await route(zh, base, `${demoHash}/respondents`, 'tbody tr');
    await shot(zh, 'respondents-zh-CN-desktop');

    // Admin invites a consultant.
    await route(admin, base, '#/users', 'form input[name="name"]');
    await admin.type('form input[name="name"]', 'Ben Consultant');
    await admin.type('form input[name="email"]', 'ben@example.com');
    await admin.click('form button[type="submit"]');
    await admin.waitForSelector('#temp-password');
    await shot(admin, 'users-desktop');
    const tempPassword = await admin.$eval('#temp-password', (el) => el.textContent ?? '');
    const usersPhone = await open(browser, 'phone', cookies);
    await route(usersPhone, base, '#/users', 'tbody tr');
    await shot(usersPhone, 'users-phone');
    const ben = await open(browser, 'desktop');
    await route(ben, base, '#/signin', 'input[name="email"]');
    await ben.type('input[name="email"]', 'ben@example.com');
    await ben.type('input[name="password"]', tempPassword);
    await ben.click('button[type="submit"]');
    await ben.waitForSelector('input[name="newPassword"]');
    await shot(ben, 'password-forced-desktop');

    // A new client and assessment with three invitations.
    await route(admin, base, '#/clients', '.page-head .btn:not(.secondary)');
    await admin.click('.page-head .btn:not(.secondary)');
    await admin.type('form input[name="name"]', 'Globex Logistics');
    await admin.type('form input[name="industry"]', 'Logistics');
    await admin.type('form input[name="country"]', 'Germany');
    await admin.click('form button[type="submit"]');
    await admin.waitForSelector('form input[name="title"]', { visible: true });
    await shot(admin, 'new-assessment-desktop');
    await admin.click('form button[type="submit"]');
    await admin.waitForSelector('.invite-row select');
    await admin.click('#add-invite-row');
    await admin.click('#add-invite-row');
    const selects = await admin.$$('.invite-row select');
    await selects[1]!.select('it');
    await selects[2]!.select('end-user');
    const names = await admin.$$('.invite-row input');
    await names[0]!.type('Grace (CEO)');
    await names[1]!.type('李工');
    await admin.click('form.card button[type="submit"]');
    await admin.waitForSelector('.link-input');
    await shot(admin, 'invitations-desktop');
    const links = await admin.$$eval('.link-input', (els) => els.map((e) => (e as HTMLInputElement).value));
    const assessmentHash = await admin.evaluate(() => location.hash.replace(/\/respondents$/, ''));
    const invitePhone = await open(browser, 'phone', cookies);
    await route(invitePhone, base, `${assessmentHash}/respondents`, '.invite-row select');
    await shot(invitePhone, 'invitations-phone');

    // Respondent screens.
    for (const size of ['desktop', 'phone'] as const) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const r = await open(browser, size);
        await r.goto(links[locale === 'en' ? 0 : 1]!, { waitUntil: 'networkidle0' });
        await r.waitForSelector('main[data-ready="true"] .card .btn');
        if (locale === 'zh-CN') { await r.select('#tools select', 'zh-CN'); await sleep(300); }
        await shot(r, `respond-welcome-${locale}-${size}`);
        await r.click('main .card .btn');
        await r.waitForSelector('fieldset.question');
        // Each size picks a different option, so the click is a change (and so a save) on the same link.
        const first = await r.$$('fieldset.question:not([hidden]) label.choice:not(.special) input');
        const choice = first[size === 'desktop' ? 1 : 2];
        if (choice) { await choice.click(); await r.waitForSelector('.save-state.saved'); }
        await r.evaluate(() => document.querySelector('fieldset.question details')?.setAttribute('open', ''));
        await shot(r, `respond-section-${locale}-${size}`);
        await r.goto(`${links[locale === 'en' ? 0 : 1]}#review`, { waitUntil: 'networkidle0' });
        await r.waitForSelector('#submit-answers');
        await shot(r, `respond-review-${locale}-${size}`);
        if (size === 'phone' && locale === 'en') {
          await r.click('#submit-answers');
          await r.click('.confirm .btn.danger');
          await r.waitForSelector('.notice.success');
          await shot(r, 'respond-submitted-phone');
        }
      }
    }

    // The live dashboard of the new assessment, with answers in progress.
    await route(admin, base, `${assessmentHash}/dashboard`, '.progress-row');
    await sleep(800);
    await shot(admin, 'dashboard-live-desktop');
    for (const size of ['desktop', 'phone'] as const) {
      const p = await open(browser, size);
      await p.goto(`${base}/r/this-link-does-not-exist`, { waitUntil: 'networkidle0' });
      await shot(p, `link-not-found-${size}`);
      await p.goto(`${base}/expired.html`, { waitUntil: 'networkidle0' });
      await shot(p, `link-expired-${size}`);
    }
    const docs = await open(browser, 'desktop');
    await docs.goto(`${base}/docs`, { waitUntil: 'networkidle0' });
    await docs.waitForSelector('.opblock');
    await docs.screenshot({ path: path.join(out, 'api-docs-desktop.png') });

    if (toDocs) {
      const images = path.resolve('docs/images');
      mkdirSync(images, { recursive: true });
      const main: Record<string, string> = {
        'ui-setup.png': 'setup-desktop', 'ui-dashboard.png': 'dashboard-desktop', 'ui-dashboard-phone.png': 'dashboard-phone-top',
        'ui-invitations.png': 'invitations-desktop', 'ui-report-data.png': 'report-data-desktop', 'ui-clients.png': 'client-desktop',
        'ui-respond-welcome.png': 'respond-welcome-en-desktop', 'ui-respond-section.png': 'respond-section-en-desktop',
        'ui-respond-phone-zh.png': 'respond-section-zh-CN-phone-top', 'ui-respond-review.png': 'respond-review-en-desktop', 'ui-users.png': 'users-desktop',
      };
      for (const [target, source] of Object.entries(main)) copyFileSync(path.join(out, `${source}.png`), path.join(images, target));
    }
    console.log(`screenshots in ${out}${toDocs ? ' (main ones copied to docs/images)' : ''}`);
    if (problems.length) { console.error('page problems:', problems); process.exitCode = 1; }
  } finally {
    await browser.close();
    await srv.close();
  }
}

await main();
