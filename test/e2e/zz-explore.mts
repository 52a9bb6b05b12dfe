import puppeteer, { type Page } from 'puppeteer';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../../src/adapters/http/server.ts';

const out = process.argv[2] ?? '/tmp/shots';
const dir = mkdtempSync(path.join(tmpdir(), 'crm-shots-'));
const server = await startServer({ host: '127.0.0.1', port: 0, dbPath: path.join(dir, 'db.sqlite'), logger: false });
const base = server.url;
const browser = await puppeteer.launch({ protocolTimeout: 30000, executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const errors: string[] = [];
async function newPage(w = 1280, h = 800) {
  const p = await browser.newPage();
  await p.setViewport({ width: w, height: h });
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('401')) errors.push(m.text()); });
  return p;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function shot(p: Page, name: string, full = true) {
  await p.bringToFront(); await sleep(400);
  await p.screenshot({ path: `${out}/${name}.png`, fullPage: full });
  const { w, h } = await p.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
  if (full && h > 1600) for (let y = 0, i = 1; y < h && i <= 4; y += 1400, i++) await p.screenshot({ path: `${out}/${name}-part${i}.png`, clip: { x: 0, y, width: w, height: Math.min(1400, h - y) }, captureBeyondViewport: true });
}
try {
  const p = await newPage();
  await p.goto(base, { waitUntil: 'networkidle0' });
  await p.type('input[name=name]', 'Ada Admin');
  await p.type('input[name=email]', 'ada@example.com');
  await p.type('input[name=password]', 'correct horse battery');
  await p.click('button[type=submit]');
  await p.waitForSelector('.kpis .kpi', { timeout: 20000 });
  await sleep(1000);
  await shot(p, 'dashboard-desktop');
  const phone = await newPage(390, 844);
  const cookies = await p.cookies();
  await phone.setCookie(...cookies);
  await phone.goto(p.url(), { waitUntil: 'networkidle0' });
  await phone.waitForSelector('.kpis .kpi');
  await shot(phone, 'dashboard-phone');
  const hash = new URL(p.url()).hash;
  await p.goto(`${base}/${hash.replace(/\/?(dashboard)?$/, '')}/respondents`.replace('//#', '/#'), { waitUntil: 'networkidle0' });
  await shot(p, 'demo-respondents-desktop');
  await p.goto(`${base}/${hash.replace(/\/?(dashboard)?$/, '')}/data`.replace('//#', '/#'), { waitUntil: 'networkidle0' });
  await shot(p, 'data-desktop');
  await p.goto(`${base}/#/clients`, { waitUntil: 'networkidle0' });
  await shot(p, 'clients-desktop');
  await phone.goto(`${base}/#/clients`, { waitUntil: 'networkidle0' });
  await shot(phone, 'clients-phone');
  await p.goto(`${base}/#/clients/1`, { waitUntil: 'networkidle0' });
  await shot(p, 'client-desktop');
  await p.goto(`${base}/#/users`, { waitUntil: 'networkidle0' });
  await p.waitForSelector('form input[name=name]');
  await p.type('form input[name=name]', 'Ben Consultant');
  await p.type('form input[name=email]', 'ben@example.com');
  await p.click('form button[type=submit]');
  await p.waitForSelector('#temp-password');
  await shot(p, 'users-desktop');
  // a new client + assessment + invitations
  await p.goto(`${base}/#/clients`, { waitUntil: 'networkidle0' });
  await p.waitForSelector('.page-head .btn:not(.secondary)');
  await p.click('.page-head .btn:not(.secondary)');
  await p.type('form input[name=name]', 'Acme Manufacturing');
  await p.type('form input[name=industry]', 'Manufacturing');
  await p.click('form button[type=submit]');
  await p.waitForSelector('.grid.side');
  await shot(p, 'new-client-desktop');
  await p.click('form:not([hidden]) button[type=submit]').catch(async () => { await p.click('.card .row .btn.small'); await p.click('form button[type=submit]'); });
  await p.waitForSelector('.invite-row', { timeout: 10000 });
  await shot(p, 'respondents-empty-desktop');
  await p.click('#add-invite-row');
  await p.click('#add-invite-row');
  const selects = await p.$$('.invite-row select');
  await selects[1]!.select('it');
  await selects[2]!.select('end-user');
  const names = await p.$$('.invite-row input');
  await names[0]!.type('Grace (CEO)');
  await names[1]!.type('李雷');
  await p.click('form.card button[type=submit]');
  await p.waitForSelector('.link-input');
  await shot(p, 'links-desktop');
  const links = await p.$$eval('.link-input', (els) => els.map((e) => (e as HTMLInputElement).value));
  await phone.goto(`${base}/#/assessments/2/respondents`, { waitUntil: 'networkidle0' });
  await shot(phone, 'respondents-phone');
  // respondent
  const r = await newPage();
  await r.goto(links[0]!, { waitUntil: 'networkidle0' });
  await shot(r, 'respond-welcome-desktop');
  await r.click('.card .btn');
  await r.waitForSelector('fieldset.question');
  await shot(r, 'respond-section-desktop');
  const rp = await newPage(390, 844);
  await rp.goto(links[1]!, { waitUntil: 'networkidle0' });
  await shot(rp, 'respond-welcome-phone');
  await rp.click('.card .btn');
  await rp.waitForSelector('fieldset.question');
  await shot(rp, 'respond-section-phone', false);
  await rp.select('#tools select', 'zh-CN');
  await sleep(500);
  await shot(rp, 'respond-section-zh-phone', false);
  await r.goto(`${links[0]}#review`, { waitUntil: 'networkidle0' });
  await shot(r, 'respond-review-desktop');
  const nf = await newPage();
  await nf.goto(`${base}/r/not-a-real-token`, { waitUntil: 'networkidle0' });
  await shot(nf, 'not-found-desktop');
  await nf.goto(`${base}/#/signin`, { waitUntil: 'networkidle0' });
  await shot(nf, 'signin-desktop');
  const docs = await newPage();
  await docs.goto(`${base}/docs`, { waitUntil: 'networkidle0' });
  await shot(docs, 'docs-desktop', false);
} catch (e) {
  console.error('FAILED', e);
} finally {
  console.log('page errors:', errors);
  await browser.close();
  await server.close();
}
