import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { stringify } from 'yaml';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROLES } from '../../src/core/roles.ts';
import { valueFor } from '../http/answer-helpers.ts';
import { buildFixture, type ActorKey, type Fixture } from '../access/fixture.ts';
import { rowOf, type Row } from '../access/matrix.ts';
import type { RouteInfo } from '../access/route-table.ts';

/**
 * Bad input for every HTTP route, generated from the route's own zod schemas (as JSON Schema):
 * wrong types, missing and extra fields, `__proto__`/`constructor` keys, huge strings and numbers,
 * deep nesting, odd Unicode, wrong Content-Type variants and oversized bodies, sent through
 * app.inject as a caller the route allows (a signed-in consultant, a valid respondent, self-assessment
 * or share token). Each request runs in a transaction that is rolled back, so every one starts from
 * the same workspace. Expected: never a 5xx; every 400 names its fields; no stack trace, SQL, file
 * path or internal message in any body; the server still answers afterwards; and an import lands
 * whole or not at all.
 *
 * FUZZ_SEED fixes the generation (fixed in CI); FUZZ_RUNS scales it (per route: FUZZ_RUNS / 5).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const PER_ROUTE = Math.max(10, Math.round(RUNS / 5));

let f: Fixture;
beforeAll(async () => { f = await buildFixture(); });
afterAll(async () => { await f?.close(); });

// ------------------------------------------------------------------------------------------ values

const oddString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '', ' ', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '\u0000', 'a\u0000b', '\ud800', '\udfff\ud800', '\u202e\u2066evil',
    '\ufeff', 'İı', 'ß', '\u2028\u2029', 'e\u0301\u0301\u0301', '𝕏'.repeat(120), '🧑‍🤝‍🧑', '../../etc/passwd', '..\\..\\win.ini', '%00', '%2e%2e%2f', "'; DROP TABLE users; --",
    '" OR 1=1 --', '<script>alert(1)</script>', '{{constructor.constructor("return 1")()}}', '${7*7}', 'dont-know', 'not-applicable', 'yes', 'no', 'true', 'null', '1e400', 'NaN',
    '-0', '0x10', ' 1', '1 ', '2025-02-30', '9999-99-99', 'zh-CN', 'EN', 'crm-readiness@1.0.0', 'crm-readiness@99.0.0',
  ),
);
const hugeString = fc.constantFrom('x'.repeat(20_001), '中'.repeat(70_000), 'A'.repeat(200_001));
const oddNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1e308, 1e308, 0, -0, 3.5, 2 ** 31, 2 ** 31 + 1, -1, Number.MIN_VALUE));
const oddValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    oddString, oddNumber, fc.boolean(), fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(oddString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

type JsonSchema = {
  type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; enum?: unknown[]; const?: unknown;
  anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; minLength?: number; maxLength?: number; pattern?: string; format?: string;
  minimum?: number; maximum?: number; minItems?: number; maxItems?: number; default?: unknown;
};
const toJson = (schema: z.ZodType | undefined): JsonSchema | undefined => (schema ? (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema) : undefined);

/** A value the schema probably accepts (the walk that schema-driven generation starts from). */
function fromSchema(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 4) return oddValue;
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union) return fc.oneof(...union.map((x) => fromSchema(x, depth + 1)));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const props = s.properties ?? {};
      const keys = Object.keys(props);
      if (!keys.length) return fc.dictionary(oddString, oddValue, { maxKeys: 3 });
      return fc.record(Object.fromEntries(keys.map((k) => [k, fromSchema(props[k], depth + 1)])), { requiredKeys: (s.required ?? []).filter((k) => keys.includes(k)) });
    }
    case 'array': return fc.array(fromSchema(s.items, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, 4) });
    case 'string':
      if (s.format === 'email') return fc.emailAddress();
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).map((x) => x.slice(0, s.maxLength ?? 200));
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
    case 'integer': return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 });
    case 'number': return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true });
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    default: return oddValue;
  }
}

// ------------------------------------------------------------------------------------------ requests

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** What the request is, for the failure message. */
  what: string;
}

const CONTENT_TYPES = [
  'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----x', 'application/json; charset=utf-16le', 'application/json; charset=iso-8859-1',
  'APPLICATION/JSON', 'application/json, text/html', 'application/vnd.api+json', 'application/merge-patch+json', '', 'application/json;;;', 'application/jsonx', '*/*',
  'application/xml', 'text/html; charset=utf-8', 'application/json; boundary=x',
];
const RAW_BODIES = [
  '{', '}', '[]', '[', 'null', '0', '"text"', 'true', '{"a":1,"a":2}', '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"value": 1e400}', '{"value": -1e400}', '{"value": 123456789012345678901234567890}', '\ufeff{}', '{"value":"\\ud800"}', '{"value":"\\u0000"}', '\u0000', '{"value":NaN}',
  `{"value":${'['.repeat(5_000)}${']'.repeat(5_000)}}`, `${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`, `{"value":"${'\\\\'.repeat(50_000)}"}`,
];

/** Splits a concrete URL into path segments and query, so parameters and query can be replaced. */
function splitUrl(url: string) {
  const [path, query = ''] = url.split('?') as [string, string?];
  return { segments: path.split('/'), query: new URLSearchParams(query) };
}

function requestArb(route: RouteInfo, row: Row, actorKey: ActorKey): fc.Arbitrary<FuzzRequest> {
  const actor = f.actors[actorKey];
  const base = row.req(f, actor);
  const bodySchema = toJson(route.schema.body);
  const props = Object.keys(bodySchema?.properties ?? {});
  const paramIndexes = route.url.split('/').flatMap((s, i) => (s.startsWith(':') || s === '*' ? [i] : []));
  const limit = route.bodyLimit ?? 256 * 1024;

  const params = fc.oneof(
    { weight: 3, arbitrary: fc.constant(new Map<number, string>()) },
    { weight: 1, arbitrary: paramIndexes.length ? fc.tuple(fc.constantFrom(...paramIndexes), fc.oneof(oddString, fc.constantFrom('0', '-1', '2147483649', '1.5', '1e3', '99999999999999999999', '%', '%zz', 'a/b', '..', '.'))).map(([i, v]) => new Map([[i, encodeURIComponent(v)]])) : fc.constant(new Map<number, string>()) },
    // Sent as is, not percent-encoded: broken escapes and encoded separators reach the router itself.
    { weight: 1, arbitrary: paramIndexes.length ? fc.tuple(fc.constantFrom(...paramIndexes), fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%2F..%2F', '%C0%AE%C0%AE', '%ff%fe')).map(([i, v]) => new Map([[i, v]])) : fc.constant(new Map<number, string>()) },
  );
  const query = fc.oneof(
    { weight: 3, arbitrary: fc.constant<Array<[string, string]>>([]) },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(
        fc.oneof(oddString, fc.constantFrom('variant', 'locale', 'comments', 'previous', '__proto__[x]', 'constructor[prototype][x]', 'a[b][c][d][e]')),
        fc.oneof(oddString, fc.constantFrom('full', 'brief', 'en', 'zh-CN', 'true', 'false', '1', '-1')),
      ), { maxLength: 4 }),
    },
  );

  type Body = { kind: 'json'; value: unknown; what: string } | { kind: 'raw'; text: string; type: string | undefined; what: string } | { kind: 'none'; what: string };
  const baseValue = base.payload;
  const mutateKey = (fn: (o: Record<string, unknown>, k: string) => void, what: string) =>
    (props.length ? fc.constantFrom(...props) : fc.constant('x')).map((k) => {
      const o: Record<string, unknown> = { ...(baseValue && typeof baseValue === 'object' ? baseValue as object : {}) };
      fn(o, k);
      return { kind: 'json' as const, value: o, what: `${what} ${k}` };
    });
  const body: fc.Arbitrary<Body> = fc.oneof(
    fc.constant<Body>(baseValue === undefined ? { kind: 'none', what: 'no body' } : { kind: 'json', value: baseValue, what: 'the valid body' }),
    fromSchema(bodySchema).map((value) => ({ kind: 'json' as const, value, what: 'generated from the schema' })),
    mutateKey((o, k) => { delete o[k]; }, 'without'),
    fc.tuple(oddValue).chain(([v]) => mutateKey((o, k) => { o[k] = v; }, 'wrong type at')),
    fc.tuple(hugeString).chain(([v]) => mutateKey((o, k) => { o[k] = v; }, 'huge string at')),
    fc.tuple(fc.integer({ min: 50, max: 3_000 })).chain(([depth]) => mutateKey((o, k) => { let v: unknown = 1; for (let i = 0; i < depth; i++) v = [v]; o[k] = v; }, `nested ${depth} deep at`)),
    fc.tuple(oddString, oddValue).map(([k, v]) => ({ kind: 'json' as const, value: { ...(baseValue as object), [k]: v }, what: `extra field ${JSON.stringify(k)}` })),
    oddValue.map((value) => ({ kind: 'json' as const, value, what: 'a body of the wrong shape' })),
    fc.constantFrom(...RAW_BODIES).map((text) => ({ kind: 'raw' as const, text, type: 'application/json', what: `raw ${JSON.stringify(text.slice(0, 40))}` })),
    fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), oddValue).map(([k, v]) => {
      const json = JSON.stringify(baseValue ?? {});
      const text = json === '{}' ? `{"${k}":${JSON.stringify(v) ?? 'null'}}` : `{"${k}":${JSON.stringify(v) ?? 'null'},${json.slice(1)}`;
      return { kind: 'raw' as const, text, type: 'application/json', what: `own "${k}" key` };
    }),
    fc.constantFrom(...CONTENT_TYPES).map((type) => ({ kind: 'raw' as const, text: JSON.stringify(baseValue ?? {}), type, what: `content-type ${JSON.stringify(type)}` })),
    fc.constant<Body>({ kind: 'raw', text: JSON.stringify(baseValue ?? {}), type: undefined, what: 'no content-type' }),
    fc.constant<Body>({ kind: 'raw', text: `{"pad":"${'x'.repeat(limit + 10)}"}`, type: 'application/json', what: `oversized (${limit + 20} bytes)` }),
  );

  return fc.tuple(params, query, body).map(([p, q, b]) => {
    const { segments, query: baseQuery } = splitUrl(base.url);
    for (const [i, v] of p) segments[i] = v;
    const search = new URLSearchParams(baseQuery);
    for (const [k, v] of q) search.append(k, v);
    const qs = search.toString();
    const headers: Record<string, string> = {};
    let payload: string | undefined;
    if (b.kind === 'json') { payload = JSON.stringify(b.value) ?? 'null'; headers['content-type'] = 'application/json'; }
    if (b.kind === 'raw') { payload = b.text; if (b.type !== undefined) headers['content-type'] = b.type; }
    const url = `${segments.join('/')}${qs ? `?${qs}` : ''}`;
    const what = [p.size ? `param ${JSON.stringify([...p.values()][0])}` : '', q.length ? `query ${JSON.stringify(q)}` : '', b.what].filter(Boolean).join('; ');
    return { method: route.method, url, headers, payload, what };
  });
}

/**
 * The same kinds of bad input, once each for every route rather than left to chance: every raw body,
 * every Content-Type, an oversized body, an over-long and a badly escaped path parameter.
 */
function edgeCases(route: RouteInfo, row: Row, actorKey: ActorKey): FuzzRequest[] {
  const base = row.req(f, f.actors[actorKey]);
  const json = JSON.stringify(base.payload ?? {});
  const limit = route.bodyLimit ?? 256 * 1024;
  const paramIndexes = route.url.split('/').flatMap((s, i) => (s.startsWith(':') || s === '*' ? [i] : []));
  const out: FuzzRequest[] = [];
  const withParam = (i: number, v: string) => { const { segments, query } = splitUrl(base.url); segments[i] = v; const qs = query.toString(); return `${segments.join('/')}${qs ? `?${qs}` : ''}`; };
  for (const i of paramIndexes) {
    for (const v of ['x'.repeat(101), '9'.repeat(300), '%zz', '%E0%A4%A', '%00', '%2F..%2F..%2Fetc%2Fpasswd']) {
      out.push({ method: route.method, url: withParam(i, v), headers: base.payload === undefined ? {} : { 'content-type': 'application/json' }, payload: base.payload === undefined ? undefined : json, what: `param ${JSON.stringify(v.slice(0, 20))}` });
    }
  }
  for (const text of RAW_BODIES) out.push({ method: route.method, url: base.url, headers: { 'content-type': 'application/json' }, payload: text, what: `raw ${JSON.stringify(text.slice(0, 40))}` });
  for (const type of CONTENT_TYPES) out.push({ method: route.method, url: base.url, headers: { 'content-type': type }, payload: json, what: `content-type ${JSON.stringify(type)}` });
  out.push({ method: route.method, url: base.url, headers: { 'content-type': 'application/json' }, payload: `{"pad":"${'x'.repeat(limit + 10)}"}`, what: `oversized (${limit + 20} bytes)` });
  return out;
}

// ------------------------------------------------------------------------------------------ checks

const LEAKS: Array<[string, RegExp]> = [
  ['a stack trace', /at .*\.(ts|js):\d+|\n\s+at /],
  ['SQL', /SQLITE|sqlite|SELECT |INSERT |UPDATE \w+ SET|DELETE FROM/],
  ['a file path', /\/work\/|node_modules|\/tmp\/|\/home\//],
  ['an internal message', /TypeError|ReferenceError|RangeError|Cannot read propert|is not a function|Maximum call stack|FST_[A-Z_]+|in JSON at position|Unexpected token/],
];

/** What is wrong with a response, if anything; text echoed from the request itself does not count as a leak. */
function problemsOf(req: FuzzRequest, res: LightMyRequestResponse): string[] {
  const out: string[] = [];
  const type = String(res.headers['content-type'] ?? '');
  if (res.statusCode >= 500) out.push(`answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  const api = req.url.startsWith('/api/');
  if (res.statusCode >= 400 || (api && !type.includes('pdf'))) {
    for (const [name, re] of LEAKS) {
      const m = res.body.match(re);
      if (m && !(`${req.url} ${req.payload ?? ''}`.includes(m[0]) || decodeURIComponentSafe(req.url).includes(m[0]))) out.push(`the body shows ${name} (${JSON.stringify(m[0])}): ${res.body.slice(0, 300)}`);
    }
  }
  if (res.statusCode >= 400 && type.includes('application/json')) {
    const body = res.json() as { error?: unknown; code?: unknown; issues?: Array<{ path?: unknown; message?: unknown }> };
    if (typeof body.error !== 'string' || typeof body.code !== 'string') out.push(`a ${res.statusCode} without { error, code }: ${res.body.slice(0, 300)}`);
    if (res.statusCode === 400) {
      if (!Array.isArray(body.issues) || body.issues.length === 0) out.push(`a 400 that names no field: ${res.body.slice(0, 300)}`);
      else for (const i of body.issues) if (typeof i.path !== 'string' || !i.path || typeof i.message !== 'string' || !i.message) out.push(`a 400 issue without a path and message: ${JSON.stringify(i)}`);
    }
  }
  return out;
}
function decodeURIComponentSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

/** The caller the fuzzer sends each route as: the owner for consultant routes, else the first allowed caller. */
function fuzzActor(row: Row): ActorKey {
  if (row.allow.includes('A')) return 'A';
  return row.allow[0] ?? 'anon';
}

// ------------------------------------------------------------------------------------------ tests

describe('generated bad requests to every route', () => {
  test('no 5xx, every 400 names its fields, nothing internal in any body, and the server still answers', async () => {
    const failures: string[] = [];
    const tally = new Map<number, number>();
    let sent = 0;
    const started = Date.now();
    for (const route of f.routes) {
      const row = rowOf(route.method, route.url);
      if (!row || route.method === 'HEAD') continue;
      const actorKey = fuzzActor(row);
      for (const req of edgeCases(route, row, actorKey)) {
        const res = await f.isolated(() => f.send(f.actors[actorKey], req));
        sent++;
        tally.set(res.statusCode, (tally.get(res.statusCode) ?? 0) + 1);
        const problems = problemsOf(req, res);
        if (problems.length) failures.push(`${route.key} as ${actorKey}, ${req.what} (${req.method} ${req.url.slice(0, 120)}): ${problems.join('; ')}`);
      }
      await fc.assert(
        fc.asyncProperty(requestArb(route, row, actorKey), async (req) => {
          const res = await f.isolated(() => f.send(f.actors[actorKey], req));
          sent++;
          tally.set(res.statusCode, (tally.get(res.statusCode) ?? 0) + 1);
          const problems = problemsOf(req, res);
          if (problems.length) failures.push(`${route.key} as ${actorKey}, ${req.what} (${req.method} ${req.url.slice(0, 120)}): ${problems.join('; ')}`);
          return true;
        }),
        { seed: SEED, numRuns: PER_ROUTE },
      );
      const alive = await f.t.app.inject({ method: 'GET', url: '/api/setup' });
      if (alive.statusCode !== 200) failures.push(`after fuzzing ${route.key} the server no longer answers GET /api/setup (${alive.statusCode})`);
    }
    console.log(`http fuzz: ${sent} requests over ${f.routes.filter((r) => r.method !== 'HEAD').length} routes (seed ${SEED}, ${PER_ROUTE} per route) in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${[...tally].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    // One line per distinct problem is enough to act on.
    expect([...new Set(failures.map((x) => x.slice(0, 600)))].slice(0, 30)).toEqual([]);
  }, 600_000);
});

describe('imports are all or nothing', () => {
  const ref = () => `${f.q.id}@${f.q.version}`;
  const count = (sql: string, ...args: unknown[]) => (f.t.store.db.prepare(sql).get(...args) as { n: number }).n;

  /** Everything an import can touch in assessment A, as one comparable string. */
  function snapshot(): string {
    const id = f.ids.assessmentA;
    const db = f.t.store.db;
    return JSON.stringify([
      db.prepare('SELECT id, key, role, name, source, submitted_at FROM respondents WHERE assessment_id = ? ORDER BY id').all(id),
      db.prepare('SELECT a.* FROM answers a JOIN respondents r ON r.id = a.respondent_id WHERE r.assessment_id = ? ORDER BY a.respondent_id, a.question_id').all(id),
      db.prepare('SELECT * FROM consensus WHERE assessment_id = ? ORDER BY question_id').all(id),
      db.prepare('SELECT revision FROM assessments WHERE id = ?').get(id),
    ]);
  }

  test('a rejected import leaves nothing behind; an accepted one lands whole', async () => {
    const q = f.q;
    const byRole = Object.fromEntries(ROLES.map((role) => [role, q.questions.filter((x) => x.roles.includes(role) && !x.showIf).map((x) => [x.id, valueFor(q, x, 0)] as const)]));
    const agreed = q.questions.filter((x) => x.type !== 'text').slice(0, 8).map((x) => [x.id, valueFor(q, x, 1)] as const);
    const takenKeys = (f.t.store.db.prepare('SELECT key FROM respondents WHERE assessment_id = ?').all(f.ids.assessmentA) as Array<{ key: string }>).map((r) => r.key);
    // A clean file has only valid parts (it may still clash with an invited respondent or repeat an
    // id, which is refused late, after parsing); a dirty one has odd parts anywhere.
    const respondent = (clean: boolean) => fc.record({
      id: clean ? fc.constantFrom('imp-1', 'imp-2', 'imp-3', 'imported-1', ...takenKeys.slice(0, 1)) : fc.oneof(fc.constantFrom('imp-1', ...takenKeys), oddString),
      role: clean ? fc.constantFrom(...ROLES) : fc.oneof(fc.constantFrom(...ROLES), oddString),
      name: fc.option(clean ? fc.string({ maxLength: 60 }) : oddString, { nil: undefined }),
      bad: clean ? fc.constant(undefined) : fc.option(fc.tuple(fc.oneof(fc.constantFrom(...q.questions.map((x) => x.id)), oddString), oddValue), { nil: undefined }),
      size: fc.integer({ min: 1, max: 8 }),
    }).map(({ id, role, name, bad, size }) => {
      const valid = (Object.hasOwn(byRole, role) ? byRole[role]! : byRole.business!).slice(0, size);
      const answers: Record<string, unknown> = Object.fromEntries(valid);
      if (bad) answers[bad[0]] = bad[1];
      return { id, role, ...(name === undefined ? {} : { name }), answers };
    });
    const fileOf = (clean: boolean) => fc.record({
      questionnaire: clean ? fc.constant(ref()) : fc.oneof(fc.constant(ref()), oddString),
      organisation: clean ? fc.constant({ name: 'Client A' }) : fc.oneof(fc.constant({ name: 'Client A' }), oddValue),
      respondents: fc.array(respondent(clean), { minLength: 1, maxLength: 3 }),
      consensus: fc.option(clean
        ? fc.subarray(agreed, { maxLength: 2 }).chain((picked) => fc.tuple(...picked.map(([id, value]) => fc.string({ maxLength: 60 }).map((dissent) => [id, { value, dissent }] as const))).map((e) => Object.fromEntries(e)))
        : fc.dictionary(fc.constantFrom(...q.questions.slice(0, 5).map((x) => x.id)), fc.record({ value: fc.oneof(fc.constantFrom(1, 2, 3, 'yes'), oddValue), dissent: oddString }, { requiredKeys: ['value'] }), { maxKeys: 2 }), { nil: undefined }),
    }, { requiredKeys: ['questionnaire', 'organisation', 'respondents'] });
    const file = fc.oneof(fileOf(true), fileOf(false));
    const text = fc.tuple(file, fc.constantFrom('yaml', 'json', 'truncated')).map(([data, form]) => {
      const yaml = stringify(data);
      return form === 'json' ? JSON.stringify(data) : form === 'yaml' ? yaml : yaml.slice(0, Math.floor(yaml.length * 0.7));
    });

    let accepted = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(text, async (content) => {
        await f.isolated(async () => {
          const before = snapshot();
          const importedBefore = count("SELECT COUNT(*) AS n FROM respondents WHERE assessment_id = ? AND source = 'import'", f.ids.assessmentA);
          const res = await f.send(f.actors.A, { method: 'POST', url: `/api/assessments/${f.ids.assessmentA}/import`, payload: { content, fileName: 'fuzz.yaml' } });
          expect(res.statusCode, res.body.slice(0, 500)).toBeLessThan(500);
          if (res.statusCode === 200) {
            accepted++;
            const out = res.json() as { respondents: number; answers: number; replaced: number };
            expect(count("SELECT COUNT(*) AS n FROM respondents WHERE assessment_id = ? AND source = 'import'", f.ids.assessmentA)).toBe(importedBefore + out.respondents - out.replaced);
            const data = (content.trimStart().startsWith('{') ? JSON.parse(content) : (await import('yaml')).parse(content)) as { respondents: Array<{ id: string }> };
            const keys = data.respondents.map((r) => r.id);
            const landed = count(`SELECT COUNT(*) AS n FROM answers a JOIN respondents r ON r.id = a.respondent_id WHERE r.assessment_id = ? AND r.source = 'import' AND r.key IN (${keys.map(() => '?').join(',')})`, f.ids.assessmentA, ...keys);
            expect(landed, 'every answer of the file is stored').toBe(out.answers);
          } else {
            rejected++;
            expect(snapshot(), `a ${res.statusCode} import changed the data: ${res.body.slice(0, 300)}`).toBe(before);
            if (res.statusCode === 400) expect((res.json() as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
          }
        });
      }),
      { seed: SEED, numRuns: Math.max(40, Math.round(RUNS / 2)) },
    );
    console.log(`import fuzz: ${accepted} accepted whole, ${rejected} rejected with nothing saved`);
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  }, 300_000);

  test('a failure inside the write rolls back the rows written before it', async () => {
    // Two respondents, the second one's insert made to fail in the database itself (a trigger), after
    // the first one's rows were written: the whole import must be gone, not just the second half.
    const x = f.q.questions.find((y) => y.roles.includes('it') && !y.showIf && y.type !== 'text')!;
    const content = stringify({ questionnaire: ref(), organisation: { name: 'Client A' }, respondents: [{ id: 'first', role: 'it', answers: { [x.id]: valueFor(f.q, x, 1) } }, { id: 'second', role: 'it', answers: { [x.id]: valueFor(f.q, x, 0) } }] });
    await f.isolated(async () => {
      f.t.store.db.exec("CREATE TEMP TRIGGER fail_second BEFORE INSERT ON respondents WHEN NEW.key = 'second' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
      const before = snapshot();
      const res = await f.send(f.actors.A, { method: 'POST', url: `/api/assessments/${f.ids.assessmentA}/import`, payload: { content } });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toMatch(/disk trouble|SQLITE|trigger/i);
      expect(snapshot()).toBe(before);
    });
  });
});
