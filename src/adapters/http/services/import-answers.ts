import type { FastifyInstance } from 'fastify';
import { formatIssue } from '../../../core/errors.ts';
import { loadAnswersText } from '../../catalog/load-answers.ts';
import type { AssessmentRecord } from '../../store/repositories/assessments-repository.ts';
import { badRequest, type FieldIssue } from '../errors.ts';

export interface ImportOutcome {
  respondents: number;
  answers: number;
  consensus: number;
  replaced: number;
}

/**
 * An answers file in the CLI's format (a paper workshop typed up) -> respondents of this
 * assessment, all or nothing. Messages are the CLI's, word for word (formatIssue). A respondent id
 * that was imported before is replaced (re-importing a corrected file); one that belongs to an
 * invited respondent is a conflict.
 */
export function importAnswers(app: FastifyInstance, assessment: AssessmentRecord, content: string, fileName = 'answers'): ImportOutcome {
  const { store, catalog } = app.services;
  const fail = (issues: FieldIssue[]) => badRequest(`The file has ${issues.length} problem${issues.length > 1 ? 's' : ''}: nothing was imported`, issues, 'ERR_VALIDATION');
  const { loaded, issues } = loadAnswersText(content, catalog, fileName);
  // A problem with the file as a whole (not YAML, not an object) has no path inside it: it is the content field's.
  if (!loaded) throw fail(issues.map((i) => ({ path: i.path || 'body.content', message: formatIssue(i) })));
  const ref = `${assessment.questionnaireId}@${assessment.questionnaireVersion}`;
  if (loaded.file.questionnaire !== ref) {
    throw fail([{ path: 'questionnaire', message: `${fileName} › questionnaire: the file answers ${loaded.file.questionnaire}, but this assessment uses ${ref}` }]);
  }
  const existing = new Map(store.respondents.listForAssessment(assessment.id).map((r) => [r.key, r]));
  const conflicts: FieldIssue[] = [];
  loaded.assessment.respondents.forEach((r, i) => {
    const other = existing.get(r.id);
    const at = loaded.file.respondents ? `respondents[${i}].id` : 'respondent.id';
    if (other && other.source === 'invitation') conflicts.push({ path: at, message: `${fileName} › ${at}: respondent id "${r.id}" is already used by an invited respondent of this assessment; give this person another id` });
  });
  if (conflicts.length) throw fail(conflicts);

  const now = app.nowIso();
  return store.transaction(() => {
    let replaced = 0;
    let answers = 0;
    for (const r of loaded.assessment.respondents) {
      const old = existing.get(r.id);
      if (old) { store.respondents.remove(old.id); replaced++; }
      const id = store.respondents.create({ assessmentId: assessment.id, key: r.id, role: r.role, name: r.name ?? null, source: 'import', createdAt: now });
      for (const [questionId, a] of Object.entries(r.answers)) { store.answers.upsert(id, questionId, a, now); answers++; }
      store.respondents.setSubmitted(id, now);
    }
    const consensus = Object.entries(loaded.assessment.consensus);
    for (const [questionId, c] of consensus) store.answers.setConsensus(assessment.id, questionId, c, null, now);
    store.assessments.bump(assessment.id);
    return { respondents: loaded.assessment.respondents.length, answers, consensus: consensus.length, replaced };
  });
}
