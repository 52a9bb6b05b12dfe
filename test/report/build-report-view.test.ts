import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReportAssets, TEMPLATES_DIR } from '../../src/adapters/report/load-report-assets.ts';
import { renderReportHtml, toScriptJson } from '../../src/adapters/report/render-report-html.ts';
import { buildView, REPORT_TEMPLATE_VERSION } from '../../src/adapters/report/report-service.ts';
import { buildRoadmapChart, MAX_CHART_HEIGHT, wrapLabel } from '../../src/core/report/build-chart-specs.ts';
import { firstSentence, formatDate } from '../../src/core/report/build-report-view.ts';
import { compareAssessments } from '../../src/core/followup/compare-assessments.ts';
import { formatAnswer } from '../../src/core/report/format-answer.ts';
import type { ReportStrings } from '../../src/core/report/report-strings.ts';
import { request, scoreFixture } from './helpers.ts';

const assets = loadReportAssets();

function keysOf(node: ReportStrings | string | readonly string[], prefix = ''): string[] {
  if (typeof node === 'string' || Array.isArray(node)) return [prefix];
  return Object.entries(node as ReportStrings).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

function templateFiles(): string[] {
  return readdirSync(TEMPLATES_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.hbs')).map((f) => path.join(TEMPLATES_DIR, f));
}

describe('locale files', () => {
  it('en and zh-CN have the same keys, and no empty label', () => {
    const en = keysOf(assets.strings.en).sort();
    const zh = keysOf(assets.strings['zh-CN']).sort();
    expect(zh).toEqual(en);
    for (const locale of ['en', 'zh-CN'] as const) {
      const text = JSON.stringify(assets.strings[locale]);
      expect(text).not.toMatch(/""/);
    }
  });

  it('every label a template names exists', () => {
    const en = new Set(keysOf(assets.strings.en));
    const used = templateFiles().flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/(?:@root\.)?\bt\.([\w.-]+)/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((k) => !en.has(k))).toEqual([]);
  });
});

describe('templates are safe by construction', () => {
  it('triple-stash appears only in the layout, for our own four assets', () => {
    const raw = templateFiles().flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\{\{\{\s*([^}]+?)\s*\}\}\}/g)].map((m) => `${path.basename(f)}:${m[1]}`));
    expect(raw.sort()).toEqual(['report.hbs:chartData', 'report.hbs:chartJs', 'report.hbs:css', 'report.hbs:drawCharts']);
  });

  it('chart data JSON cannot close its script element', () => {
    const json = toScriptJson({ a: '</script><script>alert(1)</script>', b: '<!-- & \u2028\u2029 >' });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual({ a: '</script><script>alert(1)</script>', b: '<!-- & \u2028\u2029 >' });
  });

  it('the template version is VERSION plus a content hash', () => {
    const base = readFileSync(path.join(TEMPLATES_DIR, 'VERSION'), 'utf8').trim();
    expect(REPORT_TEMPLATE_VERSION).toMatch(new RegExp(`^${base.replace(/\./g, '\\.')}\\+[0-9a-f]{12}$`));
  });
});

describe('the report view model', () => {
  const workshop = scoreFixture('workshop.yaml');

  it('is plain data: the chart configs survive a JSON round trip', () => {
    const view = buildView(request(workshop, 'full', 'en'));
    expect(JSON.parse(JSON.stringify(view.charts))).toEqual(view.charts);
    expect(view.charts.map((c) => c.id)).toEqual(['chart-radar', 'chart-bars', 'chart-matrix', 'chart-heatmap', 'chart-roadmap']);
    for (const c of view.charts) expect((c.config.options as { animation: unknown }).animation).toBe(false);
  });

  it('colours the score bars by band', () => {
    const view = buildView(request(workshop, 'full', 'en'));
    const bars = view.chart.bars!.config.data as { datasets: Array<{ backgroundColor: string[] }> };
    // every fixture dimension is high-risk (below 40)
    expect(new Set(bars.datasets[0]!.backgroundColor)).toEqual(new Set(['#b42318']));
  });

  it('holds every dimension, finding and plan action of the result', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const view = buildView(request(workshop, 'full', locale));
      expect(view.dimensions.map((d) => d.title)).toEqual(workshop.result.dimensions.map((d) => d.title[locale]));
      expect(view.risks.map((f) => f.title)).toEqual(workshop.result.findings.map((f) => f.title[locale]));
      expect(view.roadmap.flatMap((p) => p.actions.map((a) => a.title))).toEqual(workshop.result.plan.actions.map((a) => a.title[locale]));
    }
  });

  it('never breaks out a role group under the anonymity minimum (the lone procurement respondent)', () => {
    // fixture rules: anonymityMinimum 2; procurement has one respondent
    expect(workshop.result.anonymityMinimum).toBe(2);
    const view = buildView(request(workshop, 'full', 'en'));
    expect(view.cover.respondents).toContainEqual({ label: 'Other roles (groups too small to show)', n: 1 });
    expect(view.cover.respondents.map((r) => r.label)).not.toContain('Procurement / legal');
    const liability = view.risks.find((f) => f.id === 'C-LIABILITY-CAP')!;
    const whos = liability.evidence.flatMap((e) => e.answers.map((a) => a.who));
    expect(whos).toContain('A respondent');
    expect(whos).not.toContain('Procurement / legal');
    expect(view.perception!.roles).not.toContain('Procurement / legal');
    const json = JSON.stringify(view);
    expect(json).not.toContain('Procurement / legal:'); // no "role: answer" line for the lone respondent anywhere
    // names and respondent ids never reach the report
    for (const secret of ['Erika Exec', 'Paula Procurement', 'proc-1', 'exec-1']) expect(json).not.toContain(secret);
  });

  it('leaves comments, free text and dissent out when asked to', () => {
    const comments = workshop.assessment.respondents.flatMap((r) => Object.values(r.answers).flatMap((a) => (a.comment ? [a.comment] : [])));
    const freeText = workshop.assessment.respondents.flatMap((r) => (typeof r.answers['STR-03']?.value === 'string' ? [r.answers['STR-03'].value] : []));
    expect(comments.length).toBeGreaterThan(5);
    const withComments = JSON.stringify(buildView(request(workshop, 'full', 'en', true)));
    const without = JSON.stringify(buildView(request(workshop, 'full', 'en', false)));
    for (const c of [...comments, ...freeText]) {
      expect(withComments).toContain(JSON.stringify(c).slice(1, -1));
      expect(without).not.toContain(JSON.stringify(c).slice(1, -1));
    }
    expect(withComments).toContain('The executives felt the goals are clearer than the team thinks.');
    expect(without).not.toContain('The executives felt the goals are clearer than the team thinks.');
    expect(without).toContain('Dissent was recorded; the note is left out of this copy.');
  });

  it('turns critical findings and gates into go-live conditions with their actions', () => {
    const view = buildView(request(workshop, 'full', 'en'));
    expect(view.summary.conditions.map((c) => c.id)).toEqual(['F-NO-SPONSOR', 'C-LIABILITY-CAP', 'F-DIRTY-DATA']);
    expect(view.summary.conditions[0]!.actions.map((a) => a.title)).toEqual(['Appoint an executive sponsor with budget authority']);
    expect(view.summary.topRisks).toHaveLength(5);
  });

  it('brings the bands and gates of the rule set into the method appendix', () => {
    const view = buildView(request(workshop, 'full', 'en'));
    expect(view.method.bands).toEqual([
      { band: 'ready', label: 'Ready', range: '75 and above' },
      { band: 'moderate', label: 'Moderate', range: '55 to under 75' },
      { band: 'elevated', label: 'Elevated risk', range: '40 to under 55' },
      { band: 'high-risk', label: 'High risk', range: 'below 40' },
    ]);
    expect(view.method.gates.map((g) => g.id)).toEqual(['F-NO-SPONSOR', 'F-DIRTY-DATA']);
  });

  it('renders strictly: no undefined, no [object Object] in either variant or locale', () => {
    for (const variant of ['full', 'brief'] as const) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const html = renderReportHtml(buildView(request(workshop, variant, locale)), 'nonce');
        const markup = html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '');
        expect(markup).not.toMatch(/undefined|\[object Object\]|NaN/);
        expect(html).toContain(`<html lang="${locale}">`);
        expect(html).toContain("script-src 'nonce-nonce'");
      }
    }
  });

  it('adds the progress since the previous assessment to a follow-up full report', () => {
    const previous = scoreFixture('workshop.yaml');
    const current = scoreFixture('single.yaml');
    const progress = compareAssessments(previous, current, { 'A-SPONSOR': { status: 'done', note: 'Named in <b>May</b>' } });
    for (const locale of ['en', 'zh-CN'] as const) {
      const view = buildView({ ...request(current, 'full', locale), progress });
      expect(view.progress).not.toBeNull();
      expect(view.toc.map((e) => e.anchor)).toContain('sec-progress');
      const html = renderReportHtml(view, 'n');
      expect(html).toContain('id="sec-progress"');
      expect(html).toContain('Named in &lt;b&gt;May&lt;/b&gt;');
      expect(html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '')).not.toMatch(/undefined|\[object Object\]|NaN/);
      expect(buildView({ ...request(current, 'brief', locale), progress }).progress).toBeNull();
    }
  });

  it('has no perception section with a single respondent', () => {
    const view = buildView(request(scoreFixture('single.yaml'), 'full', 'zh-CN'));
    expect(view.perception).toBeNull();
    expect(view.chart.heatmap).toBeNull();
    expect(view.toc.map((t) => t.anchor)).not.toContain('sec-perception');
  });
});

describe('formatting', () => {
  const { questionnaire } = scoreFixture('single.yaml');
  const q = (id: string) => questionnaire.questions.find((x) => x.id === id)!;
  it('shows answers as people read them', () => {
    expect(formatAnswer(2, q('STR-01'), questionnaire, 'en', assets.strings.en)).toBe('2 — Ad hoc');
    expect(formatAnswer('yes', q('STR-02'), questionnaire, 'zh-CN', assets.strings['zh-CN'])).toBe('是');
    expect(formatAnswer(['demo', 'matrix'], q('TEC-01'), questionnaire, 'en', assets.strings.en)).toBe('Vendor demo only; Evaluation matrix');
    expect(formatAnswer(2.5, q('IMP-02'), questionnaire, 'zh-CN', assets.strings['zh-CN'])).toBe('2.5 小时');
    expect(formatAnswer(45, q('DAT-01'), questionnaire, 'en', assets.strings.en)).toBe('45%');
    expect(formatAnswer('dont-know', q('DAT-01'), questionnaire, 'en', assets.strings.en)).toBe("Don't know");
  });
  it('writes dates in each locale without a clock or time zone', () => {
    expect(formatDate('2025-03-14', 'en', assets.strings.en)).toBe('14 March 2025');
    expect(formatDate('2025-03-14T23:30:00Z', 'zh-CN', assets.strings['zh-CN'])).toBe('2025年3月14日');
  });
  it('cuts the brief to the first sentence', () => {
    expect(firstSentence('One. Two.', 100)).toBe('One.');
    expect(firstSentence('第一句。第二句。', 100)).toBe('第一句。');
    expect(firstSentence('x'.repeat(300), 10)).toBe(`${'x'.repeat(9)}…`);
  });
  it('wraps chart labels: Latin by words, CJK by characters', () => {
    expect(wrapLabel('Implementation method and training', 18)).toEqual(['Implementation', 'method and', 'training']);
    expect(wrapLabel('数据迁移与系统集成管理', 12)).toEqual(['数据迁移与系', '统集成管理']);
  });
  it('keeps the roadmap timeline on one page however long the plan', () => {
    const actions = Array.from({ length: 70 }, (_, i) => ({ number: i + 1, title: `Action ${i}`, phase: (i % 5) + 1, horizonKey: '1-3m' }));
    const chart = buildRoadmapChart('r', actions, ['a', 'b', 'c', 'd', 'e'], 'months', 672, '');
    expect(chart.height).toBeLessThanOrEqual(MAX_CHART_HEIGHT);
  });
});
