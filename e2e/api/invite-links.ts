import { expect, type APIRequestContext } from "@playwright/test";
import { callServerAction } from "../support/actions";
import { SITE_URL, expectOk } from "./helpers";

/** The accept-link token of the newest email to this address, read from the organization's outbox (an admin's cookie). */
export async function latestInviteToken(request: APIRequestContext, orgId: string, adminCookie: string, email: string): Promise<string> {
  const page = await expectOk(await request.get(`/api/organizations/${orgId}/outbox/`, { headers: { Cookie: adminCookie } }));
  const mail = page.results.find((m: { to: string }) => m.to === email);
  expect(mail, `an email to ${email} in the outbox`).toBeTruthy();
  return (mail.text as string).match(/\/invites\/([\w-]+)/)?.[1] ?? "";
}

/** Accepts an invitation as the console's button does (its server action), signed in by this cookie. */
export async function acceptInvitation(request: APIRequestContext, token: string, cookie: string) {
  const res = await callServerAction(request, `/invites/${token}`, "acceptInviteAction", [token], { Cookie: cookie, Origin: SITE_URL });
  expect(res.status(), await res.text()).toBeLessThan(400);
}

/** What the invitation page says about a link. */
export async function invitationPageState(request: APIRequestContext, token: string) {
  const html = await (await request.get(`/invites/${token}`)).text();
  if (html.includes("This invitation has already been used")) return "used";
  if (html.includes("This invitation link is not valid")) return "invalid";
  return "other";
}
