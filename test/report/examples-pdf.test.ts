import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportService, type ReportService } from '../../src/adapters/report/report-service.ts';
import { exampleFiles, expectComplete, expectNoEmptyPages, pdfPages, request, saveTemp, scoreExample } from './helpers.ts';

// The "done when": every example, both locales, both variants.
const examples = exampleFiles();
let service: ReportService;
beforeAll(() => { service = createReportService({ concurrency: 2, queueLimit: 16 }); });
afterAll(async () => { await service.close(); });

describe.skipIf(examples.length === 0)('reports for every example', () => {
  for (const file of examples) {
    it(`${path.basename(file)}: full reports are complete, briefs have at most three pages`, async () => {
      const scored = scoreExample(file);
      await Promise.all((['en', 'zh-CN'] as const).flatMap((locale) => [
        service.renderPdf(request(scored, 'full', locale)).then((pdf) => {
          const pages = pdfPages(saveTemp(pdf, `${path.basename(file, '.yaml')}-full-${locale}`));
          expectComplete(pages.join('\n'), scored, locale);
          expectNoEmptyPages(pages, scored, locale);
        }),
        service.renderPdf(request(scored, 'brief', locale)).then((pdf) => {
          const pages = pdfPages(saveTemp(pdf, `${path.basename(file, '.yaml')}-brief-${locale}`));
          expect(pages.length).toBeLessThanOrEqual(3);
          expectNoEmptyPages(pages, scored, locale);
        }),
      ]));
    }, 240_000);
  }
});
