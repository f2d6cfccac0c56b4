import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { test as base, type APIRequestContext, type APIResponse } from "@playwright/test";

export { expect } from "@playwright/test";
export type { APIRequestContext, APIResponse } from "@playwright/test";

/** One response as an api spec received it. */
export type RecordedResponse = { method: string; path: string; status: number; contentType: string; body: unknown; test: string };

/** Where the api specs' responses are written (one JSON line each) for the contract check that runs after them. */
export const recordingsDir = (outputDir: string) => path.join(outputDir, "api-responses");

const VERBS = new Set<PropertyKey>(["get", "post", "put", "patch", "delete", "fetch"]);

async function bodyOf(res: APIResponse, contentType: string): Promise<unknown> {
  const text = (await res.body()).toString("utf8");
  if (text === "") return null;
  if (!contentType.includes("json")) return { notJson: text.slice(0, 200) };
  try {
    return JSON.parse(text);
  } catch {
    return { notJson: text.slice(0, 200) };
  }
}

/**
 * `test` with a `request` fixture that writes every response it receives (method, path, status, JSON body), so the
 * contract check can validate each against the OpenAPI document. The specs use it exactly like Playwright's own.
 */
export const test = base.extend<{ request: APIRequestContext }>({
  request: async ({ request }, provide, testInfo) => {
    const dir = recordingsDir(testInfo.project.outputDir);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${process.pid}.jsonl`);
    const title = testInfo.titlePath.join(" › ");
    const recorded = new Proxy(request, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== "function") return value;
        if (!VERBS.has(prop)) return value.bind(target);
        return async (url: string, options?: { method?: string }) => {
          const res: APIResponse = await value.call(target, url, options);
          const method = prop === "fetch" ? (options?.method ?? "GET").toUpperCase() : String(prop).toUpperCase();
          const contentType = res.headers()["content-type"] ?? "";
          const entry: RecordedResponse = { method, path: new URL(res.url()).pathname, status: res.status(), contentType, body: await bodyOf(res, contentType), test: title };
          appendFileSync(file, `${JSON.stringify(entry)}\n`);
          return res;
        };
      },
    });
    await provide(recorded);
  },
});
