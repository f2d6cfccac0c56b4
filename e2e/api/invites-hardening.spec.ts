import { expect, test, type APIRequestContext } from "./recording";
import { bearer, cli, makeOrganization, makeSession, makeUser, uniqueEmail } from "../support/cli";
import { E, expectError, expectOk } from "./helpers";
import { acceptInvitation, invitationPageState, latestInviteToken } from "./invite-links";

const invites = (orgId: string) => `/api/organizations/${orgId}/invites/`;
const post = (request: APIRequestContext, key: string, orgId: string, data: unknown) => request.post(invites(orgId), { headers: bearer(key), data });

test.describe("combine_pending_invites", () => {
  test("a member re-inviting an address with a pending admin invite keeps level 8 (201); asking for 8 is still 403", async ({ request }) => {
    const { org, ownerKey, members: [member] } = await makeOrganization([1]);
    const email = uniqueEmail("combined");
    await expectOk(await post(request, ownerKey, org.id, { target_email: email, level: 8 }), 201);
    const combined = await expectOk(await post(request, member.key, org.id, { target_email: email, combine_pending_invites: true }), 201);
    expect(combined.level).toBe(8);
    await expectError(
      await post(request, member.key, org.id, { target_email: uniqueEmail(), level: 8 }),
      403,
      E.denied("You cannot invite a user with a higher permission level than your own."),
    );
  });
});

test.describe("email addresses and text are trimmed and checked by one rule", () => {
  test("surrounding whitespace is dropped before validation; RFC local parts and IDN domains are accepted", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const local = `first!last.${Date.now()}`;
    const created = await expectOk(
      await post(request, ownerKey, org.id, { target_email: `  ${local.toUpperCase()}@Example.TEST `, first_name: `  ${"a".repeat(30)}  `, message: "  Hi  " }),
      201,
    );
    expect(created).toMatchObject({ target_email: `${local}@example.test`, first_name: "a".repeat(30), message: "Hi" });
    const idn = await expectOk(await post(request, ownerKey, org.id, { target_email: `${local}@Bücher.example` }), 201);
    // Internationalised domains are stored in their ASCII form, so each spelling of one mailbox is the same invitee.
    expect(idn.target_email).toBe(`${local}@xn--bcher-kva.example`);
    const again = await expectOk(await post(request, ownerKey, org.id, { target_email: `${local}@xn--BCHER-kva.example` }), 201);
    const list = await expectOk(await request.get(invites(org.id), { headers: bearer(ownerKey) }));
    expect(list.results.map((i: { id: string }) => i.id)).toEqual([again.id, created.id]);
    for (const bad of ["a@localhost", '"quoted"@example.test', "a..b@example.test", "a@example.test:25", "   "]) {
      await expectError(await post(request, ownerKey, org.id, { target_email: bad }), 400, E.invalid("Enter a valid email address.", "target_email"));
    }
  });

  test("the admin CLI takes the same rule: trimmed, canonical, an invitee already a member whatever spelling", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const name = `cli.${Date.now()}`;
    const user = await cli<{ email: string }>("user", "create", "--email", `  ${name.toUpperCase()}@BÜCHER.example `);
    expect(user.email).toBe(`${name}@xn--bcher-kva.example`);
    await cli("member", "add", "--org", org.id, "--email", `${name}@bücher.example`, "--level", "1");
    await expectError(
      await post(request, ownerKey, org.id, { target_email: `${name}@Bücher.Example` }),
      400,
      E.invalid("A user with this email address already belongs to the organization.", null),
    );
  });
});

test.describe("accepted invitations are kept", () => {
  test("a used link keeps saying 'already used' after a re-invite of the same address and after a sibling is accepted", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const ownerCookie = await makeSession(owner.email);
    const invitee = await makeUser("kept");
    const inviteeCookie = await makeSession(invitee.email);
    await expectOk(await post(request, ownerKey, org.id, { target_email: invitee.email }), 201);
    const first = await latestInviteToken(request, org.id, ownerCookie, invitee.email);
    await acceptInvitation(request, first, inviteeCookie);
    expect(await invitationPageState(request, first)).toBe("used");

    await expectOk(await request.delete(`/api/organizations/${org.id}/members/${invitee.uuid}/`, { headers: bearer(ownerKey) }), 204);
    await expectOk(await post(request, ownerKey, org.id, { target_email: invitee.email.toUpperCase() }), 201);
    expect(await invitationPageState(request, first)).toBe("used");

    const second = await latestInviteToken(request, org.id, ownerCookie, invitee.email);
    expect(second).not.toBe(first);
    await acceptInvitation(request, second, inviteeCookie);
    expect(await invitationPageState(request, second)).toBe("used");
    expect(await invitationPageState(request, first)).toBe("used");
  });
});
