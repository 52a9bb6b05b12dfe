import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Issue } from '../../core/errors.ts';

/** One problem with a request, naming the field: `body.email`, `params.id`, `answers.yaml:4 › respondents[0].role`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * An error whose message is written for the person using the app. Anything else that reaches the
 * error handler is treated as a bug: logged in full, answered with a generic sentence.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: FieldIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (what = 'This page or item does not exist') => new HttpError(404, 'ERR_NOT_FOUND', what);
export const gone = (message: string) => new HttpError(410, 'ERR_LINK_EXPIRED', message);
export const conflict = (message: string, code = 'ERR_CONFLICT') => new HttpError(409, code, message);
export const forbidden = (message: string) => new HttpError(403, 'ERR_FORBIDDEN', message);
export const unauthorized = (message = 'Sign in first') => new HttpError(401, 'ERR_UNAUTHORIZED', message);
export const badRequest = (message: string, issues: FieldIssue[], code = 'ERR_VALIDATION') => new HttpError(400, code, message, issues);

/** Raised by our zod validator compiler; fastify adds `validationContext` (body, querystring, params, headers). */
export class RequestValidationError extends Error {
  validationContext?: string;
  constructor(readonly issues: Issue[]) {
    super('The request has invalid fields');
    this.name = 'RequestValidationError';
  }
}

const CONTEXT_NAMES: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

function join(context: string, path: string): string {
  return path ? `${context}.${path}`.replace('.[', '[') : context;
}

/** Maps every error to `{ error, code, issues? }`; never a stack trace, SQL or file path. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof RequestValidationError) {
    const ctx = CONTEXT_NAMES[error.validationContext ?? 'body'] ?? 'body';
    request.log.info({ issues: error.issues }, 'request failed validation');
    return reply.code(400).send({ error: 'The request has invalid fields', code: 'ERR_VALIDATION', issues: error.issues.map((i) => ({ path: join(ctx, i.path), message: i.message })) });
  }
  if (error instanceof HttpError) {
    if (error.headers) reply.headers(error.headers);
    if (error.statusCode >= 500) request.log.warn({ err: error }, error.message);
    return reply.code(error.statusCode).send({ error: error.message, code: error.code, ...(error.issues ? { issues: error.issues } : {}) });
  }
  const fe = error as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply.code(413).send({ error: 'The request body is too large', code: 'ERR_BODY_TOO_LARGE' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return reply.code(415).send({ error: 'Send the body as application/json', code: 'ERR_MEDIA_TYPE', issues: [{ path: 'headers.content-type', message: `content type ${JSON.stringify(request.headers['content-type'] ?? '')} is not accepted; use application/json` }] });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return reply.code(400).send({ error: 'The request has invalid fields', code: 'ERR_VALIDATION', issues: [{ path: 'body', message: 'the body is empty; send a JSON object' }] });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return reply.code(400).send({ error: 'The request has invalid fields', code: 'ERR_VALIDATION', issues: [{ path: 'body', message: 'the body is not valid JSON' }] });
  }
  const status = fe.statusCode ?? 500;
  if (status === 429) {
    return reply.code(429).send({ error: 'Too many requests; wait a moment and try again', code: 'ERR_RATE_LIMITED' });
  }
  if (status >= 400 && status < 500) {
    // Parser errors (JSON syntax, prototype poisoning) are the client's fault but their text is not ours to show.
    request.log.info({ err: error }, 'client error');
    const message = error instanceof SyntaxError || fe.code?.startsWith('FST_ERR_CTP') || /proto|constructor/i.test(error.message) ? 'The body could not be read as JSON' : 'The request could not be processed';
    return reply.code(status).send({ error: message, code: 'ERR_BAD_REQUEST', issues: [{ path: 'body', message }] });
  }
  request.log.error({ err: error }, 'unexpected error');
  return reply.code(500).send({ error: 'Something went wrong on our side; it has been logged. Please try again.', code: 'ERR_INTERNAL' });
}

/**
 * The router's own rejections, before any route or hook runs (fastify's `frameworkErrors`): a path
 * part with broken percent-encoding is a 400 naming the path; one longer than any id, token or
 * question id can be is a 404 like any other address that leads nowhere. Without this fastify
 * answers in its own shape, naming its internal error code.
 */
export function handleRouterError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  request.log.info({ err: error }, 'router rejected the address');
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return reply.code(404).send({ error: 'Not found', code: 'ERR_NOT_FOUND' });
  return reply.code(400).send({ error: 'The request has invalid fields', code: 'ERR_VALIDATION', issues: [{ path: 'params', message: 'a part of the address is not valid percent-encoding' }] });
}
