import { expect, test } from "./recording";
import { bearer, makeKey, makeOrganization, makeSession, makeUser } from "../support/cli";
import { E, SITE_URL, expectError, expectOk, isoDate, uuidRe } from "./helpers";

const LOG = "/api/users/@me/activity_log/";
type Entry = { id: string; scope: string; activity: string; item_id: string; user: { uuid: string } | null; detail: { name: string; changes: Array<{ field: string }> } };

test.describe("GET /api/users/@me/activity_log/", () => {
  test("personal API key and profile entries, newest first, with the organization log's shape, filters and pages", async ({ request }) => {
    const user = await makeUser("keyed");
    const headers = { Cookie: await makeSession(user.email), Origin: SITE_URL };
    const created = await expectOk(await request.post("/api/personal_api_keys/", { headers, data: { label: "deploy", scopes: ["user:read"] } }), 201);
    await expectOk(await request.patch(`/api/personal_api_keys/${created.id}/`, { headers, data: { label: "deploy 2" } }));
    await expectOk(await request.post(`/api/personal_api_keys/${created.id}/roll/`, { headers }));
    await expectOk(await request.delete(`/api/personal_api_keys/${created.id}/`, { headers }), 204);
    await expectOk(await request.patch("/api/users/@me/", { headers, data: { first_name: "Renamed" } }));
    await makeOrganization(); // someone else's entries stay out

    const log = await expectOk(await request.get(LOG, { headers }));
    expect(log.results.map((e: Entry) => [e.scope, e.activity, e.item_id])).toEqual([
      ["User", "updated", user.uuid],
      ["PersonalAPIKey", "deleted", created.id],
      ["PersonalAPIKey", "rolled", created.id],
      ["PersonalAPIKey", "updated", created.id],
      ["PersonalAPIKey", "created", created.id],
      ["User", "created", user.uuid],
    ]);
    expect(log.results[0]).toEqual({
      id: expect.stringMatching(uuidRe),
      user: expect.objectContaining({ uuid: user.uuid, email: user.email }),
      is_system: false,
      scope: "User",
      item_id: user.uuid,
      activity: "updated",
      detail: {
        name: user.email,
        changes: [{ type: "User", field: "first_name", action: "changed", before: user.first_name, after: "Renamed" }],
        via: { kind: "console" },
        address: expect.any(String),
      },
      created_at: expect.stringMatching(isoDate),
    });
    expect(JSON.stringify(log)).not.toContain(created.value);

    const keys = await expectOk(await request.get(`${LOG}?scope=PersonalAPIKey&limit=2`, { headers }));
    expect(keys.count).toBe(4);
    expect(keys.results.map((e: Entry) => e.activity)).toEqual(["deleted", "rolled"]);
    expect(new URL(keys.next).searchParams.get("offset")).toBe("2");
    const rest = await expectOk(await request.get(keys.next, { headers }));
    expect(rest.results.map((e: Entry) => e.activity)).toEqual(["updated", "created"]);
    expect((await expectOk(await request.get(`${LOG}?activity=rolled&item_id=${created.id}`, { headers }))).count).toBe(1);
    await expectError(await request.get(`${LOG}?user=nope`, { headers }), 400, E.invalid('"nope" is not a valid UUID.', "user"));
  });

  test("a key needs user:read; without credentials 401; another user's uuid 404", async ({ request }) => {
    const user = await makeUser("reader");
    const other = await makeUser("other");
    await expectOk(await request.get(LOG, { headers: bearer(await makeKey(user.email, "user:read")) }));
    await expectOk(await request.get(`/api/users/${user.uuid}/activity_log/`, { headers: bearer(await makeKey(user.email, "user:read")) }));
    await expectError(await request.get(LOG, { headers: bearer(await makeKey(user.email, "organization:read")) }), 403, E.missingScope("user:read"));
    await expectError(await request.get(LOG), 401, E.notAuthenticated);
    await expectError(await request.get(`/api/users/${other.uuid}/activity_log/`, { headers: bearer(await makeKey(user.email, "*")) }), 404, E.notFound);
  });
});
