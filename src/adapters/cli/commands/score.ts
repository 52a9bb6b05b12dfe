import path from 'node:path';
import { formatIssue } from '../../../core/errors.ts';
import type { Locale } from '../../../core/localized.ts';
import { scoreAssessment } from '../../../core/scoring/score-assessment.ts';
import type { ScoreResult } from '../../../core/scoring/result-types.ts';
import { loadAnswersFile, type LoadedAnswers } from '../../catalog/load-answers.ts';
import { loadCatalog } from '../../catalog/load-catalog.ts';
import { explainDimension, explainFinding } from '../format-explain.ts';
import { formatResultText } from '../format-result-text.ts';
import { UsageError, type Io } from '../io.ts';

/** Loads and scores an answers file; prints every problem and returns undefined when it cannot. */
export function scoreFile(file: string | undefined, io: Io): { result: ScoreResult; loaded: LoadedAnswers } | undefined {
  if (!file) throw new UsageError('name an answers file, e.g. examples/well-prepared.yaml');
  const catalog = loadCatalog();
  const broken = catalog.issues.length;
  if (broken) io.err(`warning: the catalog has ${broken} problem(s); run "crm-readiness validate"`);
  const { loaded, issues } = loadAnswersFile(path.resolve(io.cwd, file), catalog, io.cwd);
  if (!loaded) {
    for (const i of issues) io.err(formatIssue(i));
    io.err(`${issues.length} problem${issues.length > 1 ? 's' : ''}: nothing was scored`);
    return undefined;
  }
  return { result: scoreAssessment(loaded.assessment, loaded.questionnaire, loaded.rules), loaded };
}

/** The JSON result: the full result without condition traces (those are what `explain` is for). */
export function toPublicJson(result: ScoreResult): unknown {
  return { ...result, findings: result.findings.map(({ trace: _trace, ...f }) => f) };
}

export function runScore(file: string | undefined, format: string, locale: Locale, io: Io): number {
  if (format !== 'json' && format !== 'text') throw new UsageError(`--format must be json or text, received "${format}"`);
  const scored = scoreFile(file, io);
  if (!scored) return 1;
  io.out(format === 'json' ? JSON.stringify(toPublicJson(scored.result), null, 2) : formatResultText(scored.result, locale));
  return 0;
}

export function runExplain(file: string | undefined, finding: string | undefined, dimension: string | undefined, io: Io): number {
  const scored = scoreFile(file, io);
  if (!scored) return 1;
  const { result, loaded } = scored;
  if (finding) {
    const text = explainFinding(result, loaded.rules, finding);
    if (!text) { io.err(`finding "${finding}" is not in rule set ${loaded.rules.id}@${loaded.rules.version} and did not fire (fired: ${result.findings.map((f) => f.id).join(', ') || 'none'})`); return 1; }
    io.out(text);
    return 0;
  }
  if (dimension) {
    const text = explainDimension(result, loaded.questionnaire, dimension);
    if (!text) { io.err(`dimension "${dimension}" does not exist (dimensions: ${result.dimensions.map((d) => d.id).join(', ')})`); return 1; }
    io.out(text);
    return 0;
  }
  // Without a target: every fired finding, then every dimension.
  io.out([...result.findings.map((f) => explainFinding(result, loaded.rules, f.id)!), ...result.dimensions.map((d) => explainDimension(result, loaded.questionnaire, d.id)!)].join('\n\n'));
  return 0;
}
