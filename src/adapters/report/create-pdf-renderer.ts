import puppeteer, { type Browser, type CDPSession, type Page, type PDFOptions } from 'puppeteer';
import { findBrowser } from './find-browser.ts';

export interface PdfRendererOptions {
  /** Default: findBrowser() (PUPPETEER_EXECUTABLE_PATH, puppeteer's own browser, system browsers). */
  executablePath?: string;
  /** Pages kept open, which is also the number of renders at once. */
  poolSize?: number;
  /** A render that takes longer fails with RenderTimeoutError and its page is thrown away. */
  timeoutMs?: number;
  /** A page is replaced after this many renders, so nothing a long-lived page accumulates can grow without bound. */
  maxRendersPerPage?: number;
  /**
   * Every this many renders a page is emptied and its garbage collected. Printing leaves each
   * report's documents (the page and its header and footer) for a garbage collection that V8,
   * under no memory pressure, puts off: measured, the renderer grew by 20 MB a report, to 1.3 GB
   * after 60. A collection costs 70-130 ms, so it runs every few renders rather than after each.
   */
  collectGarbageEvery?: number;
  /** Called with the URL of every request the page tried and we blocked (tests, logs). */
  onBlockedRequest?: (url: string) => void;
}

export interface RenderOptions {
  /** Wait for <html data-charts-done> before printing (default true); the bench's script-free floor turns it off. */
  waitForCharts?: boolean;
}

export interface PdfRenderer {
  render(html: string, pdf: PDFOptions, options?: RenderOptions): Promise<Uint8Array>;
  close(): Promise<void>;
  /** The live browser, if one is running: tests kill it and count its pages, the bench reads its memory. */
  currentBrowser(): Browser | undefined;
  stats(): { launches: number; pagesCreated: number; blockedRequests: number };
}

export class RenderTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the report took longer than ${timeoutMs} ms to render and was stopped`);
    this.name = 'RenderTimeoutError';
  }
}

/** Chromium flags: no background traffic, no GPU; no sandbox only where Chromium refuses to start with one (root). */
export function launchArgs(isRoot = process.getuid?.() === 0): string[] {
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-default-apps',
    '--disable-domain-reliability',
    '--no-pings',
    '--no-first-run',
    '--mute-audio',
    '--font-render-hinting=none',
    '--headless',
  ];
}

interface Slot { page: Page; session: CDPSession; renders: number; generation: number; blank: boolean }

const CLOSE_PAGE_TIMEOUT_MS = 5000;

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(onTimeout()), ms); });
  // The losing promise may still reject later (its page is being closed); that is expected, not unhandled.
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function createSemaphore(size: number) {
  let free = size;
  const waiting: Array<() => void> = [];
  return {
    async acquire(): Promise<void> {
      if (free > 0) { free--; return; }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release(): void {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}

/**
 * One browser, launched on first use and relaunched after it dies; a pool of at most `poolSize`
 * pages reused across renders. Every page blocks all requests (only data: URLs pass) and runs
 * offline; the page's own CSP is the second wall, because meta refresh, prefetch and CSS imports
 * are not all visible to request interception.
 */
export function createPdfRenderer(options: PdfRendererOptions = {}): PdfRenderer {
  const poolSize = Math.max(1, options.poolSize ?? 2);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRenders = options.maxRendersPerPage ?? 100;
  const gcEvery = Math.max(1, options.collectGarbageEvery ?? 5);
  const slots = createSemaphore(poolSize);
  const idle: Slot[] = [];
  let browserPromise: Promise<Browser> | undefined;
  let browser: Browser | undefined;
  let generation = 0;
  let closed = false;
  const counters = { launches: 0, pagesCreated: 0, blockedRequests: 0 };

  function forgetBrowser(gen: number): void {
    if (gen !== generation) return;
    generation++;
    browserPromise = undefined;
    browser = undefined;
    idle.length = 0;
  }

  function getBrowser(): Promise<Browser> {
    if (closed) return Promise.reject(new Error('the PDF renderer is closed'));
    if (!browserPromise) {
      const gen = generation;
      counters.launches++;
      browserPromise = (async () => {
        const executablePath = options.executablePath ?? findBrowser({ puppeteerPath: () => puppeteer.executablePath() });
        const launched = await puppeteer.launch({ executablePath, headless: true, pipe: true, args: launchArgs(), timeout: 30_000 });
        launched.on('disconnected', () => forgetBrowser(gen));
        browser = launched;
        return launched;
      })();
      browserPromise.catch(() => forgetBrowser(gen));
    }
    return browserPromise;
  }

  async function newSlot(b: Browser, gen: number): Promise<Slot> {
    const page = await b.newPage();
    counters.pagesCreated++;
    try {
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.url().startsWith('data:')) { void request.continue(); return; }
        counters.blockedRequests++;
        options.onBlockedRequest?.(request.url());
        // A navigation (meta refresh, location=…) cancelled as "aborted" leaves the report in place;
        // any other error code would replace it with Chromium's error page, which would then be printed.
        void request.abort(request.isNavigationRequest() ? 'aborted' : 'blockedbyclient');
      });
      await page.setOfflineMode(true);
      await page.emulateMediaType('print');
      return { page, session: await page.createCDPSession(), renders: 0, generation: gen, blank: false };
    } catch (e) {
      await page.close().catch(() => undefined);
      throw e;
    }
  }

  /** Empties the page and collects its garbage; the next render then starts on the blank page. */
  async function collectGarbage(slot: Slot): Promise<void> {
    await slot.page.goto('about:blank', { waitUntil: 'load', timeout: timeoutMs });
    await slot.session.send('HeapProfiler.collectGarbage');
    slot.blank = true;
  }

  async function discard(slot: Slot): Promise<void> {
    const closing = slot.page.close({ runBeforeUnload: false });
    try {
      await withTimeout(closing, CLOSE_PAGE_TIMEOUT_MS, () => new Error('page did not close'));
    } catch {
      // A page that will not close (a wedged renderer) takes the browser down with it; the next render relaunches.
      if (slot.generation === generation && browser && !browser.process()?.killed) browser.process()?.kill('SIGKILL');
    }
  }

  async function print(slot: Slot, html: string, pdf: PDFOptions, waitForCharts: boolean): Promise<Uint8Array> {
    const { page } = slot;
    // setContent() rewrites the current document in place: its window (with the last report's
    // globals) and its CSP (with the last report's nonce, which would block this report's scripts)
    // would survive. A navigation to about:blank gives each report a new window and a new policy.
    if (!slot.blank) await page.goto('about:blank', { waitUntil: 'load', timeout: timeoutMs });
    slot.blank = false;
    await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
    if (waitForCharts) {
      // The marker lives on the new document, so each render waits for its own charts.
      await page.waitForFunction(() => document.documentElement.hasAttribute('data-charts-done') || document.documentElement.hasAttribute('data-charts-error'), { timeout: timeoutMs, polling: 'mutation' });
      const error = await page.evaluate(() => document.documentElement.getAttribute('data-charts-error'));
      if (error) throw new Error(`the report's charts could not be drawn: ${error}`);
    }
    // setContent() leaves the URL at about:blank; anything else means the page got away from us.
    if (page.url() !== 'about:blank') throw new Error(`the report page navigated to ${page.url()} and was not printed`);
    return page.pdf({ ...pdf, timeout: timeoutMs });
  }

  function release(slot: Slot, healthy: boolean): Promise<void> {
    if (healthy && !closed && slot.generation === generation && slot.renders < maxRenders) {
      idle.push(slot);
      return Promise.resolve();
    }
    return discard(slot);
  }

  /**
   * One render on one pooled page. The garbage collection that falls due is returned as `after`:
   * the caller gets its PDF at once, and the page (with its pool slot) comes back when it is done.
   */
  async function renderOnce(html: string, pdf: PDFOptions, waitForCharts: boolean): Promise<{ bytes: Uint8Array; after?: Promise<void> }> {
    const b = await getBrowser();
    const gen = generation;
    const slot = idle.pop() ?? (await newSlot(b, gen));
    let bytes: Uint8Array;
    try {
      bytes = await withTimeout(print(slot, html, pdf, waitForCharts), timeoutMs, () => new RenderTimeoutError(timeoutMs));
    } catch (e) {
      slot.renders++;
      await release(slot, false);
      throw e;
    }
    slot.renders++;
    if (slot.renders % gcEvery !== 0 || slot.renders >= maxRenders) {
      await release(slot, true);
      return { bytes };
    }
    const after = withTimeout(collectGarbage(slot), timeoutMs, () => new Error('garbage collection timed out'))
      .then(() => true, () => false)
      .then((ok) => release(slot, ok));
    return { bytes, after };
  }

  return {
    async render(html, pdf, renderOptions = {}) {
      await slots.acquire();
      let after: Promise<void> | undefined;
      try {
        const gen = generation;
        let done: { bytes: Uint8Array; after?: Promise<void> };
        try {
          done = await renderOnce(html, pdf, renderOptions.waitForCharts ?? true);
        } catch (e) {
          // The browser died under this render (crash, OOM kill): one more try on a fresh browser.
          if (e instanceof RenderTimeoutError || closed || gen === generation) throw e;
          done = await renderOnce(html, pdf, renderOptions.waitForCharts ?? true);
        }
        after = done.after;
        return done.bytes;
      } finally {
        // The pool slot is free again once its page has been cleaned, not before.
        if (after) void after.finally(() => slots.release());
        else slots.release();
      }
    },
    async close() {
      closed = true;
      const pending = browserPromise;
      idle.length = 0;
      browserPromise = undefined;
      browser = undefined;
      if (!pending) return;
      const b = await pending.catch(() => undefined);
      if (b) await b.close().catch(() => b.process()?.kill('SIGKILL'));
    },
    currentBrowser: () => browser,
    stats: () => ({ ...counters }),
  };
}
