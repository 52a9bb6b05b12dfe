import type { FastifyInstance } from 'fastify';
import type { Questionnaire } from '../../../core/questionnaire/questionnaire-schema.ts';
import { findRuleSetFor, latestQuestionnaire } from '../../catalog/load-catalog.ts';
import { generateDemoRespondents } from './demo-answers.ts';

/** The questionnaire the demo uses: the newest crm-readiness with rules, else any scorable one. */
export function demoQuestionnaire(app: FastifyInstance): Questionnaire | undefined {
  const { catalog } = app.services;
  const preferred = latestQuestionnaire(catalog, 'crm-readiness');
  if (preferred && findRuleSetFor(catalog, preferred)) return preferred;
  return catalog.questionnaires.find((q) => findRuleSetFor(catalog, q));
}

/**
 * A sample client with a finished 12-person workshop, owned by `userId` and flagged as demo (the
 * UI badges it, and its name says so, so it also shows in reports and exports).
 */
export function loadDemoWorkspace(app: FastifyInstance, userId: number): { clientId: number; assessmentId: number } | null {
  const q = demoQuestionnaire(app);
  if (!q) return null;
  const { store } = app.services;
  const now = app.nowIso();
  const respondents = generateDemoRespondents(q);
  return store.transaction(() => {
    const clientId = store.clients.create({ name: 'DEMO · Northwind Logistics', industry: 'Logistics and distribution', size: '500-1000 employees', country: 'Singapore', isDemo: true, createdAt: now }, userId);
    const assessmentId = store.assessments.create({ clientId, title: 'CRM readiness workshop (demo)', questionnaireId: q.id, questionnaireVersion: q.version, locale: 'en', dueDate: now.slice(0, 10), createdBy: userId, createdAt: now });
    for (const r of respondents) {
      const id = store.respondents.create({ assessmentId, key: r.id, role: r.role, name: r.name ?? null, source: 'invitation', createdAt: now });
      for (const [questionId, a] of Object.entries(r.answers)) store.answers.upsert(id, questionId, a, now);
      store.respondents.markOpened(id, now);
      store.respondents.setSubmitted(id, now);
    }
    store.assessments.setStatus(assessmentId, 'closed', now);
    return { clientId, assessmentId };
  });
}
