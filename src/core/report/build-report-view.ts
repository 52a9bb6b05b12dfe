import type { Locale } from '../localized.ts';
import type { Assessment } from '../questionnaire/answers-schema.ts';
import type { Question, Questionnaire } from '../questionnaire/questionnaire-schema.ts';
import { OWNER_LABELS, ROLE_GROUP_LABELS, ROLE_LABELS, ROLES, type Role } from '../roles.ts';
import type { EvidenceAnswer, Finding, PlanAction, ScoreResult } from '../scoring/result-types.ts';
import { bandFor } from '../scoring/bands.ts';
import { BANDS, SEVERITIES, type Band, type RuleSet } from '../scoring/rule-set-schema.ts';
import { buildBarsChart, buildHeatmapChart, buildMatrixChart, buildRadarChart, buildRoadmapChart, type DimensionPoint } from './build-chart-specs.ts';
import { formatAnswer, formatNumber, formatPercent, formatScore } from './format-answer.ts';
import { fillString, formatString, getString, getStringList, type ReportStrings } from './report-strings.ts';
import type { ActionView, AnswerView, ChartSpec, EvidenceView, FindingView, QuestionView, ReportView, ReportViewOptions } from './report-view.ts';
import type { Comparison } from '../followup/compare-assessments.ts';
import { buildProgressView } from './build-progress-view.ts';

export interface ReportInput {
  result: ScoreResult;
  questionnaire: Questionnaire;
  rules: RuleSet;
  assessment: Assessment;
  /** A follow-up's comparison with the assessment it repeats: the full report prints "progress since <date>". */
  progress?: Comparison | null;
}

/** Content width of an A4 page with the print CSS margins (210mm - 2 × 16mm) in CSS pixels. */
const CONTENT_WIDTH = 672;
/** Above this many answers a piece of evidence is summarised as counts per value. */
const MAX_LISTED_ANSWERS = 6;
const TOP_RISKS = 5;
const FIRST_ACTIONS = 6;
/** The brief must stay within three pages whatever the rule set says: its lists are capped and its texts shortened. */
const BRIEF_CONDITIONS = 4;
const BRIEF_TEXT = 180;
/** Latin text from a TrueType face, CJK from Noto Sans CJK SC (fonts-noto-cjk); see README "Fonts". */
export const REPORT_FONT_FAMILY = '"Liberation Sans", Arial, Helvetica, "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif';

/**
 * ScoreResult + the files it came from -> the report as plain data (texts in one locale, numbers
 * formatted, chart.js configs as JSON). Pure: the date, the labels and the variant are passed in.
 *
 * Privacy is decided here, once, for every template: a role group smaller than the anonymity
 * minimum is never named (its answers say "a respondent", its count joins "other roles"),
 * respondent names and ids never appear, and comments and free-text answers appear only when
 * `includeComments` is set.
 */
export function buildReportView(input: ReportInput, options: ReportViewOptions): ReportView {
  const { result, questionnaire, rules, assessment } = input;
  const { locale, strings: t, includeComments } = options;
  const s = (path: string) => getString(t, path);
  const f = (path: string, values: Record<string, string | number>) => formatString(t, path, values);

  const minimum = result.anonymityMinimum;
  const groupSize = (role: Role) => result.respondents.byRole[role] ?? 0;
  const shown = (role: Role) => groupSize(role) >= minimum;
  const roleLabel = (role: Role) => ROLE_LABELS[role][locale];
  const groupLabel = (role: Role) => ROLE_GROUP_LABELS[role][locale];
  const who = (role: Role) => (shown(role) ? roleLabel(role) : s('people.aRespondent'));
  const bandKey = (band: Band | null): Band | 'none' => band ?? 'none';
  const bandLabel = (band: Band | null) => s(`bands.${bandKey(band)}`);

  const questions = new Map(questionnaire.questions.map((q) => [q.id, q]));
  const dimensionDefs = new Map(questionnaire.dimensions.map((d) => [d.id, d]));
  const dimensionTitle = (id: string) => dimensionDefs.get(id)?.title[locale] ?? id;
  const answerText = (value: unknown, questionId?: string) => formatAnswer(value, questionId ? questions.get(questionId) : undefined, questionnaire, locale, t);
  const questionLabel = (id: string) => `${id} · ${questions.get(id)?.text[locale] ?? id}`;
  const sourceText = (src: { file: string; section: string }) => `${src.file} › ${src.section}`;
  const planById = new Map(result.plan.actions.map((a) => [a.id, a]));
  const findingById = new Map(result.findings.map((x) => [x.id, x]));
  const client = result.organisation.name;
  const variantTitle = options.variant === 'full' ? s('meta.titleFull') : s('meta.titleBrief');

  // ------------------------------------------------------------------ findings
  const answerView = (a: EvidenceAnswer): AnswerView => ({
    who: who(a.role),
    value: answerText(a.value, undefined),
    support: a.support ? s(`support.${a.support}`) : null,
    comment: includeComments && a.comment ? a.comment : null,
  });
  const commentsOf = (answers: readonly EvidenceAnswer[]) =>
    includeComments
      ? answers.filter((a) => a.comment).map((a) => ({ who: who(a.role), text: a.comment! })).sort((a, b) => a.who.localeCompare(b.who) || a.text.localeCompare(b.text))
      : [];
  const countsOf = (values: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v, n]) => `${v} × ${n}`);
  };

  function evidenceOf(finding: Finding): EvidenceView[] {
    if (finding.kind === 'perception-gap') {
      const dv = result.divergences.find((d) => d.kind === 'dimension' && d.dimension === finding.dimension);
      if (dv && shown(dv.high.role) && shown(dv.low.role)) {
        return [{
          text: f('evidence.gap', { dimension: dimensionTitle(dv.dimension), high: groupLabel(dv.high.role), highScore: formatScore(dv.high.score), low: groupLabel(dv.low.role), lowScore: formatScore(dv.low.score), gap: formatScore(dv.gap) }),
          questionId: null, seen: null, rule: finding.evidence[0]?.description ?? '', answers: [], counts: [], comments: [],
        }];
      }
    }
    return finding.evidence.map((ev): EvidenceView => {
      const q = ev.question ? questions.get(ev.question) : undefined;
      const many = ev.answers.length > MAX_LISTED_ANSWERS;
      const values = ev.answers.map((a) => answerText(a.value, ev.question));
      const text = q
        ? questionLabel(q.id)
        : ev.fact === 'unknownCount' && finding.kind === 'blind-spot'
          ? f('evidence.blindSpot', { n: typeof ev.actual === 'number' ? ev.actual : 0, dimension: dimensionTitle(finding.dimension) })
          : ev.description;
      return {
        text,
        questionId: q?.id ?? null,
        seen: q ? answerText(ev.actual, q.id) : ev.fact === 'dimension' && typeof ev.actual === 'number' ? formatScore(ev.actual) : null,
        rule: ev.description,
        answers: many ? [] : ev.answers.map((a, i) => ({ ...answerView(a), value: values[i]! })),
        counts: many ? countsOf(values) : [],
        comments: many ? commentsOf(ev.answers) : [],
      };
    });
  }

  function findingView(finding: Finding): FindingView {
    const evidence = evidenceOf(finding);
    return {
      id: finding.id,
      title: finding.title[locale],
      explanation: finding.explanation[locale],
      shortExplanation: firstSentence(finding.explanation[locale], BRIEF_TEXT),
      severity: finding.severity,
      severityLabel: s(`severity.${finding.severity}`),
      kindLabel: s(`kinds.${finding.kind}`),
      likelihood: finding.likelihood,
      impact: finding.impact,
      score: finding.likelihood * finding.impact,
      dimensionTitle: dimensionTitle(finding.dimension),
      source: sourceText(finding.source),
      gate: finding.capBand
        ? f(result.overall.cappedBy.includes(finding.id) ? 'findings.gateApplied' : 'findings.gate', { band: bandLabel(finding.capBand) })
        : null,
      evidence,
      evidenceSummary: evidence.map((e) => (e.seen ? `${e.text}: ${e.seen}` : e.text)),
      actions: finding.actions.filter((id) => planById.has(id)).map((id) => planById.get(id)!.title[locale]),
    };
  }
  const findingViews = result.findings.map(findingView);
  const findingViewById = new Map(findingViews.map((x) => [x.id, x]));

  // ------------------------------------------------------------------ plan
  const horizonKey = (a: PlanAction) => a.horizon;
  const becauseText = (because: string) => {
    if (because.startsWith('dimension:')) return f('roadmap.becauseWeak', { dimension: dimensionTitle(because.slice('dimension:'.length)) });
    if (because.startsWith('prerequisite:')) {
      const id = because.slice('prerequisite:'.length);
      return f('roadmap.becausePrerequisite', { action: planById.get(id)?.title[locale] ?? id });
    }
    // Finding ids only: their titles are one table away (risk register), and a plan action may answer many.
    return because;
  };
  const actionViews: ActionView[] = result.plan.actions.map((a, i) => ({
    id: a.id,
    number: i + 1,
    title: a.title[locale],
    description: a.description[locale],
    owner: OWNER_LABELS[a.owner][locale],
    phase: a.phase,
    horizon: s(`horizons.${a.horizon}`),
    effort: s(`effort.${a.effort}`),
    kpi: a.kpi[locale],
    dependsOn: a.dependsOn.filter((d) => planById.has(d)).map((d) => planById.get(d)!.title[locale]),
    because: a.because.map(becauseText),
  }));
  const phaseTitles = [1, 2, 3, 4, 5].map((p) => s(`phases.${p}`));
  const roadmap = phaseTitles.map((title, i) => ({ phase: i + 1, title, actions: actionViews.filter((a) => a.phase === i + 1) })).filter((p) => p.actions.length > 0);

  // ------------------------------------------------------------------ summary
  const index = result.overall.index;
  const band = result.overall.band;
  const severityCounts = SEVERITIES.map((sev) => ({ sev, n: result.findings.filter((x) => x.severity === sev).length }));
  const conditionFindings = result.findings.filter((x) => x.severity === 'critical' || x.capBand);
  const conditions = conditionFindings.map((finding) => ({
    id: finding.id,
    title: finding.title[locale],
    severity: finding.severity,
    severityLabel: s(`severity.${finding.severity}`),
    gate: findingViewById.get(finding.id)!.gate,
    actions: finding.actions.filter((id) => planById.has(id)).map((id) => {
      const a = planById.get(id)!;
      return { title: a.title[locale], kpi: a.kpi[locale], owner: OWNER_LABELS[a.owner][locale], horizon: s(`horizons.${a.horizon}`) };
    }),
  }));
  const gateNote = result.overall.cappedBy.length > 0 && result.overall.uncappedBand
    ? f('summary.gateNote', {
      uncapped: bandLabel(result.overall.uncappedBand),
      band: bandLabel(band),
      gates: result.overall.cappedBy.map((id) => findingById.get(id)?.title[locale] ?? id).join('; '),
    })
    : null;

  // ------------------------------------------------------------------ dimensions
  const dimensionPoints: DimensionPoint[] = result.dimensions.map((d) => ({ title: d.title[locale], score: d.score, band: bandKey(d.band) }));
  const scoreRows = result.dimensions.map((d) => ({
    title: d.title[locale], score: formatScore(d.score), band: bandKey(d.band), bandLabel: bandLabel(d.band),
    confidence: formatPercent(d.confidence), weight: formatNumber(d.weight, 2),
  }));
  const dimensions = result.dimensions.map((d, i) => {
    const def = dimensionDefs.get(d.id);
    return {
      id: d.id,
      number: i + 1,
      anchor: `sec-dim-${i + 1}`,
      title: d.title[locale],
      description: def?.description[locale] ?? '',
      goodLooksLike: def?.goodLooksLike[locale] ?? '',
      score: formatScore(d.score),
      band: bandKey(d.band),
      bandLabel: bandLabel(d.band),
      confidence: formatPercent(d.confidence),
      weight: formatNumber(d.weight, 2),
      counts: f('dimension.counts', { answered: d.answered, unknown: d.unknown, na: d.notApplicable }),
      byRole: ROLES.filter((r) => d.byRole[r] && shown(r)).map((r) => ({ role: roleLabel(r), n: d.byRole[r]!.n, score: formatScore(d.byRole[r]!.score) })),
      findings: findingViews.filter((x) => result.findings.find((y) => y.id === x.id)!.dimension === d.id),
    };
  });

  // ------------------------------------------------------------------ perception gaps
  const groups = ROLES.filter((r) => shown(r) && result.dimensions.some((d) => d.byRole[r]?.score !== null && d.byRole[r]?.score !== undefined));
  const hasPerception = result.respondents.total > 1 && groups.length >= 2;
  const perceptionRows = result.dimensions.map((d) => ({
    dimension: d.title[locale],
    cells: groups.map((r) => {
      const score = d.byRole[r]?.score ?? null;
      return { score, band: score === null ? ('none' as const) : bandFor(score, rules.bands) };
    }),
  }));
  const perception = hasPerception
    ? {
      roles: groups.map(groupLabel),
      rows: perceptionRows.map((r) => ({ dimension: r.dimension, cells: r.cells.map((c) => ({ score: formatScore(c.score), band: c.band })) })),
      divergences: result.divergences
        .filter((dv) => shown(dv.high.role) && shown(dv.low.role))
        .slice(0, 15)
        .map((dv) => ({
          item: dv.kind === 'dimension' ? dimensionTitle(dv.id) : questionLabel(dv.id),
          kind: s(`perception.kind.${dv.kind}`),
          high: f('perception.group', { role: groupLabel(dv.high.role), score: formatScore(dv.high.score), n: dv.high.n }),
          low: f('perception.group', { role: groupLabel(dv.low.role), score: formatScore(dv.low.score), n: dv.low.n }),
          gap: formatScore(dv.gap),
        })),
    }
    : null;

  // ------------------------------------------------------------------ cover
  const respondentRows: Array<{ label: string; n: number }> = [];
  let others = 0;
  for (const role of ROLES) {
    const n = groupSize(role);
    if (n === 0) continue;
    if (n >= minimum) respondentRows.push({ label: roleLabel(role), n });
    else others += n;
  }
  if (others > 0) respondentRows.push({ label: s('people.otherRoles'), n: others });
  const org = result.organisation;
  const details = [
    ...(org.industry ? [{ label: s('cover.industry'), value: org.industry }] : []),
    ...(org.size ? [{ label: s('cover.size'), value: org.size }] : []),
    ...(org.country ? [{ label: s('cover.country'), value: org.country }] : []),
  ];

  // ------------------------------------------------------------------ appendix
  const byDimension = [...questionnaire.dimensions].sort((a, b) => a.order - b.order);
  const aggregates = new Map(result.questions.map((q) => [q.question, q]));
  const appendixQuestions = byDimension.map((d) => ({
    dimension: d.title[locale],
    questions: questionnaire.questions.filter((q) => q.dimension === d.id).sort((a, b) => a.order - b.order).map((q) => questionView(q)),
  }));
  function questionView(q: Question): QuestionView {
    const agg = aggregates.get(q.id);
    const given = assessment.respondents.flatMap((r) => (r.answers[q.id] ? [{ role: r.role, ...r.answers[q.id]! }] : []));
    const comments = includeComments ? given.filter((a) => a.comment).map((a) => ({ who: who(a.role), text: a.comment! })) : [];
    const textAnswers = includeComments && q.type === 'text' ? given.filter((a) => typeof a.value === 'string' && a.value.trim()).map((a) => ({ who: who(a.role), text: String(a.value) })) : [];
    const hidden = includeComments ? 0 : given.filter((a) => a.comment).length + (q.type === 'text' ? given.length : 0);
    const sortWho = (a: { who: string; text: string }, b: { who: string; text: string }) => a.who.localeCompare(b.who) || a.text.localeCompare(b.text);
    const consensus = assessment.consensus[q.id];
    return {
      id: q.id,
      text: q.text[locale],
      type: s(`questionTypes.${q.type}`),
      answer: q.type === 'text' ? f('appendix.textAnswers', { n: given.length }) : answerText(agg?.value ?? null, q.id),
      agreed: agg?.source === 'consensus',
      score: agg?.score === null || agg?.score === undefined ? '—' : formatScore(agg.score * 100),
      respondents: agg ? f('appendix.respondents', { asked: agg.respondents, unknown: agg.unknown, na: agg.notApplicable, unanswered: agg.unanswered }) : '—',
      spread: agg?.spread ? f('appendix.spread', { min: formatScore(agg.spread.min), max: formatScore(agg.spread.max), iqr: formatScore(agg.spread.iqr) }) : null,
      distribution: q.type === 'text' ? [] : countsOf(given.map((a) => answerText(a.value, q.id))),
      dissent: consensus?.dissent ? (includeComments ? consensus.dissent : s('appendix.dissentOmitted')) : null,
      comments: comments.sort(sortWho),
      textAnswers: textAnswers.sort(sortWho),
      omitted: hidden > 0 ? f('appendix.omitted', { n: hidden }) : null,
    };
  }
  const consensus = questionnaire.questions
    .filter((q) => assessment.consensus[q.id])
    .sort((a, b) => (dimensionDefs.get(a.dimension)?.order ?? 0) - (dimensionDefs.get(b.dimension)?.order ?? 0) || a.order - b.order)
    .map((q) => {
      const c = assessment.consensus[q.id]!;
      return { id: q.id, question: q.text[locale], value: answerText(c.value, q.id), dissent: c.dissent ? (includeComments ? c.dissent : s('appendix.dissentOmitted')) : null };
    });
  const claims = result.claimedToCheck.map((c) => ({ question: questionLabel(c.question), who: who(c.role), value: answerText(c.value, c.question) }));

  const bandsRange = (b: Band) => {
    const { elevated, moderate, ready } = rules.bands;
    const ranges: Record<Band, string> = {
      'high-risk': f('method.below', { n: elevated }),
      elevated: f('method.between', { from: elevated, to: moderate }),
      moderate: f('method.between', { from: moderate, to: ready }),
      ready: f('method.atLeast', { n: ready }),
    };
    return ranges[b];
  };
  const method = {
    paragraphs: [
      s('method.answers'),
      s('method.aggregate'),
      s('method.dimensions'),
      f('method.unknowns', { share: formatPercent(rules.blindSpot.minUnknownShare) }),
      s('method.notApplicable'),
      s('method.index'),
      s('method.gates'),
      s('method.confidence'),
      f('method.groups', { minimum, questionGap: rules.groups.questionGap, dimensionGap: rules.groups.dimensionGap }),
      s('method.priority'),
    ],
    bands: [...BANDS].reverse().map((b) => ({ band: b, label: s(`bands.${b}`), range: bandsRange(b) })),
    weights: byDimension.map((d) => ({ title: d.title[locale], weight: formatNumber(d.weight, 2), questions: questionnaire.questions.filter((q) => q.dimension === d.id && q.type !== 'text').length })),
    gates: rules.findings.filter((x) => x.capBand).map((x) => ({ id: x.id, title: x.title[locale], cap: bandLabel(x.capBand!) })),
    support: (['demonstrated', 'documented', 'unstated', 'claimed'] as const).map((k) => ({ label: s(`support.${k}`), factor: formatNumber(rules.confidence.support[k], 2) })),
    severityWeights: SEVERITIES.map((k) => ({ label: s(`severity.${k}`), weight: formatNumber(rules.severityWeights[k], 2) })),
  };

  const versions = [
    { label: s('versions.questionnaire'), value: `${result.questionnaire.id}@${result.questionnaire.version} — ${questionnaire.title[locale]}` },
    { label: s('versions.rules'), value: `${result.rules.id}@${result.rules.version} — ${rules.title[locale]}` },
    { label: s('versions.inputHash'), value: result.inputHash },
    { label: s('versions.template'), value: options.templateVersion },
    { label: s('versions.generated'), value: options.generatedAt },
    { label: s('versions.tool'), value: 'crm-readiness' },
  ];

  // ------------------------------------------------------------------ charts
  const isFull = options.variant === 'full';
  const radar = buildRadarChart('chart-radar', dimensionPoints, rules.bands.ready,
    { score: s('charts.score'), ready: f('charts.readyLine', { n: rules.bands.ready }) },
    isFull ? { width: 460, height: 310 } : { width: 380, height: 300 },
    f('charts.radarCaption', { list: dimensionPoints.map((d) => `${d.title} ${formatScore(d.score)}`).join(' · ') }));
  const bars = isFull ? buildBarsChart('chart-bars', dimensionPoints, rules.bands, CONTENT_WIDTH, s('charts.barsCaption')) : null;
  const matrix = isFull && result.findings.length > 0
    ? buildMatrixChart('chart-matrix', result.findings, { likelihood: s('charts.likelihood'), impact: s('charts.impact') }, s('charts.matrixCaption'))
    : null;
  const heatmap = isFull && hasPerception
    ? buildHeatmapChart('chart-heatmap', groups.map(groupLabel), perceptionRows, CONTENT_WIDTH, f('charts.heatmapCaption', { minimum }))
    : null;
  const roadmapChart = isFull && actionViews.length > 0
    ? buildRoadmapChart('chart-roadmap', actionViews.map((a) => ({ number: a.number, title: a.title, phase: a.phase, horizonKey: horizonKey(result.plan.actions[a.number - 1]!) })), phaseTitles, s('charts.months'), CONTENT_WIDTH, s('charts.roadmapCaption'))
    : null;
  const charts = [radar, bars, matrix, heatmap, roadmapChart].filter((c): c is ChartSpec => c !== null);

  const progress = isFull && input.progress ? buildProgressView(input.progress, locale, t) : null;

  // ------------------------------------------------------------------ table of contents
  const toc: ReportView['toc'] = [];
  if (isFull) {
    toc.push({ anchor: 'sec-summary', title: s('sections.summary'), level: 1 });
    if (progress) toc.push({ anchor: 'sec-progress', title: progress.title, level: 1 });
    toc.push({ anchor: 'sec-scores', title: s('sections.scores'), level: 1 });
    dimensions.forEach((d) => toc.push({ anchor: d.anchor, title: d.title, level: 2 }));
    toc.push({ anchor: 'sec-risks', title: s('sections.risks'), level: 1 });
    if (perception) toc.push({ anchor: 'sec-perception', title: s('sections.perception'), level: 1 });
    toc.push({ anchor: 'sec-contract', title: s('sections.contract'), level: 1 });
    toc.push({ anchor: 'sec-roadmap', title: s('sections.roadmap'), level: 1 });
    toc.push({ anchor: 'sec-kpis', title: s('sections.kpis'), level: 1 });
    if (consensus.length > 0) toc.push({ anchor: 'sec-consensus', title: s('sections.consensus'), level: 1 });
    if (claims.length > 0) toc.push({ anchor: 'sec-claims', title: s('sections.claims'), level: 1 });
    toc.push({ anchor: 'sec-method', title: s('sections.method'), level: 1 });
    toc.push({ anchor: 'sec-questions', title: s('sections.questions'), level: 1 });
    toc.push({ anchor: 'sec-versions', title: s('sections.versions'), level: 1 });
  }

  const assessmentTitle = result.title ?? questionnaire.title[locale];
  return {
    lang: locale,
    variant: options.variant,
    isFull,
    includeComments,
    title: `${variantTitle} — ${client}`,
    subject: f('meta.subject', { client, assessment: assessmentTitle, index: formatScore(index), band: bandLabel(band) }),
    author: 'crm-readiness',
    keywords: ['CRM', s('meta.keyword'), `${result.questionnaire.id}@${result.questionnaire.version}`, bandLabel(band)],
    client,
    headerTitle: variantTitle,
    footerPage: s('meta.page'),
    fontFamily: REPORT_FONT_FAMILY,
    t,
    cover: {
      kicker: variantTitle,
      assessmentTitle,
      date: result.date ? formatDate(result.date, locale, t) : '—',
      generated: formatDate(options.generatedAt, locale, t),
      details,
      respondents: respondentRows,
      respondentsTotal: f('cover.respondentsTotal', { n: result.respondents.total }),
      questionnaire: `${result.questionnaire.id}@${result.questionnaire.version}`,
      rules: `${result.rules.id}@${result.rules.version}`,
      inputHash: result.inputHash,
      commentsNote: includeComments ? s('cover.commentsIncluded') : s('cover.commentsOmitted'),
    },
    toc,
    summary: {
      index: formatScore(index),
      band: bandKey(band),
      bandLabel: bandLabel(band),
      verdict: s(`verdicts.${bandKey(band)}`),
      confidence: formatPercent(result.overall.confidence),
      gateNote,
      topRisks: findingViews.slice(0, TOP_RISKS),
      conditions: isFull ? conditions : conditions.slice(0, BRIEF_CONDITIONS),
      moreConditions: !isFull && conditions.length > BRIEF_CONDITIONS ? f('brief.moreConditions', { n: conditions.length - BRIEF_CONDITIONS }) : null,
      counts: f('summary.counts', { n: result.findings.length, critical: severityCounts[0]!.n, high: severityCounts[1]!.n, medium: severityCounts[2]!.n, low: severityCounts[3]!.n }),
    },
    scoreRows,
    dimensions,
    risks: findingViews,
    perception,
    contractFlags: findingViews.filter((x) => findingById.get(x.id)!.kind === 'contract-red-flag'),
    roadmap,
    actionsCount: actionViews.length,
    firstActions: actionViews.slice(0, FIRST_ACTIONS),
    moreActionsNote: f('brief.moreActions', { n: actionViews.length }),
    kpis: rules.kpis.map((k) => ({ id: k.id, name: k.name[locale], definition: k.definition[locale], baseline: k.baseline[locale], target: k.target[locale], source: sourceText(k.source) })),
    consensus,
    progress,
    claims,
    method,
    appendixQuestions,
    versions,
    charts,
    chart: { radar, bars, matrix, heatmap, roadmap: roadmapChart },
  };
}

/** The first sentence (Latin or CJK full stop), cut at `max` characters with an ellipsis. */
export function firstSentence(text: string, max: number): string {
  const m = /^.*?(?:[.!?](?=\s|$)|[。！？])/su.exec(text.trim());
  const sentence = (m ? m[0] : text.trim());
  const chars = [...sentence];
  return chars.length <= max ? sentence : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** "2025-03-14" or an ISO date-time -> "14 March 2025" / "2025年3月14日", from the date part only (no time zone games). */
export function formatDate(iso: string, locale: Locale, strings: ReportStrings): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const month = Number(mo);
  const months = getStringList(strings, 'months');
  return fillString(getString(strings, 'dateFormat'), { y, m: month, d: Number(d), month: months[month - 1] ?? mo });
}
