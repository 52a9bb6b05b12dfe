/**
 * One catalogue of error codes. The code is for logs, tests and HTTP mapping; the message a person
 * reads is built where the problem is found and names the input and what was expected.
 */
export const ERROR_CODES = {
  ERR_SCHEMA: 'The file or body does not match its schema',
  ERR_YAML: 'The YAML could not be parsed',
  ERR_DUPLICATE_ID: 'An id is used twice',
  ERR_UNKNOWN_REFERENCE: 'A reference names something that does not exist',
  ERR_MISSING_TRANSLATION: 'A user-facing string lacks a locale',
  ERR_VERSION_RANGE: 'A version range matches no questionnaire version',
  ERR_BROKEN_MAPPING: 'A version mapping names questions that do not exist or do not fit',
  ERR_ANSWER_UNKNOWN_QUESTION: 'An answer names a question that does not exist',
  ERR_ANSWER_INVALID_VALUE: 'An answer value is not allowed for its question',
  ERR_ANSWER_NOT_FOR_ROLE: 'A question was answered by a role that does not see it',
  ERR_QUESTIONNAIRE_NOT_FOUND: 'The named questionnaire version is not in the catalog',
  ERR_RULES_NOT_FOUND: 'No rule set scores this questionnaire version',
  ERR_PATH_NOT_FOUND: 'A path does not exist',
  ERR_EXECUTIVE_PATH_TOO_LONG: 'The executive path takes more than 15 minutes',
  ERR_DUPLICATE_RESPONDENT: 'Two respondents share an id',
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/** A problem found in an input, pointing at the file and the path inside it. */
export interface Issue {
  code: ErrorCode;
  file?: string;
  path: string;
  message: string;
}

export function formatIssue(issue: Issue): string {
  const where = issue.path ? `${issue.file ?? '<input>'} › ${issue.path}` : (issue.file ?? '<input>');
  return `${where}: ${issue.message}`;
}

/** Thrown by adapters when an input cannot be used at all; carries the issues for the person. */
export class InputError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'InputError';
  }
}
