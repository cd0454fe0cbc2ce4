import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../log.ts';
import { HandoffError, type HandoffErrorCode } from '../handoff/HandoffError.ts';

/** An error with the HTTP status the client should get. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    /** A stable reason the page can translate (`code` in the JSON answer), e.g. `wrong_code`. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The one place errors become HTTP answers; clients never see stack traces. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const { status, message, details } = describe(error);
    if (status >= 500) log.error({ err: error, method: req.method, path: req.path }, 'http: request failed');
    else log.info({ status, method: req.method, path: req.path, reason: message }, 'http: request rejected');
    if (res.headersSent) return;
    res.status(status).json({ error: message, ...details });
  };
}

// A refusal the worker's role explains is 403; one the conversation's state explains is 409.
const HANDOFF_STATUS: Record<HandoffErrorCode, 403 | 404 | 409> = {
  not_found: 404,
  holder_or_admin_only: 403,
  admin_only: 403,
  resolved: 409,
  claimed_by_someone_else: 409,
  claim_first: 409,
  whatsapp_window_closed: 409,
  opted_out: 409,
  no_template: 409,
};

function describe(error: unknown): { status: number; message: string; details?: Record<string, unknown> } {
  if (error instanceof HttpError) return { status: error.status, message: error.message, ...(error.code ? { details: { code: error.code } } : {}) };
  if (error instanceof HandoffError) return { status: HANDOFF_STATUS[error.code], message: error.message, details: { code: error.code, ...error.details } };
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return { status: 400, message: issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid request' };
  }
  // body-parser errors carry `type` and `status`.
  const parserError = error as { type?: string; status?: number };
  if (parserError.type === 'entity.too.large') return { status: 413, message: 'request body too large' };
  if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
    return { status: parserError.status, message: 'malformed request body' };
  }
  return { status: 500, message: 'internal error' };
}
