import type { z } from 'zod';
import type { ErrorCode, Issue } from './errors.ts';
import { QUESTION_TYPES } from './questionnaire/questionnaire-schema.ts';

/** `questions[3].text.zh-CN` — the path style used in every message. */
export function toPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function describeReceived(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'an object';
  const s = JSON.stringify(input);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * zod's own messages are terse ("Invalid input"); people need the field, what came in and what was
 * expected. For unions (conditions, answer entries) we report the branch that got furthest.
 */
export function fromZodError(error: z.ZodError, file?: string, input?: unknown): Issue[] {
  const out: Issue[] = [];
  const visit = (issues: z.core.$ZodIssue[], prefix: PropertyKey[]) => {
    for (const issue of issues) {
      const path = [...prefix, ...issue.path];
      if (issue.code === 'invalid_union' && issue.errors.length > 0) {
        const best = [...issue.errors].sort((a, b) => score(a) - score(b))[0]!;
        if (best.length > 0 && !allTopLevelTypeErrors(best)) { visit(best, path); continue; }
      }
      out.push({ code: codeFor(issue, path), file, path: toPath(path), message: messageFor(issue, valueAt(input, path)) });
    }
  };
  visit(error.issues, []);
  return out;
}

// A branch whose only complaint is the wrong type at its root was not the branch the author meant.
function allTopLevelTypeErrors(issues: z.core.$ZodIssue[]): boolean {
  return issues.every((i) => i.path.length === 0 && i.code === 'invalid_type');
}
function score(issues: z.core.$ZodIssue[]): number {
  return issues.reduce((n, i) => n + (i.path.length === 0 ? 10 : 1) + (i.code === 'unrecognized_keys' ? 5 : 0), 0);
}

function codeFor(issue: z.core.$ZodIssue, path: PropertyKey[]): ErrorCode {
  const last = path[path.length - 1];
  if ((last === 'en' || last === 'zh-CN') && (issue.code === 'invalid_type' || issue.code === 'too_small')) return 'ERR_MISSING_TRANSLATION';
  return 'ERR_SCHEMA';
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key as string];
  }
  return cur;
}

function messageFor(issue: z.core.$ZodIssue, received: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return received === undefined
        ? `required field is missing (expected ${issue.expected})`
        : `expected ${issue.expected}, received ${describeReceived(received)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `received ${describeReceived(received)}, expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      // A discriminated union (question types) reports at its discriminator with no branches to show.
      if (issue.path[issue.path.length - 1] === 'type' && issue.errors.length === 0) {
        return `received ${describeReceived(received)}, expected one of ${QUESTION_TYPES.map((t) => `"${t}"`).join(', ')}`;
      }
      return `received ${describeReceived(received)}, which matches none of the allowed forms`;
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
    case 'custom':
    default:
      return received === undefined || typeof received === 'object'
        ? issue.message
        : `${issue.message} (received ${describeReceived(received)})`;
  }
}
