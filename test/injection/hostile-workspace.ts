import { stringify } from 'yaml';
import type { Questionnaire } from '../../src/core/questionnaire/questionnaire-schema.ts';
import { valueFor } from '../support/answer-values.ts';

/**
 * XSS polyglots and HTML/CSS/SVG payloads. Each one that could run script sets `window.__pwned`
 * (or opens a dialog); each one that could load something points at `origin`, a listener on
 * 127.0.0.1 that must never hear from the browser or the PDF renderer. The last entries check the
 * other direction: text that looks escaped must not be unescaped on the way.
 */
export function hostilePayloads(origin: string): string[] {
  return [
    `<script>window.__pwned='script'</script>`,
    `<img src=x onerror="window.__pwned='img'">`,
    `<svg/onload="window.__pwned='svg'">`,
    `"><iframe srcdoc="<script>parent.__pwned='srcdoc'</script>">`,
    `'-alert('quote')-'`,
    `</textarea><script>alert('textarea')</script>`,
    `<a href="javascript:window.__pwned='href'">open</a>`,
    `{{constructor.constructor('window.__pwned=1')()}} {{{raw}}}`,
    `\${window.__pwned='tpl'} #{7*7} <%= 7*7 %>`,
    `<style>*{background:url(${origin}/css)}</style>`,
    `<img src="${origin}/img"><link rel=stylesheet href="${origin}/link">`,
    `<math><mtext><table><mglyph><style><img src=x onerror=alert('math')>`,
    `<base href="${origin}/"><meta http-equiv=refresh content="0;url=${origin}/r">`,
    `<object data="${origin}/obj"></object><embed src="${origin}/embed">`,
    `<svg><image href="${origin}/svg-image"/><use href="#x"/></svg>`,
    `<div style="position:fixed;inset:0;background:red">overlay</div>`,
    `&lt;b&gt; &amp;amp; &#x3C;i&#x3E; %3Cscript%3E \\u003cscript\\u003e`,
    `jaVasCript:/*-/*\`/*\\\`/*'/*"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e`,
  ];
}

/** A consultant's cookie and CSRF token over fetch, with the raw response for downloads. */
export class ApiClient {
  cookie = '';
  csrf = '';
  constructor(readonly url: string) {}

  async raw(method: string, path: string, body?: unknown): Promise<Response> {
    const res = await fetch(this.url + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const sid = res.headers.getSetCookie().find((c) => c.startsWith('crm_sid='));
    if (sid) this.cookie = sid.split(';')[0]!;
    return res;
  }

  async call<T = any>(method: string, path: string, body?: unknown, expected?: number): Promise<T> {
    const res = await this.raw(method, path, body);
    const text = await res.text();
    if (expected !== undefined && res.status !== expected) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    const json = text ? JSON.parse(text) : undefined;
    if (json?.csrfToken) this.csrf = json.csrfToken;
    return json as T;
  }
}

export const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' };
const CREATOR_PASSWORD = 'a long enough password';

export interface HostileWorkspace {
  payloads: string[];
  admin: ApiClient;
  creator: ApiClient;
  creatorName: string;
  /** Every client, named after one payload each; the first holds the hostile assessment. */
  clients: Array<{ id: number; name: string; industry: string; size: string; country: string }>;
  assessmentTitles: string[];
  consultantNames: string[];
  /** The assessment with a payload in every field. */
  assessment: { id: number; title: string; clientName: string };
  respondents: Array<{ name: string; token: string; comment: string; freeText: string; commentQuestion: string; freeTextQuestion: string }>;
  importedNames: string[];
  importedComments: string[];
  dissents: string[];
  shareLabels: string[];
  shareToken: string;
  notes: string[];
  self: { token: string; organisation: string };
}

/**
 * Fills a fresh server with hostile text in every free-text field, through the API: consultant
 * names (one of them creates everything, so respondents see it as "asked by"), client name,
 * industry, size and country, assessment titles, respondent names, comments, free-text answers,
 * agreed answers' dissent, share-link labels, action notes, an imported answers file and a
 * self-assessment's organisation.
 */
export async function seedHostileWorkspace(url: string, origin: string, q: Questionnaire): Promise<HostileWorkspace> {
  const payloads = hostilePayloads(origin);
  const short = payloads.filter((p) => p.length <= 100);
  const at = (list: string[], i: number) => list[i % list.length]!;
  const ref = `${q.id}@${q.version}`;

  const admin = new ApiClient(url);
  await admin.call('POST', '/api/setup', ADMIN, 201);

  const consultantNames = payloads.map((p) => p);
  const temporary: string[] = [];
  for (const [i, name] of consultantNames.entries()) {
    const res = await admin.call<{ temporaryPassword: string }>('POST', '/api/users', { name, email: `consultant${i}@example.com` }, 201);
    temporary.push(res.temporaryPassword);
  }
  // The creator's name is the polyglot: respondents read it as the person who asks.
  const creatorIndex = payloads.length - 1;
  const creator = new ApiClient(url);
  await creator.call('POST', '/api/session', { email: `consultant${creatorIndex}@example.com`, password: temporary[creatorIndex] }, 200);
  await creator.call('PUT', '/api/session/password', { currentPassword: temporary[creatorIndex], newPassword: CREATOR_PASSWORD }, 200);

  const clients: HostileWorkspace['clients'] = [];
  for (const [i, name] of payloads.entries()) {
    const body = { name, industry: at(payloads, i + 1), size: at(short, i + 2), country: at(short, i + 3) };
    const { client } = await creator.call('POST', '/api/clients', body, 201);
    clients.push({ id: client.id, ...body });
  }
  const main = clients[0]!;
  const assessmentIds: number[] = [];
  for (const title of payloads) {
    const { assessment } = await creator.call('POST', `/api/clients/${main.id}/assessments`, { title, questionnaire: ref, locale: 'en' }, 201);
    assessmentIds.push(assessment.id);
  }
  const id = assessmentIds[0]!;
  const base = `/api/assessments/${id}`;

  // Respondents named after the payloads; each comments on a scored question and answers a free-text one.
  const scored = q.questions.filter((x) => x.roles.includes('business') && !x.showIf && x.type !== 'text');
  const texts = q.questions.filter((x) => x.roles.includes('business') && !x.showIf && x.type === 'text');
  const { links } = await creator.call('POST', `${base}/invitations`, { invitations: payloads.map((name) => ({ role: 'business', name })) }, 201);
  const respondents: HostileWorkspace['respondents'] = [];
  for (const [i, link] of (links as Array<{ token: string }>).entries()) {
    const commentQ = scored[i % scored.length]!;
    const textQ = texts[i % texts.length]!;
    const comment = at(payloads, i + 5);
    const freeText = at(payloads, i + 7);
    const r = new ApiClient(url);
    await r.call('PUT', `/api/r/${link.token}/answers/${commentQ.id}`, { value: valueFor(q, commentQ, 0), comment }, 200);
    await r.call('PUT', `/api/r/${link.token}/answers/${textQ.id}`, { value: freeText }, 200);
    // Enough answers that the report has findings and a plan.
    for (const x of scored.slice(0, 12)) if (x.id !== commentQ.id) await r.call('PUT', `/api/r/${link.token}/answers/${x.id}`, { value: valueFor(q, x, 0) }, 200);
    respondents.push({ name: payloads[i]!, token: link.token, comment, freeText, commentQuestion: commentQ.id, freeTextQuestion: textQ.id });
  }

  // Agreed answers with dissent, on the questions the workshop shows first.
  const { questions } = await creator.call<{ questions: Array<{ id: string }> }>('GET', `${base}/workshop`, undefined, 200);
  const dissents: string[] = [];
  for (const [i, wq] of questions.slice(0, payloads.length).entries()) {
    const x = q.questions.find((y) => y.id === wq.id)!;
    await creator.call('PUT', `${base}/consensus/${wq.id}`, { value: valueFor(q, x, 0), dissent: payloads[i] }, 200);
    dissents.push(payloads[i]!);
  }

  const shareLabels = short;
  let shareToken = '';
  for (const label of shareLabels) {
    const res = await creator.call('POST', `${base}/share-links`, { label, expiresOn: new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10) }, 201);
    shareToken ||= res.token;
  }

  const { actions } = await creator.call<{ actions: Array<{ id: string }> }>('GET', `${base}/actions`, undefined, 200);
  const notes: string[] = [];
  for (const [i, action] of actions.slice(0, payloads.length).entries()) {
    await creator.call('PUT', `${base}/actions/${encodeURIComponent(action.id)}`, { status: 'in-progress', note: payloads[i] }, 200);
    notes.push(payloads[i]!);
  }

  // A typed-up paper workshop: the same text arriving through an import file.
  const importedNames = payloads.slice(0, 4).map((p) => p);
  const importedComments = payloads.slice(4, 8);
  const file = stringify({
    questionnaire: ref,
    organisation: { name: main.name },
    respondents: importedNames.map((name, i) => ({ id: `paper-${i + 1}`, name, role: 'business', answers: { [scored[i]!.id]: { value: valueFor(q, scored[i]!, 0), comment: importedComments[i] }, [texts[0]!.id]: payloads[(i + 9) % payloads.length] } })),
  });
  await creator.call('POST', `${base}/import`, { content: file, fileName: 'paper.yaml' }, 200);

  const organisation = at(payloads, 2);
  const self = await new ApiClient(url).call<{ token: string }>('POST', '/api/self-assessments', { locale: 'en', organisation }, 201);
  const exec = q.questions.find((x) => x.roles.includes('executive') && !x.showIf && x.type !== 'text')!;
  await new ApiClient(url).call('PUT', `/api/r/${self.token}/answers/${exec.id}`, { value: valueFor(q, exec, 0) }, 200);

  return {
    payloads, admin, creator, creatorName: payloads[creatorIndex]!, clients, assessmentTitles: payloads, consultantNames,
    assessment: { id, title: payloads[0]!, clientName: main.name },
    respondents, importedNames, importedComments, dissents, shareLabels, shareToken, notes,
    self: { token: self.token, organisation },
  };
}
