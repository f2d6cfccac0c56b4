import { apiDocument } from "./document";

let body: string | undefined;

/** Serves the OpenAPI document to anyone (no credentials), serialized once per process. */
export async function serveApiDocument(): Promise<Response> {
  body ??= JSON.stringify(apiDocument());
  return new Response(body, { status: 200, headers: { "content-type": "application/json", "cache-control": "public, max-age=300" } });
}
