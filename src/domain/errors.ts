// Typed errors with a stable code. Interfaces map them to one line and an exit code (CLI)
// or a status and {error: {code, message, field}} (API).

export type ErrorCode =
  | "NOT_FOUND"
  | "PERMISSION_DENIED"
  | "SYMLINK_LOOP"
  | "NOT_A_FILE"
  | "READ_FAILED"
  | "EMPTY_INPUT"
  | "NO_READABLE_FILES"
  | "BINARY_INPUT"
  | "INVALID_UTF8"
  | "TOO_LARGE"
  | "UNSUPPORTED_FORMAT"
  | "BAD_HTML"
  | "BAD_PDF"
  | "ENCRYPTED_PDF"
  | "BAD_JSON"
  | "BAD_FEED"
  | "FETCH_FAILED"
  | "FETCH_TIMEOUT"
  | "FORBIDDEN_ADDRESS"
  | "LIMIT_REACHED"
  | "INTERRUPTED"
  | "BAD_DATA"
  | "BAD_USAGE"
  | "STORE";

export class CrisisdeskError extends Error {
  readonly code: ErrorCode;
  /** The input (file, URL, line) or field the error is about, when there is one. */
  readonly where: string | undefined;

  constructor(code: ErrorCode, message: string, options: { where?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CrisisdeskError";
    this.code = code;
    this.where = options.where;
  }

  /** One line for a terminal: "where: message". */
  line(): string {
    return this.where ? `${this.where}: ${this.message}` : this.message;
  }
}

export class UsageError extends CrisisdeskError {
  constructor(message: string, options: { where?: string } = {}) {
    super("BAD_USAGE", message, options);
    this.name = "UsageError";
  }
}

/** Bad input in one field of a structured request (an overlay entry, an HTTP body): `where` is the
 * field's path, such as "roles.0.office". The CLI maps the path to its option, the API to `field`. */
export class FieldError extends UsageError {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message, { where: field });
    this.name = "FieldError";
    this.field = field;
  }
}
