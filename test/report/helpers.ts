import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog, type Catalog } from '../../src/adapters/catalog/load-catalog.ts';
import { loadAnswersFile, loadAnswersText } from '../../src/adapters/catalog/load-answers.ts';
import type { ReportRequest } from '../../src/adapters/report/report-service.ts';
import type { Locale } from '../../src/core/localized.ts';
import { expect } from 'vitest';
import { scoreAssessment } from '../../src/core/scoring/score-assessment.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'test/report/fixtures');
export const EXAMPLES = path.join(ROOT, 'examples');
export const GENERATED_AT = '2025-03-20T10:00:00.000Z';

let fixtureCatalog: Catalog | undefined;
let shippedCatalog: Catalog | undefined;
/** The report fixture (seven dimensions, every kind of finding) kept apart from the shipped files, which change. */
export function reportFixtureCatalog(): Catalog {
  fixtureCatalog ??= loadCatalog([path.join(FIXTURES, 'questionnaires'), path.join(FIXTURES, 'scoring-rules')]);
  if (fixtureCatalog.issues.length) throw new Error(fixtureCatalog.issues.map((i) => `${i.file} ${i.path}: ${i.message}`).join('\n'));
  return fixtureCatalog;
}
export function loadShippedCatalog(): Catalog {
  shippedCatalog ??= loadCatalog();
  return shippedCatalog;
}

export type Scored = Omit<ReportRequest, 'variant' | 'locale' | 'includeComments' | 'generatedAt'>;

export function scoreFixture(name: string): Scored {
  return scoreFileWith(path.join(FIXTURES, name), reportFixtureCatalog());
}

export function scoreExample(file: string): Scored {
  return scoreFileWith(file, loadShippedCatalog());
}

function scoreFileWith(file: string, catalog: Catalog): Scored {
  const { loaded, issues } = loadAnswersFile(file, catalog);
  if (!loaded) throw new Error(issues.map((i) => `${i.file} ${i.path}: ${i.message}`).join('\n'));
  return { result: scoreAssessment(loaded.assessment, loaded.questionnaire, loaded.rules), questionnaire: loaded.questionnaire, rules: loaded.rules, assessment: loaded.assessment };
}

export function scoreFixtureText(yamlText: string): Scored {
  const { loaded, issues } = loadAnswersText(yamlText, reportFixtureCatalog(), 'inline');
  if (!loaded) throw new Error(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return { result: scoreAssessment(loaded.assessment, loaded.questionnaire, loaded.rules), questionnaire: loaded.questionnaire, rules: loaded.rules, assessment: loaded.assessment };
}

export function request(scored: Scored, variant: 'full' | 'brief', locale: Locale, includeComments = true): ReportRequest {
  return { ...scored, variant, locale, includeComments, generatedAt: GENERATED_AT };
}

export function exampleFiles(): string[] {
  try {
    return readdirSync(EXAMPLES).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(EXAMPLES, f));
  } catch {
    return [];
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'crm-report-test-'));
let counter = 0;
export function saveTemp(pdf: Uint8Array, name = 'report'): string {
  const file = path.join(tmp, `${name}-${++counter}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/**
 * pdftotext output, page by page (form feed separated). By default in content-stream order (-raw):
 * pdftotext's reading-order reconstruction splits some lines that mix Latin and CJK glyphs from
 * different fonts (the CJK part lands on a line of its own), while Chromium writes text in reading
 * order. `layout: true` keeps the default mode, for checks that depend on where text sits.
 */
export function pdfPages(file: string, { layout = false } = {}): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', ...(layout ? [] : ['-raw']), file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return text.split('\f').slice(0, -1);
}

export function pdfText(file: string): string {
  return pdfPages(file).join('\n');
}

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-enc', 'UTF-8', '-isodates', file], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i).trim(), l.slice(i + 1).trim()];
  }));
}

/**
 * Text compared without whitespace or hyphens: pdftotext breaks lines where the layout did (and
 * drops the hyphen of "go-\nlive" when it joins them), and CJK has no spaces to begin with.
 */
export const squash = (s: string) => s.replace(/[\s\-\u00ad\u2010]+/g, '');

/** What the issue's "done when" asks of a full report: client, every dimension, finding and plan action. */
export function expectComplete(text: string, scored: Scored, locale: 'en' | 'zh-CN'): void {
  const all = squash(text);
  const missing = [
    scored.result.organisation.name,
    ...scored.result.dimensions.map((d) => d.title[locale]),
    ...scored.result.findings.map((f) => f.title[locale]),
    ...scored.result.plan.actions.map((a) => a.title[locale]),
  ].filter((s) => !all.includes(squash(s)));
  expect(missing).toEqual([]);
}

/** A page with nothing but its running header and footer is a layout bug (an empty fragment after a block). */
export function expectNoEmptyPages(pages: string[], scored: Scored, locale: 'en' | 'zh-CN'): void {
  const running = [scored.result.organisation.name, scored.result.title ?? scored.questionnaire.title[locale], 'CRM readiness diagnostic', 'CRM 上线准备度诊断报告', 'CRM readiness: executive brief', 'CRM 上线准备度：高管简报'].map(squash);
  const empty = pages.map((text, i) => {
    let rest = squash(text).replace(/Page\d+of\d+|第\d+页，共\d+页/g, '');
    for (const r of running) rest = rest.split(r).join('');
    return rest.length < 20 ? i + 1 : 0;
  }).filter(Boolean);
  expect(empty, 'pages with only a header and footer').toEqual([]);
}
