import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { API_ROUTES } from "./api-routes";
import { apiDocument } from "./document";
import { serveApiDocument } from "./serve";
import { HTTP_METHODS } from "./types";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api");
/**
 * Sign-in (next-auth's own routes), the signed download links to stored files (handed out by the API, never called
 * as a resource), PandaDoc's webhook, and the JSON 404 for unknown paths and for `/api` itself (the folder "").
 */
const NOT_DOCUMENTED = ["auth", "storage", "legal_documents/pandadoc", "[...path]", ""];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** `app/api/organizations/[organization_id]/route.ts` → `/api/organizations/{organization_id}/`. */
function documentedPath(file: string) {
  const folder = path.relative(API_DIR, path.dirname(file)).split(path.sep).join("/");
  return `/api/${folder.replace(/\[(\w+)\]/g, "{$1}")}/`.replace("//", "/");
}

const DIRECTORY_DIR = path.resolve(import.meta.dirname, "../../app/directory");

/** `app/directory/orgs/[organization_id]/members/route.ts` → `/directory/orgs/{organization_id}/members` (documented without a slash). */
function documentedDirectoryPath(file: string) {
  const folder = path.relative(DIRECTORY_DIR, path.dirname(file)).split(path.sep).join("/");
  return `/directory/${folder.replace(/\[(\w+)\]/g, "{$1}")}`;
}

const apiFiles = routeFiles(API_DIR).filter((file) => {
  const folder = path.relative(API_DIR, path.dirname(file)).split(path.sep).join("/");
  return !NOT_DOCUMENTED.some((skip) => folder === skip || folder.startsWith(`${skip}/`));
});
// The directory API's catch-all (its JSON 404) is not an endpoint.
const directoryFiles = routeFiles(DIRECTORY_DIR).filter((file) => !file.includes("[...path]"));
const files = [...apiFiles, ...directoryFiles];
const pathOf = (file: string) => (file.startsWith(DIRECTORY_DIR) ? documentedDirectoryPath(file) : documentedPath(file));

type RouteHandler = { operation?: unknown; status?: number };

test("every route file under app/api and app/directory is in the document, each method running the operation the registry names", async () => {
  const doc = apiDocument();
  assert.ok(files.length >= 15, `found ${files.length} route files`);
  for (const file of files) {
    const documented = pathOf(file);
    const item = doc.paths[documented];
    assert.ok(item, `${documented} (${path.relative(API_DIR, file)}) is not in the document`);
    const mod = (await import(pathToFileURL(file).href)) as Record<string, RouteHandler | undefined>;
    for (const method of HTTP_METHODS) {
      const handler = mod[method.toUpperCase()];
      const entry = API_ROUTES.find((r) => r.path === documented && r.method === method);
      const where = `${method.toUpperCase()} ${documented}`;
      if (documented === "/api/schema/" && method === "get") {
        assert.equal(handler, serveApiDocument, where);
      } else if (handler?.operation) {
        assert.ok(entry, `${where} runs an operation the registry does not list`);
        assert.equal(handler.operation, entry.operation, `${where} runs another operation than the registry's`);
        assert.equal(handler.status, entry.status, `${where} answers another success status than the registry's`);
      } else {
        assert.equal(entry, undefined, `${where} is in the registry but its route file answers 405`);
        assert.equal(item[method], undefined, `${where} is documented but not served`);
      }
    }
  }
});

test("every registry entry has its route file", () => {
  const served = new Set(files.map(pathOf));
  for (const route of API_ROUTES) assert.ok(served.has(route.path), `${route.path} has no route file`);
});
