import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { startServer, type RunningServer } from '../../src/adapters/http/server.ts';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({ executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, protocolTimeout: 60_000 });
}

export interface E2eServer {
  server: RunningServer;
  url: string;
  dir: string;
  close(): Promise<void>;
}

/** The real server (real report renderer) on 127.0.0.1 and a free port, over a fresh database. */
export async function startE2eServer(): Promise<E2eServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-e2e-'));
  const server = await startServer({ host: '127.0.0.1', port: 0, dbPath: path.join(dir, 'e2e.db'), logger: false });
  return { server, url: server.url, dir, async close() { await server.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/**
 * Collects what would show a broken page: uncaught errors, CSP violations, failed requests.
 * `allowed` matches console errors that a step causes on purpose (the signed-out 401, a revoked 404).
 */
export function watchPage(page: Page, problems: string[], allowed: RegExp = /status of 40[14]/) {
  page.on('pageerror', (e) => problems.push(`pageerror: ${String(e)}`));
  page.on('console', (m) => { if (m.type() === 'error' && !allowed.test(m.text())) problems.push(`console: ${m.text()}`); });
  page.on('dialog', async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Controls a screen reader could not name: no <label>, aria-label(ledby), wrapping label or text.
 * Returns a description of each, so a failing assertion says which control it was.
 */
export function findUnlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('input, select, textarea, button, a[href]'))) {
      const e = el as HTMLElement;
      if (e.closest('[aria-hidden="true"]') || (e as HTMLInputElement).type === 'hidden' || e.offsetParent === null) continue;
      const named = e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || (e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`))
        || e.closest('label') || ((e.tagName === 'BUTTON' || e.tagName === 'A') && e.textContent?.trim());
      if (!named) out.push(`${e.tagName.toLowerCase()}${e.getAttribute('name') ? `[name=${e.getAttribute('name')}]` : ''}${e.className ? `.${e.className}` : ''}`);
    }
    return out;
  });
}
