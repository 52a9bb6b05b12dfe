import type { FastifySchemaCompiler } from 'fastify';
import type { ZodType } from 'zod';
import { fromZodError } from '../../core/zod-issues.ts';
import { RequestValidationError } from './errors.ts';

/**
 * Validates with the route's zod schema and words each problem the way the CLI does (the field,
 * what came in, what was expected), instead of zod's terse defaults.
 */
export const validatorCompiler: FastifySchemaCompiler<ZodType> = ({ schema }) => (data: unknown) => {
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data };
  return { error: new RequestValidationError(fromZodError(result.error, undefined, data)) };
};
