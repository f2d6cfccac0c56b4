import { expect, test } from "./recording";
import { bearer, makeOrganization, makeSession, makeUser, uniqueEmail } from "../support/cli";
import { expectOk } from "./helpers";
import { acceptInvitation, latestInviteToken } from "./invite-links";

type Mail = { id: string; to: string; kind: string; link_works: boolean | null };

test("an invitation email's link_works follows its invitation: true while pending, false once accepted or replaced", async ({ request }) => {
  const { org, owner, ownerKey } = await makeOrganization();
  const adminCookie = await makeSession(owner.email);
  const mails = async () => (await expectOk(await request.get(`/api/organizations/${org.id}/outbox/`, { headers: { Cookie: adminCookie } }))).results as Mail[];
  const invite = (target_email: string) => request.post(`/api/organizations/${org.id}/invites/`, { headers: bearer(ownerKey), data: { target_email } });

  const joiner = await makeUser("joiner");
  const replaced = uniqueEmail("replaced");
  await expectOk(await invite(joiner.email), 201);
  await expectOk(await invite(replaced), 201);
  expect((await mails()).map((m) => m.link_works)).toEqual([true, true]);

  await acceptInvitation(request, await latestInviteToken(request, org.id, adminCookie, joiner.email), await makeSession(joiner.email));
  await expectOk(await invite(replaced), 201);
  const after = await mails();
  expect(after.map((m) => [m.to, m.link_works])).toEqual([
    [replaced, true],
    [replaced, false],
    [joiner.email, false],
  ]);
  expect(after.every((m) => m.kind === "invite")).toBe(true);
});
