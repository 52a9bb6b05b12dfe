import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildJsonSchemas } from '../../src/adapters/cli/commands/schemas.ts';
import { ERROR_CODES } from '../../src/core/errors.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sources = (readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(path.join(ROOT, 'src', f), 'utf8'))
  .join('\n');

describe('the error catalogue', () => {
  it('defines every code the sources use, and every defined code is used', () => {
    const used = new Set([...sources.matchAll(/'(ERR_[A-Z_]+)'/g)].map((m) => m[1]!));
    const defined = Object.keys(ERROR_CODES);
    expect([...used].filter((c) => !defined.includes(c))).toEqual([]);
    expect(defined.filter((c) => !used.has(c) && !sources.includes(`${c}:`))).toEqual([]);
  });
});

describe('the JSON Schemas for editors', () => {
  it('are generated from the zod schemas and committed up to date (npm run schemas)', () => {
    for (const [name, schema] of Object.entries(buildJsonSchemas())) {
      const committed = JSON.parse(readFileSync(path.join(ROOT, 'docs/schemas', name), 'utf8'));
      expect(committed, `${name} is stale: run npm run schemas`).toEqual(schema);
    }
  });
});
