import type { ErrorBody } from "../errors";

/** A REST error with the API's error body, for React Query's error state. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.detail ?? `Request failed with status ${status}.`);
    this.name = "ApiError";
  }
}

/** GET from the REST API with the session cookie (same origin); the JSON body, or an ApiError. */
export async function apiGet<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== "") url.searchParams.set(key, String(value));
  const res = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) throw new ApiError(res.status, body as ErrorBody | null);
  return body as T;
}
