import type { Comparison } from '../followup/compare-assessments.ts';
import type { Locale } from '../localized.ts';
import type { Band } from '../scoring/rule-set-schema.ts';
import { formatScore } from './format-answer.ts';
import { formatString, getString, type ReportStrings } from './report-strings.ts';
import type { ProgressView } from './report-view.ts';
import { formatDate } from './build-report-view.ts';

const signed = (n: number | null) => (n === null ? '—' : `${n > 0 ? '+' : n < 0 ? '−' : '±'}${formatScore(Math.abs(n))}`);

/** A follow-up's comparison -> the "progress since <date>" section, in the report's locale. */
export function buildProgressView(c: Comparison, locale: Locale, t: ReportStrings): ProgressView {
  const s = (path: string) => getString(t, path);
  const f = (path: string, values: Record<string, string | number>) => formatString(t, path, values);
  const bandKey = (b: Band | null): Band | 'none' => b ?? 'none';
  const date = c.previous.date ? formatDate(c.previous.date, locale, t) : '—';
  const q = c.questions;
  const basis = q.basis === 'same-version'
    ? f('progress.basisSame', { compared: q.compared, total: q.currentTotal })
    : f(q.basis === 'mapping' ? 'progress.basisMapping' : 'progress.basisSameIds', {
      from: c.previous.questionnaire.version, to: c.current.questionnaire.version, carried: q.carried, previous: q.previousTotal,
      renamed: q.renamed, split: q.split, removed: q.removed, compared: q.compared, total: q.currentTotal,
    });
  const finding = (x: Comparison['findings']['closed'][number], severity: 'severityBefore' | 'severityAfter') => ({
    id: x.id, title: x.title[locale], severity: x[severity]!, severityLabel: s(`severity.${x[severity]!}`),
  });
  const counts = c.actionCounts;
  return {
    title: f('progress.title', { date }),
    lead: f('progress.lead', { title: c.previous.title ?? '—', date }),
    basis,
    overall: {
      before: formatScore(c.overall.before), after: formatScore(c.overall.after), delta: signed(c.overall.delta),
      bandBefore: bandKey(c.overall.bandBefore), bandBeforeLabel: s(`bands.${bandKey(c.overall.bandBefore)}`),
      bandAfter: bandKey(c.overall.bandAfter), bandAfterLabel: s(`bands.${bandKey(c.overall.bandAfter)}`),
    },
    dimensions: c.dimensions.map((d) => ({ title: d.title[locale], before: formatScore(d.before), after: formatScore(d.after), delta: signed(d.delta) })),
    closed: c.findings.closed.map((x) => finding(x, 'severityBefore')),
    opened: c.findings.opened.map((x) => finding(x, 'severityAfter')),
    changed: c.findings.changed.map((x) => ({ id: x.id, title: x.title[locale], before: s(`severity.${x.severityBefore!}`), after: s(`severity.${x.severityAfter!}`) })),
    unchanged: f('progress.unchanged', { n: c.findings.unchanged }),
    actions: c.actions.map((a) => ({ title: a.title[locale], status: s(`progress.status.${a.status}`), statusKey: a.status, note: a.note })),
    actionCounts: f('progress.actionCounts', { done: counts.done, progress: counts['in-progress'], dropped: counts.dropped, open: counts['not-started'] }),
  };
}
