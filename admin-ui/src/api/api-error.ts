/** One offending value, as the API reports it: a JSON Pointer into the request body. */
export interface ApiFieldError {
  path: string;
  keyword: string;
  message: string;
}

/** The error body every API failure has: `{ code, message, fields, details? }`. */
export interface ApiErrorBody {
  code: string;
  message: string;
  fields?: ApiFieldError[];
  details?: Record<string, unknown>;
  requestId?: string;
}

/** A failed API call. `code` is stable (branch on it); `message` is already in the UI's language. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: ApiFieldError[];
  readonly details: Record<string, unknown>;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fields = body.fields ?? [];
    this.details = body.details ?? {};
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** A message for any thrown value, for toasts. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
