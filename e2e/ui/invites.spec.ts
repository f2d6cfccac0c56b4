import { expect, test, type Page } from "@playwright/test";
import { addMember, makeUser, uniqueEmail } from "../support/cli";
import { SmtpCatcher } from "../support/smtp";
import { closeInviteDialog, dayOf, inviteRow, openInviteDialog, showInviteTab } from "../support/invite-dialog";
import { completeProviderSignIn, inviteByApi, ownerWithOrganization, patchOrganization, signedInContext, signedOutContext, toast } from "../support/ui";

/** The only ui spec that listens on the server's SMTP_URL port: its tests run one after another in one worker. */
test.describe.configure({ mode: "serial" });

let catcher: SmtpCatcher;
test.beforeAll(async () => {
  catcher = await new SmtpCatcher(3125).start();
});
test.afterAll(async () => {
  await catcher.stop();
});

const acceptLink = (text: string) => text.match(/http:\/\/localhost:\d+\/invites\/[\w-]+/)?.[0] ?? "";

/** The link in the nth email (from 1) sent to this address. */
async function nthLink(email: string, n: number) {
  await catcher.waitFor(() => catcher.to(email).length >= n);
  return acceptLink(catcher.to(email)[n - 1].text);
}

/** What a signed-out browser sees at an invitation link: its page's heading. */
async function linkHeading(page: Page, link: string) {
  await page.goto(link);
  return page.getByRole("heading", { level: 1 });
}

test("an admin invites an address; the invitee opens the emailed link in another browser, signs in and joins; the outbox shows it sent", async ({ browser }) => {
  const { user, org } = await ownerWithOrganization("Inez");
  const adminContext = await signedInContext(browser, user.email);
  const page = await adminContext.newPage();
  await page.goto(`/organizations/${org.id}/invites`);

  const email = uniqueEmail("invitee");
  const form = await openInviteDialog(page);
  // This server has a mail transport, so the checkbox explains only what leaving it off does.
  await expect(form.getByText("Without it, copy the link from the Invites list and share it yourself.")).toBeVisible();
  await expect(form.getByText("Email isn't set up")).toHaveCount(0);
  await form.getByLabel("Email address", { exact: true }).fill(email);
  await form.getByLabel("Message (optional)").fill("Welcome aboard!");
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(toast(page, `Invitation sent to ${email}.`)).toBeVisible();
  await expect(form.getByLabel("Email address", { exact: true })).toHaveValue("");
  await closeInviteDialog(page);
  await expect(inviteRow(page, email)).toContainText("Pending");

  const mail = await catcher.waitFor((m) => m.envelopeTo.includes(email));
  expect(mail.text).toContain("Welcome aboard!");
  const link = acceptLink(mail.text);
  expect(link).not.toBe("");

  const inviteeContext = await signedOutContext(browser);
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText(`Join ${org.name}`);
  await invitee.getByRole("button", { name: `Sign in as ${email} to accept` }).click();
  await completeProviderSignIn(invitee, { email, firstName: "Ivy" });
  await expect(invitee).toHaveURL(`/organizations/${org.id}/members`);
  const self = invitee.getByRole("table", { name: `Members of ${org.name}` }).getByRole("row", { name: /You/ });
  await expect(self).toContainText(email);
  await expect(self.getByRole("cell", { name: "Member", exact: true })).toBeVisible();
  await inviteeContext.close();

  await page.reload();
  await expect(page.getByRole("heading", { name: "No pending invitations" })).toBeVisible();
  await page.getByRole("link", { name: "Outbox" }).click();
  const sent = page.getByRole("table", { name: "Emails of this organization" }).getByRole("row", { name: new RegExp(email) });
  await expect(sent).toContainText("Sent");
  await expect(sent).toContainText("Invitation");
  await sent.getByRole("button", { name: mail.subject }).click();
  const viewer = page.getByRole("dialog", { name: mail.subject });
  await expect(viewer).toContainText("The mail server accepted it.");
  await expect(viewer.getByLabel("Delivery attempts")).toContainText("sent");
  await expect(viewer.locator("pre")).toContainText(link);
  await viewer.getByRole("button", { name: "HTML" }).click();
  const frame = viewer.locator("iframe");
  await expect(frame).toHaveAttribute("sandbox", "");
  await expect(page.frameLocator(`iframe[title="HTML body of “${mail.subject}”"]`).getByRole("link", { name: "Accept the invitation" })).toBeVisible();
  await adminContext.close();
});

test("bulk invite: pasted addresses are previewed row by row, an invalid row is left out, and the rest are invited at once", async ({ browser }) => {
  const { user, org } = await ownerWithOrganization("Bea");
  const context = await signedInContext(browser, user.email);
  const page = await context.newPage();
  await page.goto(`/organizations/${org.id}/invites`);

  const [first, second] = [uniqueEmail("bulk-a"), uniqueEmail("bulk-b")];
  const form = await openInviteDialog(page, "Several people");
  await form.getByLabel("Email addresses").fill(`${first}\nnot-an-email\n${second}, ${user.email}`);
  const preview = form.getByRole("table", { name: "People to invite, with what is wrong with each row" });
  await expect(preview.locator("tbody tr")).toHaveCount(4);
  await expect(preview.getByRole("row", { name: /not-an-email/ })).toContainText("Enter a valid email address.");
  await expect(form.getByText("1 row has a problem and is left out")).toBeVisible();

  await form.getByRole("button", { name: "Invite 3 people" }).click();
  await expect(form.getByRole("alert").filter({ hasText: "Nobody was invited" })).toHaveText("Nobody was invited. Line 3: A user with this email address already belongs to the organization.");
  await expect(preview.getByRole("row", { name: new RegExp(user.email) })).toContainText("already belongs");

  await form.getByLabel("Email addresses").fill(`${first}\nnot-an-email\n${second}`);
  await form.getByRole("button", { name: "Invite 2 people" }).click();
  await expect(toast(page, "Invited 2 people.")).toBeVisible();
  await expect(form.getByText("2 invitations created. They appear in the Invites list.")).toBeVisible();
  await expect(form.getByRole("progressbar", { name: "Invitations sent" })).toBeVisible();
  await expect(preview.getByRole("row", { name: new RegExp(first) })).toContainText("Invited");

  await form.getByRole("button", { name: "Invite more people" }).click();
  await form.getByLabel("Or upload a CSV file").setInputFiles({
    name: "people.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`email,level,first_name\n${uniqueEmail("csv")},admin,Cleo\n${uniqueEmail("csv")},boss,Dan\n`),
  });
  await expect(preview.getByRole("row", { name: /Cleo/ })).toContainText("Administrator");
  await expect(preview.getByRole("row", { name: /Dan/ })).toContainText("Unknown level “boss”");
  await expect(form.getByRole("button", { name: "Invite 1 person" })).toBeEnabled();
  await closeInviteDialog(page);
  await expect(inviteRow(page, first)).toBeVisible();
  await expect(inviteRow(page, second)).toBeVisible();
  await context.close();
});

test("copy link, resend and revoke; a member sees the list, and why they cannot invite", async ({ browser }) => {
  const { user, key, org } = await ownerWithOrganization("Cora");
  const member = await makeUser("Mika");
  await patchOrganization(key, org.id, { members_can_invite: false });
  await addMember(org.id, member.email, 1);
  const email = uniqueEmail("linked");

  const context = await signedInContext(browser, user.email);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await page.goto(`/organizations/${org.id}/invites`);
  const form = await openInviteDialog(page);
  await form.getByLabel("Email address", { exact: true }).fill(email);
  await form.getByLabel("Send the invitation by email").uncheck();
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(toast(page, `Invitation created for ${email}, without an email: copy its link from the Invites list to share it.`)).toBeVisible();
  await closeInviteDialog(page);
  await expect(inviteRow(page, email)).toContainText("no email");

  await inviteRow(page, email).getByRole("button", { name: `Copy link for ${email}` }).click();
  await expect(inviteRow(page, email).getByRole("button", { name: `Copied for ${email}` })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^http:\/\/localhost:\d+\/invites\/[\w-]+$/);

  await inviteRow(page, email).getByRole("button", { name: `Resend for ${email}` }).click();
  await expect(toast(page, `Invitation sent to ${email} again. Their link stays the same.`)).toBeVisible();
  await catcher.waitFor((m) => m.envelopeTo.includes(email));

  const memberContext = await signedInContext(browser, member.email);
  const memberPage = await memberContext.newPage();
  await memberPage.goto(`/organizations/${org.id}/invites`);
  await expect(memberPage.getByText("Only admins can invite people here.")).toBeVisible();
  await expect(memberPage.getByRole("button", { name: "Invite people" })).toHaveCount(0);
  await expect(inviteRow(memberPage, email)).toBeVisible();
  await expect(inviteRow(memberPage, email).getByRole("button")).toHaveCount(0);
  await memberContext.close();

  await inviteRow(page, email).getByRole("button", { name: `Revoke for ${email}` }).click();
  await page.getByRole("dialog", { name: `Revoke the invitation for ${email}?` }).getByRole("button", { name: "Revoke invitation" }).click();
  await expect(toast(page, `The invitation for ${email} was revoked.`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "No pending invitations" })).toBeVisible();
  await context.close();
});

test("re-inviting a pending address: marked, Resend by default keeps the link they have, inviting again on purpose replaces it", async ({ browser }) => {
  const { user, key, org } = await ownerWithOrganization("Rhea");
  const email = uniqueEmail("again");
  await inviteByApi(key, org.id, { target_email: email });
  const firstLink = await nthLink(email, 1);
  const mark = `${email} was already invited on ${dayOf(new Date())} — inviting again replaces the link they have.`;

  const context = await signedInContext(browser, user.email);
  const page = await context.newPage();
  await page.goto(`/organizations/${org.id}/invites`);
  const form = await openInviteDialog(page);
  await form.getByLabel("Email address", { exact: true }).fill(email.toUpperCase());
  await expect(form.getByText(mark)).toBeVisible();
  await expect(form.getByLabel("Resend their invitation")).toBeChecked();
  await form.getByRole("button", { name: "Resend invitation" }).click();
  await expect(toast(page, `Invitation sent to ${email} again. Their link stays the same.`)).toBeVisible();
  expect(await nthLink(email, 2)).toBe(firstLink);

  const visitor = await (await signedOutContext(browser)).newPage();
  await expect(await linkHeading(visitor, firstLink)).toHaveText(`Join ${org.name}`);

  // Typed and sent at once, before the lookup answers (the console's server calls are held back a second to be sure
  // of it): the mark shows first and nothing is sent.
  const other = uniqueEmail("raced");
  await inviteByApi(key, org.id, { target_email: other });
  await nthLink(other, 1);
  await page.route("**/*", async (route) => {
    if (route.request().method() === "POST" && route.request().headers()["next-action"]) await new Promise((done) => setTimeout(done, 1000));
    await route.fallback();
  });
  await form.getByLabel("Email address", { exact: true }).fill(other);
  await form.getByLabel("Email address", { exact: true }).press("Enter");
  await expect(form.getByText(`${other} was already invited on`)).toBeVisible();
  await page.unrouteAll({ behavior: "wait" });
  await expect(form.getByLabel("Resend their invitation")).toBeChecked();
  await expect(toast(page, `Invitation sent to ${other} again. Their link stays the same.`)).toHaveCount(0);
  expect(catcher.to(other)).toHaveLength(1);

  await form.getByLabel("Email address", { exact: true }).fill(email);
  await expect(form.getByText(mark)).toBeVisible();
  await form.getByLabel("Invite again with a new link").check();
  await form.getByRole("button", { name: "Invite again" }).click();
  await expect(toast(page, `Invitation sent to ${email}.`)).toBeVisible();
  const secondLink = await nthLink(email, 3);
  expect(secondLink).not.toBe(firstLink);
  expect(catcher.to(email)).toHaveLength(3);
  await expect(await linkHeading(visitor, firstLink)).toHaveText("This invitation link is not valid");
  await expect(await linkHeading(visitor, secondLink)).toHaveText(`Join ${org.name}`);

  const bulk = await showInviteTab(page, "Several people");
  const fresh = uniqueEmail("fresh");
  await bulk.getByLabel("Email addresses").fill(`${email}\n${fresh}`);
  const preview = bulk.getByRole("table", { name: "People to invite, with what is wrong with each row" });
  const again = preview.getByRole("row", { name: new RegExp(email) });
  await expect(again).toContainText(`This address was already invited on ${dayOf(new Date())} — inviting again replaces the link they have.`);
  await expect(again.getByLabel(`What to do for ${email}`)).toHaveValue("resend");
  await bulk.getByRole("button", { name: "Invite 2 people" }).click();
  await expect(toast(page, "Invited 1 person and sent 1 invitation again.")).toBeVisible();
  await expect(again).toContainText("Sent again");
  expect(await nthLink(email, 4)).toBe(secondLink);
  await expect(await linkHeading(visitor, secondLink)).toHaveText(`Join ${org.name}`);

  await closeInviteDialog(page);
  await expect(inviteRow(page, email)).toHaveCount(1);
  await expect(inviteRow(page, fresh)).toContainText("Pending");
  await context.close();
});

test("the console offers a signed-in person their pending invitation, which they open and accept", async ({ browser }) => {
  const { key, org } = await ownerWithOrganization("Dora");
  const invitee = await ownerWithOrganization("Eli");
  await inviteByApi(key, org.id, { target_email: invitee.user.email, level: 8, send_email: false });
  const context = await signedInContext(browser, invitee.user.email);
  const page = await context.newPage();
  await page.goto("/");
  const banner = page.getByRole("region", { name: "You have an invitation" });
  await expect(banner).toContainText(`Join ${org.name} as administrator.`);
  await banner.getByRole("link", { name: `Open the invitation to ${org.name}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Join ${org.name}`);
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page).toHaveURL(`/organizations/${org.id}/members`);
  await expect(page.getByRole("region", { name: "You have an invitation" })).toHaveCount(0);
  await context.close();
});
