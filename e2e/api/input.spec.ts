import { expect, test } from "./recording";
import { bearer, makeOrganization } from "../support/cli";
import { E, type ErrorBody, expectError, expectOk, getOrg, lonelyUser, randomName } from "./helpers";

test.describe("strict JSON input", () => {
  test("malformed JSON is 400 parse_error and nothing changes", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const before = await getOrg(request, ownerKey, org.id);
    const headers = { ...bearer(ownerKey), "content-type": "application/json" };
    // Sent as raw bytes: Playwright would JSON-encode a string that does not parse.
    for (const text of ['{"name": "Broken"', "{name: 'x'}", "not json", '{"name": "a",}']) {
      const body = Buffer.from(text);
      await expectError(await request.patch(`/api/organizations/${org.id}/`, { headers, data: body }), 400, E.parseError);
      await expectError(await request.post("/api/organizations/", { headers, data: body }), 400, E.parseError);
      await expectError(await request.patch("/api/users/@me/", { headers, data: body }), 400, E.parseError);
      await expectError(await request.post("/api/personal_api_keys/", { headers, data: body }), 400, E.parseError);
    }
    expect(await getOrg(request, ownerKey, org.id)).toEqual(before);
    expect((await expectOk(await request.get("/api/organizations/", { headers: bearer(ownerKey) }))).count).toBe(1);
  });

  test("a body of the wrong JSON type is 400 naming the type received", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const before = await getOrg(request, ownerKey, org.id);
    const headers = { ...bearer(ownerKey), "content-type": "application/json" };
    const cases: Array<[string, string]> = [
      ['[{"name": "In a list"}]', "list"],
      ["[]", "list"],
      ['"just a string"', "str"],
      ["42", "int"],
      ["4.5", "float"],
      ["true", "bool"],
    ];
    for (const [text, type] of cases) {
      const body = Buffer.from(text);
      await expectError(await request.patch(`/api/organizations/${org.id}/`, { headers, data: body }), 400, E.notADict(type));
      await expectError(await request.post("/api/organizations/", { headers, data: body }), 400, E.notADict(type));
    }
    expect(await getOrg(request, ownerKey, org.id)).toEqual(before);
    expect((await expectOk(await request.get("/api/organizations/", { headers: bearer(ownerKey) }))).count).toBe(1);
  });

  test("field types are strict JSON types", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const before = await getOrg(request, ownerKey, org.id);
    const cases: Array<[Record<string, unknown>, ErrorBody]> = [
      [{ name: 5 }, E.notAString("name")],
      [{ name: ["a"] }, E.notAString("name")],
      [{ name: { a: 1 } }, E.notAString("name")],
      [{ slug: 7 }, E.notAString("slug")],
      [{ members_can_invite: "yes" }, E.notABoolean("members_can_invite")],
      [{ members_can_invite: "true" }, E.notABoolean("members_can_invite")],
      [{ members_can_invite: 1 }, E.notABoolean("members_can_invite")],
      [{ members_can_use_personal_api_keys: "1" }, E.notABoolean("members_can_use_personal_api_keys")],
      [{ is_member_join_email_enabled: "false" }, E.notABoolean("is_member_join_email_enabled")],
      [{ enforce_2fa: "on" }, E.notABoolean("enforce_2fa")],
      [{ is_ai_data_processing_approved: 0 }, E.notABoolean("is_ai_data_processing_approved")],
      [{ members_can_invite: null }, E.isNull("members_can_invite")],
      [{ name: null }, E.isNull("name")],
    ];
    for (const [data, body] of cases) {
      await expectError(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data }), 400, body);
    }
    expect(await getOrg(request, ownerKey, org.id)).toEqual(before);
  });

  test("the first bad field is reported when several are bad, and nothing is applied", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const before = await getOrg(request, ownerKey, org.id);
    const res = await request.patch(`/api/organizations/${org.id}/`, {
      headers: bearer(ownerKey),
      data: { members_can_invite: false, is_member_join_email_enabled: "no" },
    });
    await expectError(res, 400, E.notABoolean("is_member_join_email_enabled"));
    expect(await getOrg(request, ownerKey, org.id)).toEqual(before);
  });

  test("too-long strings are 400 max_length, the limit itself is fine", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const before = await getOrg(request, ownerKey, org.id);
    for (const name of ["n".repeat(65), "n".repeat(10_000)]) {
      await expectError(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data: { name } }), 400, E.maxLength(64, "name"));
      await expectError(await request.post("/api/organizations/", { headers: bearer(ownerKey), data: { name } }), 400, E.maxLength(64, "name"));
    }
    await expectError(
      await request.post("/api/personal_api_keys/", { headers: bearer(ownerKey), data: { label: "l".repeat(41), scopes: ["*"] } }),
      400,
      E.maxLength(40, "label"),
    );
    await expectError(
      await request.patch("/api/users/@me/", { headers: bearer(ownerKey), data: { first_name: "f".repeat(10_000) } }),
      400,
      E.maxLength(150, "first_name"),
    );
    expect(await getOrg(request, ownerKey, org.id)).toEqual(before);
    expect((await expectOk(await request.get("/api/personal_api_keys/", { headers: bearer(ownerKey) }))).count).toBe(1);

    const longest = "n".repeat(64);
    expect((await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data: { name: longest } }))).name).toBe(longest);
    const label = "l".repeat(40);
    expect((await expectOk(await request.post("/api/personal_api_keys/", { headers: bearer(ownerKey), data: { label, scopes: ["*"] } }), 201)).label).toBe(label);
  });

  test("a name of 64 characters outside the Basic Multilingual Plane is accepted (length counts characters)", async ({ request }) => {
    const { key } = await lonelyUser();
    const name = "🚀".repeat(64);
    const created = await expectOk(await request.post("/api/organizations/", { headers: bearer(key), data: { name } }), 201);
    expect(created.name).toBe(name);
  });

  test("missing or blank required fields are 400 and nothing is created", async ({ request }) => {
    const { key } = await lonelyUser();
    const headers = bearer(key);
    await expectError(await request.post("/api/organizations/", { headers, data: {} }), 400, E.required("name"));
    await expectError(await request.post("/api/organizations/", { headers }), 400, E.required("name"));
    await expectError(await request.post("/api/organizations/", { headers, data: { slug: "only-a-slug" } }), 400, E.required("name"));
    await expectError(await request.post("/api/organizations/", { headers, data: { name: "" } }), 400, E.blank("name"));
    await expectError(await request.post("/api/organizations/", { headers, data: { name: "   " } }), 400, E.blank("name"));
    await expectError(await request.post("/api/personal_api_keys/", { headers, data: {} }), 400, E.required("label"));
    expect((await expectOk(await request.get("/api/organizations/", { headers }))).count).toBe(0);
    expect((await expectOk(await request.get("/api/personal_api_keys/", { headers }))).count).toBe(1);
    // A good request afterwards works: the failures left no partial state behind.
    await expectOk(await request.post("/api/organizations/", { headers, data: { name: randomName() } }), 201);
  });

  test("an empty PATCH body changes nothing and succeeds", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const before = await getOrg(request, ownerKey, org.id);
    expect(await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey) }))).toEqual(before);
    expect(await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data: {} }))).toEqual(before);
  });
});
