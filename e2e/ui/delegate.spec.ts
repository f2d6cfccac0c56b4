import { expect, test, type Page } from "@playwright/test";
import { addMember, makeUser, uniqueEmail } from "../support/cli";
import { closeInviteDialog, inviteRow, openInviteDialog } from "../support/invite-dialog";
import { auditPage, ownerWithOrganization, patchOrganization, signedInContext, toast } from "../support/ui";

// Delegating setup sends an email to whatever listens on the SMTP port; this file starts no catcher (invites.spec.ts owns it).
const delegatePanel = (page: Page) => openInviteDialog(page, "Ask someone to set up");

test.describe("delegating setup", () => {
  test("an admin asks someone else to set up: validated, refused for a member's address, listed as an administrator invitation, an older request replaced", async ({ browser }) => {
    const { org } = await ownerWithOrganization("Dana");
    const admin = await makeUser("Ada");
    await addMember(org.id, admin.email, 8);
    const context = await signedInContext(browser, admin.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/invites`);
    let panel = await delegatePanel(page);
    const email = panel.getByLabel("Their email address");

    await email.fill("not-an-email");
    await panel.getByRole("button", { name: "Ask to set up" }).click();
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toBeFocused();
    await expect(panel.getByText("Enter a valid email address.")).toBeVisible();

    await email.fill(admin.email);
    await panel.getByRole("button", { name: "Ask to set up" }).click();
    await expect(panel.getByRole("alert")).toHaveText("A user with this email address already belongs to the organization.");

    const first = uniqueEmail("setup");
    await email.fill(first);
    await panel.getByLabel("Note to them (optional)").fill("Billing and SSO are left.");
    await email.press("Enter");
    await expect(toast(page, `Asked ${first} to finish setting up ${org.name}.`)).toBeVisible();
    await expect(email).toHaveValue("");
    await expect(email).not.toHaveAttribute("aria-invalid");
    await closeInviteDialog(page);
    await expect(inviteRow(page, first)).toContainText("Administrator");
    await expect(inviteRow(page, first)).toContainText("Pending");

    const second = uniqueEmail("other");
    panel = await delegatePanel(page);
    await panel.getByLabel("Their email address").fill(second);
    await panel.getByRole("button", { name: "Ask to set up" }).click();
    await expect(toast(page, `Asked ${second} to finish setting up ${org.name}.`)).toBeVisible();
    await closeInviteDialog(page);
    await expect(inviteRow(page, second)).toContainText("Administrator");
    await expect(inviteRow(page, first)).toHaveCount(0);
    await context.close();
  });

  test("a member sees the request disabled, with the reason, even where members may invite", async ({ browser }) => {
    const { org, key } = await ownerWithOrganization("Evan");
    await patchOrganization(key, org.id, { members_can_invite: true });
    const member = await makeUser("Milo");
    await addMember(org.id, member.email, 1);
    const context = await signedInContext(browser, member.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/invites`);
    const panel = await delegatePanel(page);
    await expect(panel.getByText(`Only admins and owners can ask someone else to set up ${org.name}`)).toBeVisible();
    await expect(panel.getByRole("button", { name: "Ask to set up" })).toBeDisabled();
    await expect(panel.getByLabel("Their email address")).toBeDisabled();
    await expect(panel.getByLabel("Note to them (optional)")).toBeDisabled();
    await context.close();
  });
});

for (const theme of ["light", "dark"] as const) {
  test(`the setup request, with a field error and disabled for a member, is axe clean (${theme} theme)`, async ({ browser }) => {
    const { user, org } = await ownerWithOrganization("Avery");
    const member = await makeUser("Morgan");
    await addMember(org.id, member.email, 1);

    const context = await signedInContext(browser, user.email, { theme });
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/invites`);
    const panel = await delegatePanel(page);
    await panel.getByRole("button", { name: "Ask to set up" }).click();
    await expect(panel.getByLabel("Their email address")).toHaveAttribute("aria-invalid", "true");
    await auditPage(page, "invites-delegate-error", theme);
    await context.close();

    const memberContext = await signedInContext(browser, member.email, { theme });
    const memberPage = await memberContext.newPage();
    await memberPage.goto(`/organizations/${org.id}/invites`);
    await expect((await delegatePanel(memberPage)).getByRole("button", { name: "Ask to set up" })).toBeDisabled();
    await auditPage(memberPage, "member-invites-delegate", theme);
    await memberContext.close();
  });
}
