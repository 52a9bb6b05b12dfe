import { execFileSync } from 'node:child_process';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPdfRenderer, type PdfRenderer } from '../../src/adapters/report/create-pdf-renderer.ts';
import { finalizePdf } from '../../src/adapters/report/finalize-pdf.ts';
import { pdfInfo, pdfPages, saveTemp } from './helpers.ts';

// A contents page with two entries, sections on pages 2 and 4.
const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title><style>
  .page { break-before: page } a { display: flex; } .dots { flex: 1 } .num { width: 10mm }
</style></head><body>
  <a href="#sec-one"><span>One</span><span class="dots"></span><span class="num"></span></a>
  <a href="#sec-two"><span>Two</span><span class="dots"></span><span class="num"></span></a>
  <a href="#elsewhere">Not an entry</a>
  <section class="page" id="sec-one">Section one</section>
  <section class="page" id="elsewhere">Filler</section>
  <section class="page" id="sec-two">Section two</section>
  <script>document.documentElement.setAttribute('data-charts-done', '1')</script>
</body></html>`;
const meta = { title: 'Report (draft) \\ 报告', author: 'crm-readiness', subject: 'Acme — 准备度 42', keywords: ['CRM', 'readiness'], lang: 'zh-CN', creator: 'crm-readiness test' };

let renderer: PdfRenderer;
let printed: Uint8Array;
beforeAll(async () => {
  renderer = createPdfRenderer({ poolSize: 1 });
  printed = await renderer.render(html, { format: 'A4' });
});
afterAll(async () => { await renderer.close(); });

async function check(pdf: Uint8Array) {
  const file = saveTemp(pdf, 'finalized');
  const info = pdfInfo(file);
  expect(info.Title).toBe(meta.title);
  expect(info.Author).toBe('crm-readiness');
  expect(info.Subject).toBe(meta.subject);
  expect(info.Keywords).toBe('CRM readiness');
  expect(info.Creator).toBe('crm-readiness test');
  expect(pdfPages(file)).toHaveLength(4);
  // -layout keeps each line's physical order: the number sits at the end of its entry's line
  const contents = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }).split('\n').map((l) => l.trim()).filter(Boolean);
  expect(contents).toEqual([expect.stringMatching(/^One\s+2$/), expect.stringMatching(/^Two\s+4$/), 'Not an entry']);
  const doc = await PDFDocument.load(pdf);
  expect(doc.getPageCount()).toBe(4);
}

describe('finalizePdf', () => {
  it('appends metadata and contents page numbers to what Chromium printed, leaving its bytes alone', async () => {
    const { pdf, tocEntries, method } = await finalizePdf(printed, meta);
    expect(method).toBe('incremental');
    expect(tocEntries).toBe(2);
    expect(Buffer.from(pdf.subarray(0, printed.length)).equals(Buffer.from(printed))).toBe(true);
    await check(pdf);
  });

  it('falls back to pdf-lib for a PDF it does not read itself (cross-reference streams)', async () => {
    const resaved = await (await PDFDocument.load(printed)).save({ useObjectStreams: true });
    const { pdf, tocEntries, method } = await finalizePdf(resaved, meta);
    expect(method).toBe('pdf-lib');
    expect(tocEntries).toBe(2);
    await check(pdf);
  });
});
