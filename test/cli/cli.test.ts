import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findQuestionnaire, loadCatalog } from '../../src/adapters/catalog/load-catalog.ts';
import type { Question } from '../../src/core/questionnaire/questionnaire-schema.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/crm-readiness.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'crm-cli-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The healthiest valid answer to each question, chosen from the questionnaire itself. */
function healthyAnswer(q: Question): unknown {
  switch (q.type) {
    case 'scale': return 5;
    case 'single': return [...q.options].sort((a, b) => b.score - a.score)[0]!.id;
    case 'multi': return q.options.filter((o) => o.score > 0).map((o) => o.id);
    case 'yesno': return q.healthy;
    case 'number': return [...q.scoring].sort((a, b) => b.score - a.score)[0]!.at;
    case 'percent': return [...q.scoring].sort((a, b) => b.score - a.score)[0]!.at;
    case 'text': return 'Our biggest concern is <b>adoption</b>';
  }
}

describe('the CLI end to end', () => {
  it('validate passes on the shipped catalog', () => {
    const r = run('validate');
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^ok: \d+ files valid/);
    expect(r.code).toBe(0);
  });

  it('validate names the file, line and field of each problem and exits 1', () => {
    const file = path.join(tmp, 'broken.yaml');
    writeFileSync(file, 'id: x\nversion: 1.0\ntitle: { en: X }\n');
    const r = run('validate', file);
    expect(r.code).toBe(1);
    expect(r.out.split('\n').filter(Boolean)).toEqual([
      'broken.yaml:2 › version: expected string, received 1',
      'broken.yaml:3 › title.zh-CN: required field is missing (expected string)',
      'broken.yaml:1 › description: required field is missing (expected object)',
      'broken.yaml:1 › minutesPerRole: required field is missing (expected record)',
      'broken.yaml:1 › dimensions: required field is missing (expected array)',
      'broken.yaml:1 › questions: required field is missing (expected array)',
    ]);
    expect(r.err).toContain('6 problems in 1 file');
  });

  it('template -> fill in -> score, in zh-CN too', () => {
    const t = run('template', '--questionnaire', 'crm-health-check@1.0.0', '--role', 'executive', '--locale', 'zh-CN');
    expect(t.code).toBe(0);
    expect(t.out).toContain('questionnaire: crm-health-check@1.0.0');
    expect(t.out).toContain('为什么问');
    const blank = parse(t.out) as { answers: Record<string, unknown>; organisation: { name: string } };
    const q = findQuestionnaire(loadCatalog(), 'crm-health-check', '1.0.0')!;
    for (const id of Object.keys(blank.answers)) blank.answers[id] = healthyAnswer(q.questions.find((x) => x.id === id)!);
    blank.organisation.name = 'Healthy Co';
    const file = path.join(tmp, 'filled.yaml');
    writeFileSync(file, stringify(blank));
    const s = run('score', file);
    expect(s.err).toBe('');
    const result = JSON.parse(s.out);
    expect(result.questionnaire).toEqual({ id: 'crm-health-check', version: '1.0.0' });
    expect(result.rules.id).toBe('crm-health-check');
    expect(result.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.overall.band).toBe('ready');
    expect(Object.keys(result.overall)).toEqual(expect.arrayContaining(['index', 'band', 'confidence']));
    expect(result.dimensions[0]).toEqual(expect.objectContaining({ id: expect.any(String), score: expect.any(Number), band: expect.any(String), confidence: expect.any(Number) }));
    expect(Array.isArray(result.findings) && Array.isArray(result.divergences) && Array.isArray(result.plan.actions)).toBe(true);
    const text = run('score', file, '--format', 'text', '--locale', 'zh-CN');
    expect(text.out).toContain('Healthy Co');
    expect(text.out).toContain('就绪');
  });

  it('score refuses bad input with one line per problem and scores nothing', () => {
    const file = path.join(tmp, 'bad.yaml');
    writeFileSync(file, 'questionnaire: crm-health-check@1.0.0\norganisation: { name: X }\nrespondent: { role: executive }\nanswers:\n  NOPE-01: 3\n');
    const r = run('score', file);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('bad.yaml:5 › answers.NOPE-01: respondent "respondent-1" (executive): question "NOPE-01" does not exist in crm-health-check@1.0.0');
    expect(r.err).toContain('1 problem: nothing was scored');
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });

  it('reports a missing file and a bad flag without a stack trace', () => {
    const missing = run('score', 'nope.yaml');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.yaml: file not found');
    const flag = run('score', 'nope.yaml', '--colour', 'red');
    expect(flag.code).toBe(2);
    expect(flag.err).toContain("score: Unknown option '--colour'");
    const cmd = run('frobnicate');
    expect(cmd.code).toBe(2);
    expect(cmd.err).toContain('unknown command "frobnicate"');
  });

  it('explain shows a dimension\'s arithmetic and a finding\'s conditions', () => {
    const file = path.join(tmp, 'weak.yaml');
    const q = findQuestionnaire(loadCatalog(), 'crm-health-check', '1.0.0')!;
    const answers: Record<string, unknown> = {};
    for (const x of q.questions.filter((x) => x.roles.includes('project-manager') && !x.showIf && x.type !== 'text')) {
      answers[x.id] = x.type === 'scale' ? 1 : x.type === 'yesno' ? (x.healthy === 'yes' ? 'no' : 'yes') : x.type === 'single' ? [...x.options].sort((a, b) => a.score - b.score)[0]!.id : x.type === 'multi' ? [] : x.type === 'number' || x.type === 'percent' ? [...x.scoring].sort((a, b) => a.score - b.score)[0]!.at : null;
    }
    writeFileSync(file, stringify({ questionnaire: 'crm-health-check@1.0.0', organisation: { name: 'Weak' }, respondent: { role: 'project-manager' }, answers }));
    const scored = JSON.parse(run('score', file).out);
    expect(scored.findings.length).toBeGreaterThan(0);
    const dim = run('explain', file, '--dimension', scored.dimensions[0].id);
    expect(dim.out).toContain('score = Σ(weight × score) / Σ weight');
    const first = scored.findings.find((f: { kind: string }) => f.kind !== 'blind-spot' && f.kind !== 'perception-gap');
    const fin = run('explain', file, '--finding', first.id);
    expect(fin.code).toBe(0);
    expect(fin.out).toContain(`Finding ${first.id}: FIRED`);
    expect(fin.out).toMatch(/✔ answer to \S+/);
    const none = run('explain', file, '--finding', 'NO-SUCH');
    expect(none.code).toBe(1);
  });
});

// Keep the helper honest: the healthy answers really are valid for every question type.
it('healthyAnswer covers every question of both questionnaires', () => {
  const catalog = loadCatalog();
  for (const q of catalog.questionnaires.flatMap((x) => x.questions)) expect(healthyAnswer(q)).not.toBeUndefined();
  expect(execFileSync(process.execPath, [BIN, 'help'], { encoding: 'utf8' })).toContain('crm-readiness validate');
});

it('the answers example in the README scores', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('```yaml\nquestionnaire: crm-readiness@1.0.0');
  expect(start).toBeGreaterThan(-1);
  const file = path.join(tmp, 'readme.yaml');
  writeFileSync(file, readme.slice(start + 8, readme.indexOf('```', start + 8)));
  const r = run('score', file, '--format', 'text');
  expect(r.err).toBe('');
  expect(r.out).toContain('Respondents: 1 (1 Project manager)');
  expect(r.out).toContain('STR-13');
});
