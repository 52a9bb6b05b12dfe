import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LOCALES, type Locale } from '../../../core/localized.ts';
import { createReportService, type ReportRequest } from '../../report/report-service.ts';
import { UsageError, type Io } from '../io.ts';
import { parse } from '../main.ts';
import { scoreFile } from './score.ts';

const VARIANTS = ['full', 'brief'] as const;

function write(file: string, data: string | Uint8Array, cwd: string): string {
  const target = path.resolve(cwd, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, data);
  return target;
}

/**
 * crm-readiness report <answers> --out report.pdf [--variant full|brief] [--locale en|zh-CN]
 *   [--html report.html] [--no-comments]
 * Exit codes as in main.ts: 0 written, 1 the answers have problems, 2 wrong flags, 3 rendering failed.
 */
export async function runReportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string', short: 'o' },
    variant: { type: 'string' },
    locale: { type: 'string' },
    html: { type: 'string' },
    'no-comments': { type: 'boolean' },
  });
  const out = values.out as string | undefined;
  const html = values.html as string | undefined;
  if (!out && !html) throw new UsageError('name the PDF to write with --out report.pdf (or --html report.html for the HTML only)');
  if (positionals.length > 1) throw new UsageError(`expected one answers file, received ${positionals.length}: ${positionals.join(', ')}`);
  const variant = (values.variant as string | undefined) ?? 'full';
  if (!(VARIANTS as readonly string[]).includes(variant)) throw new UsageError(`--variant must be full or brief, received "${variant}"`);
  const locale = (values.locale as string | undefined) ?? 'en';
  if (!(LOCALES as readonly string[]).includes(locale)) throw new UsageError(`--locale must be en or zh-CN, received "${locale}"`);

  const scored = scoreFile(positionals[0], io);
  if (!scored) return 1;
  const { result, loaded } = scored;
  const request: ReportRequest = {
    result,
    questionnaire: loaded.questionnaire,
    rules: loaded.rules,
    assessment: loaded.assessment,
    variant: variant as ReportRequest['variant'],
    locale: locale as Locale,
    includeComments: values['no-comments'] !== true,
    generatedAt: new Date().toISOString(),
  };

  // A missing browser or a hung render reaches main.ts as "report failed: <what to do>", exit code 3.
  const service = createReportService({ concurrency: 1, queueLimit: 0, timeoutMs: 60_000 });
  try {
    if (html) io.out(`wrote ${write(html, service.renderHtml(request), io.cwd)}`);
    if (out) {
      const pdf = await service.renderPdf(request);
      io.out(`wrote ${write(out, pdf, io.cwd)} (${variant}, ${locale}, ${pdf.length > 1024 * 1024 ? `${(pdf.length / 1024 / 1024).toFixed(1)} MB` : `${Math.round(pdf.length / 1024)} KB`})`);
    }
    return 0;
  } finally {
    await service.close();
  }
}
