import { z } from 'zod';

/** A calendar day, YYYY-MM-DD; one message per problem (the format check stops before the date check). */
export const IsoDay = z.string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a date is YYYY-MM-DD', abort: true })
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');
