import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer';
import { loadAnswersFile } from '../src/adapters/catalog/load-answers.ts';
import { loadCatalog, PROJECT_ROOT } from '../src/adapters/catalog/load-catalog.ts';
import { createPdfRenderer, launchArgs, type PdfRenderer } from '../src/adapters/report/create-pdf-renderer.ts';
import { findBrowser } from '../src/adapters/report/find-browser.ts';
import { renderReportHtml } from '../src/adapters/report/render-report-html.ts';
import { buildPdfOptions, buildView, renderReportPdf, type ReportRequest } from '../src/adapters/report/report-service.ts';
import { scoreAssessment } from '../src/core/scoring/score-assessment.ts';
import { median, quantile } from '../src/core/stats.ts';
import type { Figure } from './measure.ts';

/**
 * Report rendering, every figure beside a baseline from the same run:
 *  - warm: a full report on the long-lived renderer (view, HTML, charts, print, metadata and contents
 *    page numbers), against the floor Chromium sets: printing the same finished HTML with the
 *    charts already turned into images and no scripts, on the same warm page;
 *  - naive: launching a browser for each report;
 *  - throughput with two renders at once against one at a time;
 *  - the browser's memory (private memory of all its processes) over many renders in a row.
 *
 * BENCH_REPORT_EXAMPLE (default divided-workshop: perception gaps, so all five charts), BENCH_REPORT_LOCALE
 * (default zh-CN, the costlier fonts), BENCH_REPORT_RUNS (15), BENCH_REPORT_ROUNDS (3, throughput),
 * BENCH_REPORT_RENDERS (200, for memory; CI can run fewer).
 */
const EXAMPLE = process.env.BENCH_REPORT_EXAMPLE ?? 'divided-workshop';
const LOCALE = (process.env.BENCH_REPORT_LOCALE ?? 'zh-CN') as ReportRequest['locale'];
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 15);
const RENDERS = Number(process.env.BENCH_REPORT_RENDERS ?? 200);
const NAIVE_RUNS = Math.max(3, Math.round(RUNS / 3));
const THROUGHPUT_JOBS = 4;
const THROUGHPUT_ROUNDS = Number(process.env.BENCH_REPORT_ROUNDS ?? 3);

function loadRequest(variant: 'full' | 'brief'): ReportRequest {
  const file = path.join(PROJECT_ROOT, 'examples', `${EXAMPLE}.yaml`);
  const { loaded, issues } = loadAnswersFile(file, loadCatalog());
  if (!loaded) throw new Error(`examples/${EXAMPLE}.yaml: ${issues.map((i) => i.message).join('; ')}`);
  return {
    result: scoreAssessment(loaded.assessment, loaded.questionnaire, loaded.rules),
    questionnaire: loaded.questionnaire, rules: loaded.rules, assessment: loaded.assessment,
    variant, locale: LOCALE, includeComments: true, generatedAt: '2025-06-01T09:00:00.000Z',
  };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** The same document with every chart as a PNG <img> and every <script> gone: what is left is layout and print. */
async function staticHtml(html: string): Promise<string> {
  const browser = await puppeteer.launch({ executablePath: findBrowser({ puppeteerPath: () => puppeteer.executablePath() }), headless: true, pipe: true, args: launchArgs() });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-charts-done'), { polling: 'mutation', timeout: 30_000 });
    return await page.evaluate(() => {
      for (const canvas of Array.from(document.querySelectorAll('canvas'))) {
        const img = document.createElement('img');
        img.src = canvas.toDataURL('image/png');
        img.setAttribute('style', canvas.getAttribute('style') ?? '');
        img.width = canvas.clientWidth;
        img.height = canvas.clientHeight;
        canvas.replaceWith(img);
      }
      for (const script of Array.from(document.querySelectorAll('script'))) script.remove();
      document.documentElement.removeAttribute('data-charts-done');
      return `<!DOCTYPE html>\n${document.documentElement.outerHTML}`;
    });
  } finally {
    await browser.close();
  }
}

/**
 * Private memory (USS: pages no other process maps) of the browser and all its descendants
 * (renderers, GPU, utility), in MB. Not PSS: on a shared machine other Chromium processes share
 * the same library pages, and PSS would move with how many of them happen to be running.
 */
function browserMemoryMb(rootPid: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* exited meanwhile */ }
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parents) if (tree.has(ppid) && !tree.has(pid)) { tree.add(pid); grew = true; }
  }
  let kb = 0;
  for (const pid of tree) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      for (const field of ['Private_Clean', 'Private_Dirty']) kb += Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    } catch { /* exited meanwhile */ }
  }
  return kb / 1024;
}

/**
 * Reports per second one at a time and two at once, on the same warm renderer (two pages), in
 * alternating rounds so that load from other processes on a shared machine falls on both alike.
 */
async function throughput(html: string, pdfOptions: ReturnType<typeof buildPdfOptions>): Promise<{ one: number; two: number; ratios: number[] }> {
  const renderer = createPdfRenderer({ poolSize: 2 });
  try {
    await Promise.all([renderer.render(html, pdfOptions), renderer.render(html, pdfOptions)]);
    const ones: number[] = [];
    const twos: number[] = [];
    for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
      ones.push(THROUGHPUT_JOBS / ((await time(async () => { for (let i = 0; i < THROUGHPUT_JOBS; i++) await renderer.render(html, pdfOptions); })) / 1000));
      twos.push(THROUGHPUT_JOBS / ((await time(() => Promise.all(Array.from({ length: THROUGHPUT_JOBS }, () => renderer.render(html, pdfOptions))))) / 1000));
    }
    return { one: median(ones), two: median(twos), ratios: ones.map((o, i) => twos[i]! / o) };
  } finally {
    await renderer.close();
  }
}

export async function benchReport(): Promise<Figure[]> {
  const full = loadRequest('full');
  const view = buildView(full);
  const pdfOptions = buildPdfOptions(view);
  const figures: Figure[] = [];
  const label = `examples/${EXAMPLE}.yaml, full, ${LOCALE}`;

  // ---------------------------------------------------------------- warm vs floor, same warm renderer
  const renderer: PdfRenderer = createPdfRenderer({ poolSize: 1 });
  let pages = 0;
  try {
    const floorHtml = await staticHtml(renderReportHtml(view));
    for (let i = 0; i < 3; i++) {
      await renderReportPdf(renderer, buildView(full));
      await renderer.render(floorHtml, pdfOptions, { waitForCharts: false });
    }
    const warm: number[] = [];
    const floor: number[] = [];
    // Interleaved, so drift on a shared machine falls on both alike.
    for (let i = 0; i < RUNS; i++) {
      warm.push(await time(async () => {
        const pdf = await renderReportPdf(renderer, buildView(full));
        pages = (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
      }));
      floor.push(await time(() => renderer.render(floorHtml, pdfOptions, { waitForCharts: false })));
    }
    figures.push({ name: `warm full report, median (${label}, ${pages} pages)`, value: median(warm), unit: 'ms', baseline: `${(median(warm) / median(floor)).toFixed(2)}× the floor (aim ≤ 1.25×)` });
    figures.push({ name: 'warm full report, p95', value: quantile(warm, 0.95), unit: 'ms', baseline: `${(quantile(warm, 0.95) / quantile(floor, 0.95)).toFixed(2)}× the floor p95` });
    figures.push({ name: 'floor: same HTML, charts as images, no scripts, median', value: median(floor), unit: 'ms' });
    figures.push({ name: 'floor, p95', value: quantile(floor, 0.95), unit: 'ms' });
  } finally {
    await renderer.close();
  }

  // ---------------------------------------------------------------- naive: a browser per report
  const naive: number[] = [];
  const executablePath = findBrowser({ puppeteerPath: () => puppeteer.executablePath() });
  for (let i = 0; i < NAIVE_RUNS; i++) {
    naive.push(await time(async () => {
      const browser = await puppeteer.launch({ executablePath, headless: true, pipe: true, args: launchArgs() });
      try {
        const page = await browser.newPage();
        await page.setContent(renderReportHtml(buildView(full)), { waitUntil: 'load' });
        await page.waitForFunction(() => document.documentElement.hasAttribute('data-charts-done'), { polling: 'mutation' });
        await page.pdf(pdfOptions);
      } finally {
        await browser.close();
      }
    }));
  }
  figures.push({ name: 'naive: launch a browser per report, median', value: median(naive), unit: 'ms', baseline: `${NAIVE_RUNS} runs` });

  // ---------------------------------------------------------------- throughput, 1 vs 2 at once
  const { one, two, ratios } = await throughput(renderReportHtml(view), pdfOptions);
  figures.push({ name: `throughput, one render at a time (${THROUGHPUT_ROUNDS} rounds of ${THROUGHPUT_JOBS} reports)`, value: one, unit: 'reports/s' });
  figures.push({ name: 'throughput, two renders at once', value: two, unit: 'reports/s', baseline: `${(two / one).toFixed(2)}× one at a time (aim ≥ 1.4×; rounds ${ratios.map((r) => r.toFixed(2)).join(', ')})` });

  // ---------------------------------------------------------------- memory over many renders
  const brief = loadRequest('brief');
  const memoryRenderer = createPdfRenderer({ poolSize: 1 });
  try {
    const samples: number[] = [];
    for (let i = 0; i < RENDERS; i++) {
      // alternate the variants so the page sees different documents, as in service
      await renderReportPdf(memoryRenderer, buildView(i % 4 === 0 ? full : brief));
      samples.push(browserMemoryMb(memoryRenderer.currentBrowser()!.process()!.pid!));
    }
    const window = Math.max(1, Math.min(50, Math.floor(RENDERS / 4)));
    const first = Math.max(...samples.slice(0, window));
    const last = Math.max(...samples.slice(-window));
    figures.push({ name: `browser memory (private, all processes), peak of the first ${window} of ${RENDERS} renders`, value: first, unit: 'MB' });
    figures.push({ name: `browser memory (private), peak of the last ${window}`, value: last, unit: 'MB', baseline: `${(last / first).toFixed(2)}× the first ${window} (aim ≤ 1.1×)` });
  } finally {
    await memoryRenderer.close();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./measure.ts');
  printTable('Report rendering', await benchReport());
}
