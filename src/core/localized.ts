import { z } from 'zod';

/** Every user-facing string ships in both locales; a missing one is a validation error. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const LocaleSchema = z.enum(LOCALES);

export const LocalizedSchema = z
  .object({
    en: z.string().trim().min(1, 'the English text is missing or empty'),
    'zh-CN': z.string().trim().min(1, 'the Simplified Chinese (zh-CN) text is missing or empty'),
  })
  .strict()
  .describe('A string in English (en) and Simplified Chinese (zh-CN)');
export type Localized = z.infer<typeof LocalizedSchema>;

export function pick(text: Localized, locale: Locale): string {
  return text[locale];
}
