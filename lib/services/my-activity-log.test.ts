import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apiKeyOf, call, expectAppError, makeApiKey, makeOrganization, makeUser, sessionOf } from "../testing/fixtures";
import { listMyActivityLog } from "./activity-log";
import { createPersonalApiKey, deletePersonalApiKey, rollPersonalApiKey, updatePersonalApiKey } from "./personal-api-keys";
import { updateMe } from "./users";

type Entry = { scope: string; activity: string; item_id: string; user: { uuid: string } | null; is_system: boolean };
const mine = async (principal: ReturnType<typeof sessionOf>, input: Record<string, unknown> = {}) =>
  (await call(listMyActivityLog, principal, { user_id: "@me", ...input })) as unknown as { count: number; results: Entry[] };

describe("GET /api/users/@me/activity_log/", () => {
  test("the caller's profile and key entries, newest first; nobody else's, and no organization's", async () => {
    const user = await makeUser("audited");
    const other = await makeUser("other");
    const me = sessionOf(user);
    const cliKey = await makeApiKey(user, ["user:read"]);
    const key = await call(createPersonalApiKey, me, { label: "k", scopes: ["user:read"] });
    await call(updatePersonalApiKey, me, { id: key.id, label: "k2" });
    await call(rollPersonalApiKey, me, { id: key.id });
    await call(deletePersonalApiKey, me, { id: key.id });
    await call(updateMe, me, { user_id: "@me", first_name: "Renamed" });
    await call(updateMe, sessionOf(other), { user_id: "@me", first_name: "Elsewhere" });
    await makeOrganization(); // another user's organization entries
    const log = await mine(me);
    assert.deepEqual(
      log.results.map((e) => [e.scope, e.activity, e.item_id]),
      [
        ["User", "updated", user.uuid],
        ["PersonalAPIKey", "deleted", key.id],
        ["PersonalAPIKey", "rolled", key.id],
        ["PersonalAPIKey", "updated", key.id],
        ["PersonalAPIKey", "created", key.id],
        ["PersonalAPIKey", "created", cliKey.id],
        ["User", "created", user.uuid],
      ],
    );
    assert.deepEqual([log.results[0].user?.uuid, log.results.at(-1)?.is_system], [user.uuid, true]);
    const filtered = await mine(me, { scope: "PersonalAPIKey", activity: "created", limit: "1" });
    assert.deepEqual([filtered.count, filtered.results.map((e) => e.item_id)], [2, [key.id]]);
  });

  test("a key needs user:read; another user's uuid is not found", async () => {
    const user = await makeUser("scoped");
    const other = await makeUser("stranger");
    await expectAppError(call(listMyActivityLog, apiKeyOf(user, ["organization:read"]), { user_id: "@me" }), 403, "permission_denied", {
      detail: "API key missing required scope 'user:read'",
    });
    assert.equal((await call(listMyActivityLog, apiKeyOf(user, ["user:read"]), { user_id: user.uuid })).count, 1);
    await expectAppError(call(listMyActivityLog, sessionOf(user), { user_id: other.uuid }), 404, "not_found");
  });
});
