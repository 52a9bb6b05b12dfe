import { describe, expect, test } from 'vitest';
import { visibleQuestions } from '../../src/core/questionnaire/visible-questions.ts';
import { generateDemoRespondents } from '../../src/adapters/http/services/demo-answers.ts';
import { progressOf, sectionsFor } from '../../src/adapters/http/services/respondent-view.ts';
import { catalog } from './helpers.ts';

describe('the respondent view agrees with the core', () => {
  for (const q of catalog().questionnaires) {
    test(`${q.id}@${q.version}: visible questions match visibleQuestions for every demo respondent, at every step`, () => {
      for (const r of generateDemoRespondents(q)) {
        const given: typeof r.answers = {};
        const expectSame = () => expect(progressOf(q, r.role, given).visible).toEqual(visibleQuestions(q, r.role, given).map((x) => x.id));
        expectSame();
        // Answer by answer, as autosave sees it: conditional questions come and go on the way.
        for (const [id, a] of Object.entries(r.answers)) { given[id] = a; expectSame(); }
      }
    });

    test(`${q.id}@${q.version}: sections hold exactly each role's questions`, () => {
      for (const role of new Set(q.questions.flatMap((x) => x.roles))) {
        const ids = sectionsFor(q, role).flatMap((s) => s.questions.map((x) => x.id)).sort();
        expect(ids).toEqual(q.questions.filter((x) => x.roles.includes(role)).map((x) => x.id).sort());
      }
    });
  }
});
