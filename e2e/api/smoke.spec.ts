import { expect, test } from "./recording";
import { bearer, makeOrganization } from "../support/cli";

test("an API key from the CLI reads @current", async ({ request }) => {
  const { org, ownerKey } = await makeOrganization();
  const res = await request.get("/api/organizations/@current/", { headers: bearer(ownerKey) });
  expect(res.status()).toBe(200);
  expect((await res.json()).id).toBe(org.id);
});
