import { afterEach, describe, expect, it } from 'vitest';
import { createPdfRenderer, RenderTimeoutError, type PdfRenderer } from '../../src/adapters/report/create-pdf-renderer.ts';
import { createReportService, ReportQueueFullError, type ReportService } from '../../src/adapters/report/report-service.ts';
import { pdfPages, request, saveTemp, scoreFixture } from './helpers.ts';

const charted = (text: string) => `<!DOCTYPE html><html><body><p>${text}</p><script>document.documentElement.setAttribute('data-charts-done', '1')</script></body></html>`;
const textOf = (pdf: Uint8Array) => pdfPages(saveTemp(pdf, 'renderer')).join('\n');

let renderer: PdfRenderer | undefined;
let service: ReportService | undefined;
afterEach(async () => {
  await renderer?.close();
  await service?.close();
  renderer = undefined;
  service = undefined;
});

describe('the PDF renderer', () => {
  it('stops a render that hangs, and the next render works', async () => {
    renderer = createPdfRenderer({ poolSize: 1, timeoutMs: 2000 });
    const started = Date.now();
    await expect(renderer.render('<!DOCTYPE html><p>never done</p>', { format: 'A4' })).rejects.toThrow(RenderTimeoutError);
    await expect(renderer.render('<!DOCTYPE html><p>busy</p><script>for (;;) {}</script>', { format: 'A4' })).rejects.toThrow('took longer than 2000 ms');
    expect(Date.now() - started).toBeLessThan(2 * 2000 + 8000);
    expect(textOf(await renderer.render(charted('after the hang'), { format: 'A4' }))).toContain('after the hang');
  });

  it('fails fast when the charts report an error instead of waiting for the timeout', async () => {
    renderer = createPdfRenderer({ poolSize: 1, timeoutMs: 20_000 });
    const started = Date.now();
    await expect(renderer.render(`<!DOCTYPE html><script>document.documentElement.setAttribute('data-charts-error', 'no canvas')</script>`, { format: 'A4' }))
      .rejects.toThrow("the report's charts could not be drawn: no canvas");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('recovers when the browser is killed: the next render launches a new one', async () => {
    renderer = createPdfRenderer({ poolSize: 1 });
    expect(textOf(await renderer.render(charted('first'), { format: 'A4' }))).toContain('first');
    const browser = renderer.currentBrowser()!;
    const gone = new Promise((resolve) => browser.once('disconnected', resolve));
    browser.process()!.kill('SIGKILL');
    await gone;
    expect(textOf(await renderer.render(charted('second'), { format: 'A4' }))).toContain('second');
    expect(renderer.stats().launches).toBe(2);
  });

  it('survives the browser dying in the middle of a render', async () => {
    renderer = createPdfRenderer({ poolSize: 1 });
    await renderer.render(charted('warm'), { format: 'A4' });
    const slow = `<!DOCTYPE html><p>slow</p><script>setTimeout(() => document.documentElement.setAttribute('data-charts-done', '1'), 1500)</script>`;
    const inFlight = renderer.render(slow, { format: 'A4' }).then(textOf, (e: Error) => `failed: ${e.message}`);
    await new Promise((r) => setTimeout(r, 300));
    renderer.currentBrowser()!.process()!.kill('SIGKILL');
    // retried once on a fresh browser, or failed with a message: either way, never hangs
    expect(await inFlight).toMatch(/slow|failed: /);
    expect(textOf(await renderer.render(charted('after the crash'), { format: 'A4' }))).toContain('after the crash');
  });

  it('keeps at most poolSize pages open, whatever happens to the renders', async () => {
    renderer = createPdfRenderer({ poolSize: 2, timeoutMs: 3000, maxRendersPerPage: 3 });
    const results = await Promise.allSettled([
      ...Array.from({ length: 7 }, (_, i) => renderer!.render(charted(`page ${i}`), { format: 'A4' })),
      renderer.render('<!DOCTYPE html><p>never done</p>', { format: 'A4' }),
      renderer.render(`<!DOCTYPE html><script>document.documentElement.setAttribute('data-charts-error', 'x')</script>`, { format: 'A4' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(7);
    const pages = await renderer.currentBrowser()!.pages();
    // the pool's pages, plus the blank tab Chromium opens at launch
    expect(pages.length).toBeLessThanOrEqual(2 + 1);
    // pages were recycled after 3 renders and after each failure, not leaked
    expect(renderer.stats().pagesCreated).toBeGreaterThanOrEqual(4);
  });

  it('collects the garbage printing leaves behind, so a long-lived page does not grow', async () => {
    renderer = createPdfRenderer({ poolSize: 1, collectGarbageEvery: 4 });
    const withHeader = { format: 'A4' as const, displayHeaderFooter: true, headerTemplate: '<span>h</span>', footerTemplate: '<span>f</span>' };
    for (let i = 0; i < 8; i++) await renderer.render(charted(`report ${i}`), withHeader);
    await renderer.render(charted('one more'), withHeader); // waits for the slot, so the collection after render 8 is done
    const pages = await renderer.currentBrowser()!.pages();
    const documents = await Promise.all(pages.map(async (p) => (await p.metrics()).Documents ?? 0));
    // without collection: about three documents per report (page, header, footer) would still be alive, ~27
    expect(Math.max(...documents)).toBeLessThanOrEqual(6);
  });

  it('closes the browser on close()', async () => {
    renderer = createPdfRenderer({ poolSize: 1 });
    await renderer.render(charted('x'), { format: 'A4' });
    const proc = renderer.currentBrowser()!.process()!;
    await renderer.close();
    expect(proc.exitCode !== null || proc.signalCode !== null || proc.killed).toBe(true);
    await expect(renderer.render(charted('y'), { format: 'A4' })).rejects.toThrow('the PDF renderer is closed');
  });
});

describe('the report service queue', () => {
  it('refuses work beyond the queue limit with a retry hint, and finishes the rest', async () => {
    service = createReportService({ concurrency: 1, queueLimit: 1 });
    const req = request(scoreFixture('single.yaml'), 'brief', 'en');
    const running = service.renderPdf(req);
    const queued = service.renderPdf(req);
    const refused = service.renderPdf(req);
    await expect(refused).rejects.toThrow(ReportQueueFullError);
    const error = (await refused.catch((e: unknown) => e)) as ReportQueueFullError;
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.message).toMatch(/^too many reports are being rendered; try again in \d+ s$/);
    const [a, b] = await Promise.all([running, queued]);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(b.subarray(0, 5).toString()).toBe('%PDF-');
    // and once the queue has drained, it takes work again
    expect((await service.renderPdf(req)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('renders HTML without a browser', () => {
    service = createReportService();
    const html = service.renderHtml(request(scoreFixture('single.yaml'), 'full', 'zh-CN'));
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(html).toContain('上海明远贸易有限公司');
  });
});
