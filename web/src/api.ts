/** One field error of a problem response (docs/api.md, Errors). */
export interface FieldError {
  field: string;
  value?: string;
  problem: string;
  rule?: string;
}

/** A non-2xx answer of the API with its problem details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly errors: FieldError[],
    readonly detail?: string,
  ) {
    super(`${status} ${title}`);
  }
}

/** Raised after a 401: the sign-in form is shown and the view re-rendered after sign-in. */
export class SignInRequired extends Error {
  constructor() {
    super('sign-in required');
  }
}

type Unauthorized = () => void;
let onUnauthorized: Unauthorized = () => {};

/** Sets what happens on a 401 (the app shows its sign-in form). */
export function setUnauthorizedHandler(handler: Unauthorized): void {
  onUnauthorized = handler;
}

/** The value of a readable cookie (XSRF-TOKEN), or null. */
export function readCookie(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      return decodeURIComponent(rest.join('='));
    }
  }
  return null;
}

/** The problem of a failed response, whatever shape its body has. */
export async function problemOf(response: Response): Promise<ApiError> {
  let title = response.statusText || 'Request failed';
  let errors: FieldError[] = [];
  let detail: string | undefined;
  try {
    const body = await response.json();
    if (body && typeof body === 'object') {
      title = typeof body.title === 'string' ? body.title : title;
      detail = typeof body.detail === 'string' ? body.detail : undefined;
      if (Array.isArray(body.errors)) {
        errors = body.errors.filter((e: unknown) => !!e && typeof e === 'object' && 'field' in (e as object));
      }
    }
  } catch {
    // Not JSON: the status line says enough.
  }
  return new ApiError(response.status, title, errors, detail);
}

/** Sends a request to the API: JSON in and out, the XSRF header on writes, 401 to the sign-in form. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET') {
    const token = readCookie(document.cookie, 'XSRF-TOKEN');
    if (token) {
      headers['X-XSRF-TOKEN'] = token;
    }
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  if (response.status === 401) {
    onUnauthorized();
    throw new SignInRequired();
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  const type = response.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** GET as JSON. */
export function get<T>(path: string): Promise<T> {
  return request<T>('GET', path);
}

/** Encodes one path segment. */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
