import { expect, test } from "@playwright/test";
import { addMember, makeUser, uniqueEmail } from "../support/cli";
import { closeInviteDialog, inviteRow, openInviteDialog, showInviteTab } from "../support/invite-dialog";
import { auditPage, inviteByApi, ownerWithOrganization, patchOrganization, signedInContext } from "../support/ui";

for (const theme of ["light", "dark"] as const) {
  test(`the invites page, the invitation dialog's three tabs, the revoke dialog, a member's view and the invitation banner are axe clean (${theme} theme)`, async ({ browser }) => {
    test.slow();
    const { user, key, org } = await ownerWithOrganization("Avery");
    const member = await makeUser("Morgan");
    await addMember(org.id, member.email, 1);
    await patchOrganization(key, org.id, { members_can_invite: false });
    const pending = await inviteByApi(key, org.id, { target_email: uniqueEmail("pending"), first_name: "Pat", send_email: false });
    const invitee = await ownerWithOrganization("Noor");
    await inviteByApi(key, org.id, { target_email: invitee.user.email, level: 8, send_email: false });

    const context = await signedInContext(browser, user.email, { theme });
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/invites`);
    await expect(inviteRow(page, pending.target_email)).toBeVisible();
    await auditPage(page, "invites", theme);

    const one = await openInviteDialog(page);
    await one.getByLabel("Email address", { exact: true }).fill(pending.target_email);
    await expect(one.getByLabel("Resend their invitation")).toBeChecked();
    await auditPage(page, "invite-dialog-one-person", theme);

    const several = await showInviteTab(page, "Several people");
    await several.getByLabel("Email addresses").fill(`${pending.target_email}\n${uniqueEmail("a")}\nnot-an-email\n${uniqueEmail("b")},admin,Bo`);
    await expect(several.getByLabel(`What to do for ${pending.target_email}`)).toHaveValue("resend");
    await auditPage(page, "invite-dialog-several-people", theme);

    const setup = await showInviteTab(page, "Ask someone to set up");
    await setup.getByRole("button", { name: "Ask to set up" }).click();
    await expect(setup.getByLabel("Their email address")).toHaveAttribute("aria-invalid", "true");
    await auditPage(page, "invite-dialog-setup", theme);
    await closeInviteDialog(page);

    await inviteRow(page, pending.target_email).getByRole("button", { name: /^Revoke/ }).click();
    await auditPage(page, "invites-revoke-dialog", theme);
    await page.keyboard.press("Escape");
    await context.close();

    const memberContext = await signedInContext(browser, member.email, { theme });
    const memberPage = await memberContext.newPage();
    await memberPage.goto(`/organizations/${org.id}/invites`);
    await expect(inviteRow(memberPage, pending.target_email)).toBeVisible();
    await auditPage(memberPage, "member-invites", theme);
    await memberContext.close();

    const inviteeContext = await signedInContext(browser, invitee.user.email, { theme });
    const inviteePage = await inviteeContext.newPage();
    await inviteePage.goto(`/organizations/${invitee.org.id}/settings`);
    await expect(inviteePage.getByRole("region", { name: "You have an invitation" })).toBeVisible();
    await auditPage(inviteePage, "pending-invites-banner", theme);
    await inviteeContext.close();
  });
}

