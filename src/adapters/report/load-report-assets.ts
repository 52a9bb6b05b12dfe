import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Handlebars from 'handlebars';
import { LOCALES, type Locale } from '../../core/localized.ts';
import type { ReportStrings } from '../../core/report/report-strings.ts';
import { PROJECT_ROOT } from '../catalog/load-catalog.ts';

export const TEMPLATES_DIR = path.join(PROJECT_ROOT, 'report-templates');

export interface ReportAssets {
  layout: Handlebars.TemplateDelegate;
  css: string;
  chartJs: string;
  drawCharts: string;
  strings: Record<Locale, ReportStrings>;
  /** VERSION + a hash of every template file and the chart.js bundle: any change to what shapes a PDF changes it. */
  version: string;
}

const require = createRequire(import.meta.url);

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(hbs|css|js|json)$|^VERSION$/.test(path.basename(f)))
    .sort()
    .map((f) => path.join(dir, f));
}

/** An inlined script must not be able to end its own <script> element or open an HTML comment. */
function assertInlineSafe(name: string, code: string): string {
  if (/<\/script|<!--/i.test(code)) throw new Error(`${name} contains "</script" or "<!--" and cannot be inlined into the report page`);
  return code;
}

function readChartJs(): { code: string; version: string } {
  // The package's exports map hides dist/, so find the package folder from its main entry.
  const main = require.resolve('chart.js');
  let dir = path.dirname(main);
  while (!readdirSync(dir).includes('package.json')) dir = path.dirname(dir);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  return { code: readFileSync(path.join(dir, 'dist', 'chart.umd.min.js'), 'utf8'), version: pkg.version };
}

function compile(): ReportAssets {
  const hbs = Handlebars.create();
  // The only helper: 1-based numbering in lists. Everything else is decided in the view model.
  hbs.registerHelper('inc', (n: unknown) => Number(n) + 1);
  const partialsDir = path.join(TEMPLATES_DIR, 'partials');
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'))) {
    hbs.registerPartial(file.replace(/\.hbs$/, ''), hbs.compile(readFileSync(path.join(partialsDir, file), 'utf8'), { strict: true, preventIndent: true }));
  }
  const layout = hbs.compile(readFileSync(path.join(TEMPLATES_DIR, 'layouts', 'report.hbs'), 'utf8'), { strict: true, preventIndent: true });
  const strings = Object.fromEntries(LOCALES.map((l) => [l, JSON.parse(readFileSync(path.join(TEMPLATES_DIR, 'locales', `${l}.json`), 'utf8')) as ReportStrings])) as Record<Locale, ReportStrings>;
  const chart = readChartJs();
  const hash = createHash('sha256');
  for (const file of listFiles(TEMPLATES_DIR)) hash.update(path.relative(TEMPLATES_DIR, file)).update('\0').update(readFileSync(file)).update('\0');
  hash.update(`chart.js@${chart.version}`);
  const base = readFileSync(path.join(TEMPLATES_DIR, 'VERSION'), 'utf8').trim();
  return {
    layout,
    css: readFileSync(path.join(TEMPLATES_DIR, 'styles', 'print.css'), 'utf8'),
    chartJs: assertInlineSafe('chart.js', chart.code),
    drawCharts: assertInlineSafe('draw-charts.js', readFileSync(path.join(TEMPLATES_DIR, 'scripts', 'draw-charts.js'), 'utf8')),
    strings,
    version: `${base}+${hash.digest('hex').slice(0, 12)}`,
  };
}

let cached: ReportAssets | undefined;

/** Templates, CSS, scripts and labels, read and compiled once per process. */
export function loadReportAssets(): ReportAssets {
  cached ??= compile();
  return cached;
}
