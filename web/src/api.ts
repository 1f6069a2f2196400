// The API client: same-origin fetch with the session cookie, JSON in and out,
// and application/problem+json errors turned into ApiError (with the field at
// fault). A 401 on any call but login tells the app the session has ended.

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string; // the stable reason (i18n/problems.ts)
  field?: string;
  // Every field at fault at once, the first being `field`, each with its code.
  errors?: { field?: string; message?: string; code?: string }[];
}

export class ApiError extends Error {
  constructor(public readonly problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
  }
  get status(): number {
    return this.problem.status;
  }
  get field(): string | undefined {
    return this.problem.field;
  }
  // One refusal per field at fault (the server reports them all at once), each
  // with its own code for i18n; just this one when the problem names no field.
  get perField(): ApiError[] {
    const errors = this.problem.errors ?? [];
    if (errors.length <= 1) return [this];
    return errors.map(
      (each, index) =>
        index === 0
          ? this
          : new ApiError({ status: this.problem.status, type: this.problem.type, field: each.field, code: each.code, detail: each.message }),
    );
  }
}

type ExpiredListener = () => void;
let onExpired: ExpiredListener = () => {};
export function setExpiredListener(listener: ExpiredListener): void {
  onExpired = listener;
}

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  ifMatch?: number;
  query?: Record<string, string | number | undefined | null>;
  idempotencyKey?: string; // a POST's key chosen by the caller (the offline queue keeps it across retries)
  // Give up after this long as if the network were gone (a signal that
  // connects but carries nothing): the caller may keep the request for later.
  timeoutMs?: number;
}

// Idempotency-Key of a POST: the same form sent again while the first is still
// on its way (a double tap) or after it got no answer (a retry over a slow
// link, within this window) reuses its key, so the server answers the first
// request again instead of writing twice (docs/operations.md). Once an answer
// arrives the key is forgotten: sending the form again is a new request.
const kRetryWindowMs = 30_000;
const recentKeys = new Map<string, { key: string; at: number }>();

function idempotencyKey(request: string): string {
  const now = Date.now();
  for (const [sent, entry] of recentKeys) if (now - entry.at > kRetryWindowMs) recentKeys.delete(sent);
  const recent = recentKeys.get(request);
  if (recent) return recent.key;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const key = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  recentKeys.set(request, { key, at: now });
  return key;
}

function requestUrl(path: string, query: RequestOptions["query"]): URL {
  const url = new URL("/api/v1" + path, window.location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, String(value));
  }
  return url;
}

// The key api() sends with this POST now (the same one while it has no
// answer), for a caller that may have to send it again later.
export function idempotencyKeyFor(path: string, body: unknown): string {
  const url = requestUrl(path, undefined);
  return idempotencyKey(url.pathname + url.search + "\n" + JSON.stringify(body));
}

export async function api<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = requestUrl(path, options.query);
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.ifMatch !== undefined) headers["If-Match"] = `"${options.ifMatch}"`;
  const method = options.method ?? (options.body !== undefined ? "POST" : "GET");
  const body = options.body !== undefined ? JSON.stringify(options.body) : undefined;
  const sent = url.pathname + url.search + "\n" + (body ?? "");
  if (method === "POST") headers["Idempotency-Key"] = options.idempotencyKey ?? idempotencyKey(sent);
  let response: Response;
  try {
    response = await fetch(url.pathname + url.search, {
      method,
      headers,
      body,
      credentials: "same-origin",
      ...(options.timeoutMs !== undefined && typeof AbortSignal.timeout === "function" ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
    });
  } catch {
    throw new ApiError({ status: 0, title: "network" });
  }
  recentKeys.delete(sent);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const problem: Problem =
      parsed && typeof parsed === "object" ? { ...(parsed as Problem), status: response.status } : { status: response.status };
    if (response.status === 401 && path !== "/auth/login") onExpired();
    throw new ApiError(problem);
  }
  return parsed as T;
}

// Every page of a list, following next_cursor (bounded, for small lists).
export async function listAll<T>(path: string, query: Record<string, string | number> = {}, maxPages = 20): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null | undefined = undefined;
  for (let page = 0; page < maxPages; page++) {
    const result: Page<T> = await api<Page<T>>(path, { query: { ...query, limit: 200, cursor: cursor ?? undefined } });
    all.push(...result.items);
    cursor = result.next_cursor;
    if (!cursor) break;
  }
  return all;
}

export interface Me {
  user_id: number;
  username: string;
  role: string;
  language: "es" | "en";
  organisation_id: number | null;
  facility_id: number | null;
  sees_restricted_fields: boolean;
  sees_case_records: boolean;
  access: Record<string, "read" | "write" | "none">;
  capabilities: string[]; // the operationIds this role may call (before record scope)
  nursery_facility_ids: number[]; // the nurseries whose needs and stock the user sees
}

export type RecordRow = { id: number; version: number; archived?: boolean } & Record<string, unknown>;
