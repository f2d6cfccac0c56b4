import { expect, test, type Page } from "@playwright/test";
import { addMember, makeUser, uniqueEmail } from "../support/cli";
import { SmtpCatcher } from "../support/smtp";
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

const inviteRow = (page: Page, email: string) => page.getByRole("table", { name: "Pending and expired invitations" }).getByRole("row", { name: new RegExp(email) });
const acceptLink = (text: string) => text.match(/http:\/\/localhost:\d+\/invites\/[\w-]+/)?.[0] ?? "";

test("an admin invites an address; the invitee opens the emailed link in another browser, signs in and joins; the outbox shows it sent", async ({ browser }) => {
  const { user, org } = await ownerWithOrganization("Inez");
  const adminContext = await signedInContext(browser, user.email);
  const page = await adminContext.newPage();
  await page.goto(`/organizations/${org.id}/invites`);

  const email = uniqueEmail("invitee");
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Message (optional)").fill("Welcome aboard!");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(toast(page, `Invitation sent to ${email}.`)).toBeVisible();
  await expect(page.getByLabel("Email address", { exact: true })).toHaveValue("");
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
  await page.getByLabel("Email addresses").fill(`${first}\nnot-an-email\n${second}, ${user.email}`);
  const preview = page.getByRole("table", { name: "People to invite, with what is wrong with each row" });
  await expect(preview.locator("tbody tr")).toHaveCount(4);
  await expect(preview.getByRole("row", { name: /not-an-email/ })).toContainText("Enter a valid email address.");
  await expect(page.getByText("1 row has a problem and is left out")).toBeVisible();

  await page.getByRole("button", { name: "Invite 3 people" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Nobody was invited" })).toHaveText("Nobody was invited. Line 3: A user with this email address already belongs to the organization.");
  await expect(preview.getByRole("row", { name: new RegExp(user.email) })).toContainText("already belongs");
  await expect(page.getByRole("heading", { name: "No pending invitations" })).toBeVisible();

  await page.getByLabel("Email addresses").fill(`${first}\nnot-an-email\n${second}`);
  await page.getByRole("button", { name: "Invite 2 people" }).click();
  await expect(toast(page, "Invited 2 people.")).toBeVisible();
  await expect(page.getByText("2 invitations created. They appear in the list below.")).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Invitations sent" })).toBeVisible();
  await expect(preview.getByRole("row", { name: new RegExp(first) })).toContainText("Invited");
  await expect(inviteRow(page, first)).toBeVisible();
  await expect(inviteRow(page, second)).toBeVisible();

  await page.getByRole("button", { name: "Invite more people" }).click();
  await page.getByLabel("Or upload a CSV file").setInputFiles({
    name: "people.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`email,level,first_name\n${uniqueEmail("csv")},admin,Cleo\n${uniqueEmail("csv")},boss,Dan\n`),
  });
  await expect(preview.getByRole("row", { name: /Cleo/ })).toContainText("Administrator");
  await expect(preview.getByRole("row", { name: /Dan/ })).toContainText("Unknown level “boss”");
  await expect(page.getByRole("button", { name: "Invite 1 person" })).toBeEnabled();
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
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Send the invitation by email").uncheck();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(toast(page, `Invitation created for ${email}, without an email`)).toBeVisible();
  await expect(inviteRow(page, email)).toContainText("no email");

  await inviteRow(page, email).getByRole("button", { name: `Copy link for ${email}` }).click();
  await expect(toast(page, `Invitation link for ${email} copied.`)).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^http:\/\/localhost:\d+\/invites\/[\w-]+$/);

  await inviteRow(page, email).getByRole("button", { name: `Resend for ${email}` }).click();
  await expect(toast(page, `Invitation sent to ${email} again.`)).toBeVisible();
  await catcher.waitFor((m) => m.envelopeTo.includes(email));

  const memberContext = await signedInContext(browser, member.email);
  const memberPage = await memberContext.newPage();
  await memberPage.goto(`/organizations/${org.id}/invites`);
  await expect(memberPage.getByRole("heading", { name: "Only admins can invite people here" })).toBeVisible();
  await expect(inviteRow(memberPage, email)).toBeVisible();
  await expect(inviteRow(memberPage, email).getByRole("button")).toHaveCount(0);
  await memberContext.close();

  await inviteRow(page, email).getByRole("button", { name: `Revoke for ${email}` }).click();
  await page.getByRole("dialog", { name: `Revoke the invitation for ${email}?` }).getByRole("button", { name: "Revoke invitation" }).click();
  await expect(toast(page, `The invitation for ${email} was revoked.`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "No pending invitations" })).toBeVisible();
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
