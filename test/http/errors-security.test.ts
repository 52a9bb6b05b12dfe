import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Agent, build, setupAdmin, type TestApp } from './helpers.ts';

let t: TestApp;
beforeEach(async () => { t = await build(); });
afterEach(async () => { await t.close(); });

const LEAKS = /at \w+ \(|\.ts:\d+|node_modules|\/work\/|\/tmp\/|SQLITE|SELECT |INSERT |stack/i;

describe('errors', () => {
  test('unknown API routes are a JSON 404; unknown pages an HTML 404', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: 'Not found', code: 'ERR_NOT_FOUND' });
    const page = await t.app.inject({ method: 'GET', url: '/some/page', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('<html');
  });

  test('bad JSON, a wrong content type and an empty body are 4xx naming the body', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('body');
    const proto = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"admin":true},"email":"a@b.co","password":"x"}' });
    expect(proto.statusCode).toBe(400);
    const xml = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    const empty = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(empty.statusCode).toBe(400);
    for (const res of [bad, proto, xml, empty]) expect(res.body).not.toMatch(LEAKS);
  });

  test('bodies over the limit are 413', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(300_000) }) });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('ERR_BODY_TOO_LARGE');
  });

  test('an unexpected failure is a 500 that names nothing internal', async () => {
    const admin = await setupAdmin(t.app, true);
    // A broken database: the SQL error must stay in the log.
    t.store.db.exec('DROP TABLE consensus');
    const res = await admin.get('/api/assessments/1/dashboard');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'Something went wrong on our side; it has been logged. Please try again.', code: 'ERR_INTERNAL' });
    expect(res.body).not.toMatch(LEAKS);
  });
});

describe('security headers', () => {
  test('every page gets a CSP without inline script, and the usual hardening headers', async () => {
    for (const url of ['/', '/api/setup', '/r/whatever', '/js/app.js']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = res.headers['content-security-policy'] as string;
      expect(csp, url).toContain("script-src 'self'");
      expect(csp).toContain("script-src-attr 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  test('behind https the cookie is Secure and HSTS is sent', async () => {
    const secure = await build({ secureCookies: true });
    try {
      const res = await new Agent(secure.app).post('/api/setup', { name: 'A', email: 'a@example.com', password: 'long enough password' });
      expect(res.cookies.find((c) => c.name === 'crm_sid')!.secure).toBe(true);
      expect(res.headers['strict-transport-security']).toBeDefined();
      expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    } finally { await secure.close(); }
  });

  test('the web app has no inline script or inline event handler', async () => {
    for (const url of ['/', '/index.html', '/respond.html', '/404.html', '/expired.html']) {
      const html = (await t.app.inject({ method: 'GET', url })).body;
      expect(html, url).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
      expect(html, url).not.toMatch(/\son[a-z]+\s*=/i);
    }
  });
});

describe('static files and docs', () => {
  test('chart.js is served from this origin', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/vendor/chart.umd.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.body).toContain('Chart');
  });

  test('the UI strings are complete in both languages', async () => {
    const en = (await t.app.inject({ method: 'GET', url: '/i18n/en.json' })).json();
    const zh = (await t.app.inject({ method: 'GET', url: '/i18n/zh-CN.json' })).json();
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(zh)) expect(String(v).trim(), k).not.toBe('');
  });

  test('the OpenAPI document comes from the route schemas; its reference is at /docs with local assets', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/session', '/api/clients', '/api/assessments/{id}/invitations', '/api/r/{token}/answers/{questionId}', '/api/assessments/{id}/report']) expect(doc.paths, path).toHaveProperty([path]);
    expect(doc.paths['/api/session'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
    const ui = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);
  });

  test('files outside the web folder cannot be reached', async () => {
    for (const url of ['/../package.json', '/%2e%2e/package.json', '/js/../../adapters/http/app.ts', '/..%2f..%2fpackage.json']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.body).not.toContain('"dependencies"');
    }
  });
});
