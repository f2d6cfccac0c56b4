import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { users } from "../../db/schema";
import { call, expectAppError, makeOrganization, makeUser, sessionOf } from "../testing/fixtures";
import { listMemberPictures } from "./member-pictures";

describe("listMemberPictures", () => {
  test("gives the pictures of this organization's members only, to its members", async () => {
    const { org, owner, members: [pictured, plain] } = await makeOrganization([1, 1]);
    const outsider = await makeUser("outsider");
    const db = await getDb();
    await db.update(users).set({ picture: "https://example.com/p.png" }).where(eq(users.id, pictured.id));
    await db.update(users).set({ picture: "https://example.com/o.png" }).where(eq(users.id, outsider.id));
    const uuids = [pictured.uuid, plain.uuid, outsider.uuid];
    assert.deepEqual(await call(listMemberPictures, sessionOf(owner), { user_uuids: uuids }, org.id), { [pictured.uuid]: "https://example.com/p.png" });
    assert.deepEqual(await call(listMemberPictures, sessionOf(plain), { user_uuids: [] }, org.id), {});
    await expectAppError(call(listMemberPictures, sessionOf(outsider), { user_uuids: uuids }, org.id), 403, "permission_denied");
  });
});
