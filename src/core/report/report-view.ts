import type { Locale } from '../localized.ts';
import type { Band, Severity } from '../scoring/rule-set-schema.ts';
import type { ReportStrings } from './report-strings.ts';

/**
 * The report as plain data: every string is already in the report's locale, every number already
 * formatted, so the templates only place text. Optional things are `null` or empty lists, never
 * missing, because the templates are compiled in strict mode.
 */
export type ReportVariant = 'full' | 'brief';

export interface ReportViewOptions {
  variant: ReportVariant;
  locale: Locale;
  /** Respondent comments and free-text answers; a copy for sponsors can leave them out. */
  includeComments: boolean;
  /** ISO date-time of the rendering, passed in so the core stays free of the clock. */
  generatedAt: string;
  /** The locale's labels (report-templates/locales/<locale>.json). */
  strings: ReportStrings;
  /** Printed in the versions appendix; the adapter's REPORT_TEMPLATE_VERSION. */
  templateVersion: string;
}

/** A chart.js configuration as plain JSON, drawn by the page's own script into canvas `id`. */
export interface ChartSpec {
  id: string;
  width: number;
  height: number;
  /** Text alternative printed under the chart for readers (and text extraction). */
  caption: string;
  config: { type: string; data: unknown; options: unknown };
}

export interface Tag { key: string; label: string }

export interface AnswerView {
  who: string;
  value: string;
  support: string | null;
  comment: string | null;
}

export interface EvidenceView {
  /** The question text, or the scorer's description of the fact that held. */
  text: string;
  questionId: string | null;
  /** The value the rule saw (aggregate or agreed answer), formatted. */
  seen: string | null;
  /** The scorer's own trace of the condition that held, for the consultant who explains it. */
  rule: string;
  answers: AnswerView[];
  /** When many people answered: "value × n" lines instead of one line per respondent. */
  counts: string[];
  comments: Array<{ who: string; text: string }>;
}

export interface FindingView {
  id: string;
  title: string;
  explanation: string;
  /** First sentence only, for the brief. */
  shortExplanation: string;
  severity: Severity;
  severityLabel: string;
  kindLabel: string;
  likelihood: number;
  impact: number;
  score: number;
  dimensionTitle: string;
  source: string;
  gate: string | null;
  evidence: EvidenceView[];
  evidenceSummary: string[];
  actions: string[];
}

export interface DimensionPage {
  id: string;
  number: number;
  anchor: string;
  title: string;
  description: string;
  goodLooksLike: string;
  score: string;
  band: Band | 'none';
  bandLabel: string;
  confidence: string;
  weight: string;
  counts: string;
  byRole: Array<{ role: string; n: number; score: string }>;
  findings: FindingView[];
}

export interface ActionView {
  id: string;
  number: number;
  title: string;
  description: string;
  owner: string;
  phase: number;
  horizon: string;
  effort: string;
  kpi: string;
  dependsOn: string[];
  because: string[];
}

export interface QuestionView {
  id: string;
  text: string;
  type: string;
  answer: string;
  agreed: boolean;
  score: string;
  respondents: string;
  spread: string | null;
  distribution: string[];
  dissent: string | null;
  comments: Array<{ who: string; text: string }>;
  textAnswers: Array<{ who: string; text: string }>;
  omitted: string | null;
}

/** A follow-up's "progress since <date>": what changed since the assessment it repeats (full report only). */
export interface ProgressView {
  title: string;
  lead: string;
  basis: string;
  overall: { before: string; after: string; delta: string; bandBefore: Band | 'none'; bandBeforeLabel: string; bandAfter: Band | 'none'; bandAfterLabel: string };
  dimensions: Array<{ title: string; before: string; after: string; delta: string }>;
  closed: Array<{ id: string; title: string; severity: Severity; severityLabel: string }>;
  opened: Array<{ id: string; title: string; severity: Severity; severityLabel: string }>;
  changed: Array<{ id: string; title: string; before: string; after: string }>;
  unchanged: string;
  actions: Array<{ title: string; status: string; statusKey: string; note: string | null }>;
  actionCounts: string;
}

export interface ReportView {
  lang: Locale;
  variant: ReportVariant;
  isFull: boolean;
  includeComments: boolean;
  /** <title>, and the PDF's Title. */
  title: string;
  subject: string;
  author: string;
  keywords: string[];
  client: string;
  /** The running header's text beside the client name. */
  headerTitle: string;
  footerPage: string;
  fontFamily: string;
  t: ReportStrings;
  cover: {
    kicker: string;
    assessmentTitle: string;
    date: string;
    generated: string;
    details: Array<{ label: string; value: string }>;
    respondents: Array<{ label: string; n: number }>;
    respondentsTotal: string;
    questionnaire: string;
    rules: string;
    inputHash: string;
    commentsNote: string;
  };
  toc: Array<{ anchor: string; title: string; level: number }>;
  summary: {
    index: string;
    band: Band | 'none';
    bandLabel: string;
    verdict: string;
    confidence: string;
    gateNote: string | null;
    topRisks: FindingView[];
    conditions: Array<{ id: string; title: string; severityLabel: string; severity: Severity; gate: string | null; actions: Array<{ title: string; kpi: string; owner: string; horizon: string }> }>;
    /** The brief lists a few conditions and says how many more the full report has. */
    moreConditions: string | null;
    counts: string;
  };
  scoreRows: Array<{ title: string; score: string; band: Band | 'none'; bandLabel: string; confidence: string; weight: string }>;
  dimensions: DimensionPage[];
  risks: FindingView[];
  perception: {
    roles: string[];
    rows: Array<{ dimension: string; cells: Array<{ score: string; band: Band | 'none' }> }>;
    divergences: Array<{ item: string; kind: string; high: string; low: string; gap: string }>;
  } | null;
  contractFlags: FindingView[];
  roadmap: Array<{ phase: number; title: string; actions: ActionView[] }>;
  actionsCount: number;
  firstActions: ActionView[];
  /** Under the brief's first actions: how many more the full report lists. */
  moreActionsNote: string;
  kpis: Array<{ id: string; name: string; definition: string; baseline: string; target: string; source: string }>;
  consensus: Array<{ id: string; question: string; value: string; dissent: string | null }>;
  /** Only in the full report of a follow-up assessment; null otherwise. */
  progress: ProgressView | null;
  claims: Array<{ question: string; who: string; value: string }>;
  method: {
    paragraphs: string[];
    bands: Array<{ band: Band; label: string; range: string }>;
    weights: Array<{ title: string; weight: string; questions: number }>;
    gates: Array<{ id: string; title: string; cap: string }>;
    support: Array<{ label: string; factor: string }>;
    severityWeights: Array<{ label: string; weight: string }>;
  };
  appendixQuestions: Array<{ dimension: string; questions: QuestionView[] }>;
  versions: Array<{ label: string; value: string }>;
  charts: ChartSpec[];
  /** Charts by role, so templates can place each one; null when the chart is not drawn. */
  chart: { radar: ChartSpec; bars: ChartSpec | null; matrix: ChartSpec | null; heatmap: ChartSpec | null; roadmap: ChartSpec | null };
}
