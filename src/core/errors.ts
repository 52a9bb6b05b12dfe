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
  // HTTP adapter: each maps to one status in src/adapters/http/errors.ts.
  ERR_VALIDATION: 'A request field is missing or invalid (400)',
  ERR_BAD_REQUEST: 'The request body could not be read (400)',
  ERR_MEDIA_TYPE: 'The body is not sent as JSON (415)',
  ERR_BODY_TOO_LARGE: 'The request body is over the limit (413)',
  ERR_UNAUTHORIZED: 'No valid session (401)',
  ERR_CSRF: 'A write without the CSRF token (403)',
  ERR_FORBIDDEN: 'Signed in, but not allowed (403)',
  ERR_ACCOUNT_DISABLED: 'The consultant account is disabled (403)',
  ERR_NOT_FOUND: 'No such route, item, or a wrong or revoked token (404)',
  ERR_REVOKED: 'A revoked link, answered as not found (404)',
  ERR_LINK_EXPIRED: 'A link past its expiry (410)',
  ERR_CONFLICT: 'The change conflicts with the current state (409)',
  ERR_ALREADY_SET_UP: 'The first admin already exists (409)',
  ERR_EMAIL_TAKEN: 'Another account uses this email (409)',
  ERR_LAST_OWNER: 'A client must keep at least one owner (409)',
  ERR_SELF: 'An admin cannot disable their own account (409)',
  ERR_ASSESSMENT_CLOSED: 'The assessment is closed to answers (409)',
  ERR_SUBMITTED: 'The respondent has already submitted (409)',
  ERR_NOT_SUBMITTED: 'The respondent has not submitted yet (409)',
  ERR_NOTHING_ANSWERED: 'Nothing to score or submit yet (409)',
  ERR_NO_LINK: 'The item has no link to show (409)',
  ERR_QUESTIONNAIRE_MISSING: 'The assessment names a questionnaire no longer in the catalog (409)',
  ERR_NO_PREVIOUS: 'The assessment is not a follow-up, so there is nothing to compare it with (409)',
  ERR_NOT_COMPARABLE: 'Two assessments use different questionnaires and cannot be compared (409)',
  ERR_RATE_LIMITED: 'Too many requests (429)',
  ERR_REPORT_QUEUE_FULL: 'Too many reports are being rendered; retry after the given seconds (503)',
  ERR_REPORTS_UNAVAILABLE: 'No browser is available to render PDF reports (503)',
  ERR_DEMO_UNAVAILABLE: 'The demo workspace cannot be loaded (503)',
  ERR_SELF_ASSESSMENT_UNAVAILABLE: 'No installed questionnaire has an executive path with scoring rules (503)',
  ERR_INTERNAL: 'An unexpected failure, logged in full (500)',
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
