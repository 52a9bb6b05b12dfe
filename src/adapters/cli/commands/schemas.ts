import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AnswersFileSchema } from '../../../core/questionnaire/answers-schema.ts';
import { QuestionnaireSchema } from '../../../core/questionnaire/questionnaire-schema.ts';
import { RuleSetSchema } from '../../../core/scoring/rule-set-schema.ts';
import { PROJECT_ROOT } from '../../catalog/load-catalog.ts';
import type { Io } from '../io.ts';

/** JSON Schemas generated from the same zod schemas that validate, for editor completion. */
export function buildJsonSchemas(): Record<string, unknown> {
  const opts = { io: 'input', unrepresentable: 'any' } as const;
  return {
    'questionnaire.schema.json': z.toJSONSchema(QuestionnaireSchema, opts),
    'rule-set.schema.json': z.toJSONSchema(RuleSetSchema, opts),
    'answers.schema.json': z.toJSONSchema(AnswersFileSchema, opts),
  };
}

export function runSchemasCommand(args: string[], io: Io): number {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const dir = path.resolve(io.cwd, values.out ?? path.join(PROJECT_ROOT, 'docs/schemas'));
  mkdirSync(dir, { recursive: true });
  for (const [name, schema] of Object.entries(buildJsonSchemas())) {
    writeFileSync(path.join(dir, name), `${JSON.stringify(schema, null, 2)}\n`);
    io.out(`wrote ${path.relative(io.cwd, path.join(dir, name))}`);
  }
  return 0;
}
