import { expect, test, type APIRequestContext } from "./recording";
import { bearer, makeKey, makeOrganization, makeSession, makeUser, uniqueEmail } from "../support/cli";
import { E, err, expectError, expectOk, isoDate, uuidRe } from "./helpers";

const invites = (orgId: string) => `/api/organizations/${orgId}/invites/`;
const HIGHER = E.denied("You cannot invite a user with a higher permission level than your own.");
const NO_MEMBER_INVITES = E.denied("Your organization does not allow members to invite. Ask an admin to invite this person.");

const post = (request: APIRequestContext, key: string, path: string, data: unknown) => request.post(path, { headers: bearer(key), data });

test.describe("POST /invites/", () => {
  test("201 with the invite object; the server has a transport, so emailing_attempt_made is true", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const email = uniqueEmail("Invitee");
    const created = await expectOk(await post(request, ownerKey, invites(org.id), { target_email: email, level: 8, message: "Hi", first_name: "Ann" }), 201);
    expect(created).toEqual({
      id: expect.stringMatching(uuidRe),
      target_email: email.toLowerCase(),
      first_name: "Ann",
      emailing_attempt_made: true,
      level: 8,
      is_expired: false,
      created_by: expect.objectContaining({ uuid: owner.uuid, email: owner.email, hedgehog_config: null }),
      created_at: expect.stringMatching(isoDate),
      updated_at: expect.stringMatching(isoDate),
      message: "Hi",
      private_project_access: [],
    });
    const quiet = await expectOk(await post(request, ownerKey, invites(org.id), { target_email: uniqueEmail(), send_email: false }), 201);
    expect(quiet.emailing_attempt_made).toBe(false);
    const list = await expectOk(await request.get(invites(org.id), { headers: bearer(ownerKey) }));
    expect(list).toMatchObject({ count: 2, next: null, previous: null });
    expect(list.results.map((i: { id: string }) => i.id)).toEqual([quiet.id, created.id]);
  });

  test("each refusal has its exact body, validity before the level ceiling", async ({ request }) => {
    const { org, owner, members: [member] } = await makeOrganization([1]);
    const path = invites(org.id);
    await expectError(await post(request, member.key, path, { level: 8 }), 400, E.required("target_email"));
    await expectError(await post(request, member.key, path, { target_email: "nope", level: 8 }), 400, E.invalid("Enter a valid email address.", "target_email"));
    await expectError(await post(request, member.key, path, { target_email: uniqueEmail(), level: 99 }), 400, E.invalidChoice("99", "level"));
    await expectError(await post(request, member.key, path, { target_email: uniqueEmail(), level: 8 }), 403, HIGHER);
    await expectError(
      await post(request, member.key, path, { target_email: uniqueEmail(), private_project_access: [{ id: "1", level: "member" }] }),
      400,
      E.invalid('The "id" field must be an integer.', "private_project_access"),
    );
    await expectError(
      await post(request, member.key, path, { target_email: uniqueEmail(), private_project_access: [{ id: 2_000_000_000, level: "member" }] }),
      400,
      E.invalid("Project does not exist on this organization, or it is private and you do not have access to it.", "private_project_access"),
    );
    await expectError(
      await post(request, member.key, path, { target_email: owner.email.toUpperCase() }),
      400,
      E.invalid("A user with this email address already belongs to the organization.", null),
    );
    expect((await expectOk(await request.get(path, { headers: bearer(member.key) }))).count).toBe(0);
  });

  test("re-inviting the same address leaves one invite; parallel re-invites too", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const email = uniqueEmail("again");
    for (const level of [1, 8, 15]) await expectOk(await post(request, ownerKey, invites(org.id), { target_email: email, level }), 201);
    const list = await expectOk(await request.get(invites(org.id), { headers: bearer(ownerKey) }));
    expect(list.results.map((i: { level: number }) => i.level)).toEqual([15]);
    const other = uniqueEmail("parallel");
    const statuses = await Promise.all(Array.from({ length: 5 }, () => post(request, ownerKey, invites(org.id), { target_email: other }).then((r) => r.status())));
    expect(statuses).toContain(201);
    const after = await expectOk(await request.get(invites(org.id), { headers: bearer(ownerKey) }));
    expect(after.results.filter((i: { target_email: string }) => i.target_email === other)).toHaveLength(1);
  });

  test("a key needs organization_member:write to invite and :read to list", async ({ request }) => {
    const { org, owner } = await makeOrganization();
    const readOnly = await makeKey(owner.email, "organization_member:read");
    await expectError(await post(request, readOnly, invites(org.id), { target_email: uniqueEmail() }), 403, E.missingScope("organization_member:write"));
    expect((await expectOk(await request.get(invites(org.id), { headers: bearer(readOnly) }))).count).toBe(0);
  });
});

test.describe("members_can_invite off", () => {
  test("a member is refused on create, bulk and delegate; an admin is not", async ({ request }) => {
    const { org, ownerKey, members: [member, admin] } = await makeOrganization([1, 8]);
    await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data: { members_can_invite: false } }));
    await expectError(await post(request, member.key, invites(org.id), { target_email: uniqueEmail() }), 403, NO_MEMBER_INVITES);
    await expectError(await post(request, member.key, `${invites(org.id)}bulk/`, [{ target_email: uniqueEmail() }]), 403, NO_MEMBER_INVITES);
    await expectError(await post(request, member.key, `${invites(org.id)}delegate/`, { target_email: uniqueEmail() }), 403, NO_MEMBER_INVITES);
    await expectOk(await post(request, admin.key, invites(org.id), { target_email: uniqueEmail() }), 201);
  });
});

test.describe("POST /invites/bulk/", () => {
  test("201 with an array in input order", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const emails = [uniqueEmail("a"), uniqueEmail("b")];
    const created = await expectOk(await post(request, ownerKey, `${invites(org.id)}bulk/`, emails.map((target_email) => ({ target_email }))), 201);
    expect(created.map((i: { target_email: string }) => i.target_email)).toEqual(emails);
  });

  test("not an array, more than 20, or one bad item: 400 or 403, and nothing is created", async ({ request }) => {
    const { org, owner, ownerKey, members: [member] } = await makeOrganization([1]);
    const path = `${invites(org.id)}bulk/`;
    await expectError(
      await post(request, ownerKey, path, { target_email: uniqueEmail() }),
      400,
      E.invalid("This endpoint needs an array of data for bulk invite creation.", null),
    );
    await expectError(
      await post(request, ownerKey, path, Array.from({ length: 21 }, () => ({ target_email: uniqueEmail() }))),
      400,
      err("validation_error", "max_length", "A maximum of 20 invites can be sent in a single request."),
    );
    const bad = await post(request, ownerKey, path, [{ target_email: uniqueEmail() }, { target_email: null }]);
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ type: "validation_error", code: "null" });
    await expectError(await post(request, member.key, path, [{ target_email: uniqueEmail() }, { target_email: uniqueEmail(), level: 8 }]), 403, HIGHER);
    expect((await expectOk(await request.get(invites(org.id), { headers: bearer(ownerKey) }))).count).toBe(0);
    const outbox = await expectOk(await request.get(`/api/organizations/${org.id}/outbox/`, { headers: { Cookie: await makeSession(owner.email) } }));
    expect(outbox.count).toBe(0);
  });
});

test.describe("POST /invites/delegate/", () => {
  test("an admin gets 201 with a level-8 invite; the same address again returns it; a member gets 403", async ({ request }) => {
    const { org, members: [member, admin] } = await makeOrganization([1, 8]);
    const path = `${invites(org.id)}delegate/`;
    const email = uniqueEmail("setup");
    const first = await expectOk(await post(request, admin.key, path, { target_email: email, message: "Please set us up", step_at_delegation: "x" }), 201);
    expect(first).toMatchObject({ target_email: email, level: 8, message: "Please set us up", created_by: { uuid: admin.uuid } });
    const again = await expectOk(await post(request, admin.key, path, { target_email: email }), 201);
    expect(again.id).toBe(first.id);
    const moved = await expectOk(await post(request, admin.key, path, { target_email: uniqueEmail("other") }), 201);
    const list = await expectOk(await request.get(invites(org.id), { headers: bearer(admin.key) }));
    expect(list.results.map((i: { id: string }) => i.id)).toEqual([moved.id]);
    await expectError(await post(request, member.key, path, { target_email: uniqueEmail() }), 403, HIGHER);
    await expectError(await post(request, admin.key, path, { target_email: uniqueEmail(), message: "m".repeat(1001) }), 400, E.maxLength(1000, "message"));
  });
});

test.describe("DELETE /invites/:id/, resend, and no retrieve route", () => {
  test("an admin deletes (204); a member gets 403; unknown or malformed ids are 404", async ({ request }) => {
    const { org, ownerKey, members: [member, admin] } = await makeOrganization([1, 8]);
    const created = await expectOk(await post(request, ownerKey, invites(org.id), { target_email: uniqueEmail() }), 201);
    await expectError(await request.delete(`${invites(org.id)}${created.id}/`, { headers: bearer(member.key) }), 403, E.levelInsufficient);
    await expectOk(await request.delete(`${invites(org.id)}${created.id}/`, { headers: bearer(admin.key) }), 204);
    await expectError(await request.delete(`${invites(org.id)}${created.id}/`, { headers: bearer(admin.key) }), 404, E.notFound);
    await expectError(await request.delete(`${invites(org.id)}nope/`, { headers: bearer(admin.key) }), 404, E.notFound);
  });

  test("GET /invites/:id/ is 405 for a member and 403 for a non-member", async ({ request }) => {
    const { org, ownerKey, members: [member] } = await makeOrganization([1]);
    const stranger = await makeUser("stranger");
    const strangerKey = await makeKey(stranger.email, "*");
    const created = await expectOk(await post(request, ownerKey, invites(org.id), { target_email: uniqueEmail() }), 201);
    await expectError(await request.get(`${invites(org.id)}${created.id}/`, { headers: bearer(member.key) }), 405, E.methodNotAllowed("GET"));
    await expectError(await request.get(`${invites(org.id)}${created.id}/`, { headers: bearer(strangerKey) }), 403, E.denied());
  });

  test("resend answers the invite object and keeps its id; an unknown invite is 404", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const created = await expectOk(await post(request, ownerKey, invites(org.id), { target_email: uniqueEmail() }), 201);
    const resent = await expectOk(await post(request, ownerKey, `${invites(org.id)}${created.id}/resend/`, {}));
    expect(resent).toMatchObject({ id: created.id, target_email: created.target_email, emailing_attempt_made: true });
    await expectError(await post(request, ownerKey, `${invites(org.id)}00000000-0000-4000-8000-000000000000/resend/`, {}), 404, E.notFound);
  });
});
