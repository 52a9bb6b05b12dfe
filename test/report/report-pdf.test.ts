import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName, type PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildView, createReportService, type ReportService } from '../../src/adapters/report/report-service.ts';
import { ROLE_LABELS } from '../../src/core/roles.ts';
import { expectComplete, expectNoEmptyPages, pdfInfo, pdfPages, request, saveTemp, scoreFixture, squash } from './helpers.ts';

let service: ReportService;
beforeAll(() => { service = createReportService({ concurrency: 2, queueLimit: 16 }); });
afterAll(async () => { await service.close(); });

describe('full diagnostic PDF', () => {
  const workshop = scoreFixture('workshop.yaml');

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`contains the client, every dimension, finding and action, with metadata (${locale})`, async () => {
      const req = request(workshop, 'full', locale);
      const file = saveTemp(await service.renderPdf(req), `full-${locale}`);
      const pages = pdfPages(file);
      expectComplete(pages.join('\n'), workshop, locale);
      expectNoEmptyPages(pages, workshop, locale);

      const view = buildView(req);
      const info = pdfInfo(file);
      expect(info.Title).toBe(view.title);
      expect(info.Author).toBe('crm-readiness');
      expect(info.Subject).toBe(view.subject);
      expect(info.Keywords).toContain('report-fixture@1.0.0');
      expect(Number(info.Pages)).toBe(pages.length);
      const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
      expect((doc.catalog.lookup(PDFName.of('Lang')) as PDFString).decodeText()).toBe(locale);

      // header and footer on every page: the client's name and "page x of y"
      pages.forEach((text, i) => {
        expect(squash(text)).toContain(squash('Acme Logistics GmbH'));
        expect(squash(text)).toContain(squash(locale === 'en' ? `Page ${i + 1} of ${pages.length}` : `第 ${i + 1} 页，共 ${pages.length} 页`));
      });
    });
  }

  it('numbers the table of contents with the pages the sections landed on', async () => {
    const req = request(workshop, 'full', 'en');
    const view = buildView(req);
    const pages = pdfPages(saveTemp(await service.renderPdf(req), 'toc'), { layout: true });
    const toc = squash(pages[1]!);
    expect(toc.startsWith('AcmeLogisticsGmbH')).toBe(true);
    let checked = 0;
    for (const entry of view.toc) {
      const m = new RegExp(`${squash(entry.title).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)`).exec(toc);
      expect(m, `no page number after "${entry.title}"`).not.toBeNull();
      const page = Number(m![1]);
      // the section's heading is on that page (squashed text of the page starts after the running header)
      expect(squash(pages[page - 1]!), `"${entry.title}" is not on page ${page}`).toContain(squash(entry.title));
      if (page > 2) checked++;
    }
    expect(checked).toBe(view.toc.length);
  });

  it('breaks out role groups only at or above the anonymity minimum', async () => {
    const text = squash(pdfPages(saveTemp(await service.renderPdf(request(workshop, 'full', 'en')), 'anon')).join('\n'));
    expect(text).toContain(squash('Other roles (groups too small to show): 1'));
    expect(text).toContain(squash('A respondent: “Liability is capped at 5% in the draft.”'));
    expect(text).not.toContain(squash(`${ROLE_LABELS.procurement.en}:`));
    expect(text).not.toContain('PaulaProcurement');
  });

  it('leaves comments out of the sponsor copy', async () => {
    const text = squash(pdfPages(saveTemp(await service.renderPdf(request(workshop, 'full', 'en', false)), 'nocomments')).join('\n'));
    expect(text).not.toContain(squash('Liability is capped at 5% in the draft.'));
    expect(text).not.toContain(squash('Win back the customers we lost to competitors.'));
    expect(text).toContain(squash("Respondents' comments and free-text answers are left out of this copy."));
  });

  it('embeds real CJK glyphs: every font embedded, Chinese text extractable', async () => {
    const file = saveTemp(await service.renderPdf(request(scoreFixture('single.yaml'), 'full', 'zh-CN')), 'cjk');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(1);
    // Every font is embedded, except the standard Helvetica that finalize-pdf.ts writes the contents page numbers in.
    for (const line of fonts.filter((l) => !l.startsWith('Helvetica '))) expect(line, line).toMatch(/\byes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$/);
    const text = pdfPages(file).join('\n');
    expect(text).toContain('上海明远贸易有限公司');
    expect(squash(text)).toContain(squash('每个目标都是有基线和负责人的 SMART KPI。'));
  });
});

describe('executive brief PDF', () => {
  for (const fixture of ['workshop.yaml', 'single.yaml']) {
    for (const locale of ['en', 'zh-CN'] as const) {
      it(`${fixture} (${locale}) has at most three pages with verdict, top risks and first actions`, async () => {
        const scored = scoreFixture(fixture);
        const req = request(scored, 'brief', locale);
        const view = buildView(req);
        const file = saveTemp(await service.renderPdf(req), `brief-${locale}`);
        const pages = pdfPages(file);
        expect(pages.length).toBeLessThanOrEqual(3);
        const text = squash(pages.join('\n'));
        expect(text).toContain(squash(scored.result.organisation.name));
        expect(text).toContain(squash(view.summary.verdict));
        for (const f of view.summary.topRisks) expect(text).toContain(squash(f.title));
        for (const a of view.firstActions) expect(text).toContain(squash(a.title));
        expect(pdfInfo(file).Title).toBe(view.title);
      });
    }
  }
});
