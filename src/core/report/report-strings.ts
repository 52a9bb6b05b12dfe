/**
 * The report's labels live in report-templates/locales/<locale>.json, one file per locale with the
 * same keys. The adapter reads the file; the core only looks keys up, so it stays free of fs.
 */
export interface ReportStrings {
  readonly [key: string]: string | readonly string[] | ReportStrings;
}

function lookup(strings: ReportStrings, path: string): unknown {
  let node: unknown = strings;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** A label by dotted path; a missing key is a bug in the templates or the locale file, so it throws. */
export function getString(strings: ReportStrings, path: string): string {
  const value = lookup(strings, path);
  if (typeof value !== 'string') throw new Error(`report string "${path}" is missing from the locale file`);
  return value;
}

export function getStringList(strings: ReportStrings, path: string): readonly string[] {
  const value = lookup(strings, path);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error(`report string list "${path}" is missing from the locale file`);
  return value as string[];
}

/** Fills {name} placeholders; a placeholder without a value is left visible rather than dropped. */
export function fillString(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

export function formatString(strings: ReportStrings, path: string, values: Readonly<Record<string, string | number>>): string {
  return fillString(getString(strings, path), values);
}
