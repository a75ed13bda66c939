// Errors as the API speaks them: a status and {error: {code, message, field?}}. Library errors keep
// their stable code; the status says what kind of failure it is.
import { CrisisdeskError, FieldError } from "../domain/index.js";

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/** An HTTP failure of the server itself (authentication, roles, limits, a bad request). */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** The status for each library error code: the caller's input (400, 404, 413, 422) or a source. */
const STATUS: Record<string, number> = {
  NOT_FOUND: 404,
  BAD_USAGE: 400,
  TOO_LARGE: 413,
  FETCH_FAILED: 502,
  FETCH_TIMEOUT: 504,
  FORBIDDEN_ADDRESS: 422,
  STORE: 500,
};

/** Any thrown value as a status and an error body; unexpected errors say nothing of their insides. */
export function errorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof HttpError)
    return {
      status: error.status,
      body: {
        error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
      },
    };
  if (error instanceof FieldError)
    return {
      status: 400,
      body: { error: { code: "BAD_REQUEST", message: error.message, field: error.field } },
    };
  if (error instanceof CrisisdeskError)
    return {
      status: STATUS[error.code] ?? 422,
      body: {
        error: {
          code: error.code,
          message:
            error.where && error.code !== "BAD_USAGE" ? `${error.where}: ${error.message}` : error.message,
          ...(error.code === "BAD_USAGE" && error.where ? { field: error.where } : {}),
        },
      },
    };
  return {
    status: 500,
    body: { error: { code: "INTERNAL", message: "unexpected error; see the server log" } },
  };
}
