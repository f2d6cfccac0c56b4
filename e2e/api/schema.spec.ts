import { expect, test } from "./recording";

test("GET /api/schema/ needs no credentials: the OpenAPI 3.1 document as JSON, with or without the trailing slash", async ({ request }) => {
  for (const path of ["/api/schema/", "/api/schema"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/json");
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/api/organizations/{organization_id}/invites/"].get.operationId).toBe("invites_list");
  }
});
