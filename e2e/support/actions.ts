import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

const ROOT = path.resolve(import.meta.dirname, "../..");
type Manifest = { node: Record<string, { exportedName?: string; filename?: string }> };

/** A server action's id in the build under test, found by its exported name in Next's server-reference manifest. */
function actionId(exportedName: string) {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as Manifest;
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === exportedName);
  if (!found) throw new Error(`no server action named ${exportedName} in this build`);
  return found[0];
}

/**
 * Calls a server action over HTTP as the console's form would (POST to the page with `Next-Action`), for HTTP specs
 * that need a step only the console offers, such as accepting an invitation. The response is Next's own encoding.
 */
export async function callServerAction(request: APIRequestContext, pagePath: string, exportedName: string, args: unknown[], headers: Record<string, string>) {
  return request.post(pagePath, {
    headers: { ...headers, "Next-Action": actionId(exportedName), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
}
