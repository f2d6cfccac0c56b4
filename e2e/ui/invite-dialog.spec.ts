import { expect, test } from "@playwright/test";
import { addMember, makeUser, uniqueEmail } from "../support/cli";
import { closeInviteDialog, inviteRow, openInviteDialog } from "../support/invite-dialog";
import { ownerWithOrganization, patchOrganization, signedInContext, toast } from "../support/ui";

// Invitations sent here go to whatever listens on the SMTP port; this file starts no catcher (invites.spec.ts owns it).

test("by keyboard alone: open the dialog, arrow between its tabs, fill the form, send with Enter, Escape back to the button", async ({ browser }) => {
  const { user, org } = await ownerWithOrganization("Kit");
  const context = await signedInContext(browser, user.email);
  const page = await context.newPage();
  await page.goto(`/organizations/${org.id}/invites`);
  const opener = page.getByRole("button", { name: "Invite people" });
  await opener.focus();
  await page.keyboard.press("Enter");

  const dialog = page.getByRole("dialog", { name: "Invite people" });
  await expect(dialog).toBeVisible();
  const tab = (name: string) => dialog.getByRole("tab", { name });
  await expect(dialog.getByRole("tablist", { name: "How to invite" })).toBeVisible();
  await expect(tab("One person")).toBeFocused();
  await expect(tab("One person")).toHaveAttribute("aria-selected", "true");

  await page.keyboard.press("ArrowRight");
  await expect(tab("Several people")).toBeFocused();
  await expect(tab("Several people")).toHaveAttribute("aria-selected", "true");
  await expect(dialog.getByRole("tabpanel", { name: "Several people" }).getByLabel("Email addresses")).toBeVisible();
  await expect(dialog.getByRole("tabpanel", { name: "One person" })).toBeHidden();
  await page.keyboard.press("ArrowRight");
  await expect(tab("Ask someone to set up")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(tab("One person")).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(tab("Ask someone to set up")).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Home");
  await expect(tab("One person")).toBeFocused();
  await expect(tab("Several people")).toHaveAttribute("tabindex", "-1");

  // Tab leaves the tab list (one stop) for the panel's first field.
  await page.keyboard.press("Tab");
  const panel = dialog.getByRole("tabpanel", { name: "One person" });
  await expect(panel.getByLabel("Email address", { exact: true })).toBeFocused();
  const email = uniqueEmail("keyboard");
  await page.keyboard.type(email);
  await page.keyboard.press("Enter");
  await expect(toast(page, `Invitation sent to ${email}.`)).toBeVisible();
  await expect(panel.getByLabel("Email address", { exact: true })).toHaveValue("");

  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
  await expect(inviteRow(page, email)).toContainText("Pending");
  await context.close();
});

test("the Members page opens the same dialog; a member who may not invite sees why instead of the button", async ({ browser }) => {
  const { user, key, org } = await ownerWithOrganization("Mona");
  const member = await makeUser("Mel");
  await addMember(org.id, member.email, 1);
  await patchOrganization(key, org.id, { members_can_invite: false });

  const context = await signedInContext(browser, user.email);
  const page = await context.newPage();
  await page.goto(`/organizations/${org.id}/members`);
  const form = await openInviteDialog(page);
  const email = uniqueEmail("from-members");
  await form.getByLabel("Email address", { exact: true }).fill(email);
  await form.getByLabel("Level").selectOption({ label: "Administrator" });
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(toast(page, `Invitation sent to ${email}.`)).toBeVisible();
  await closeInviteDialog(page);
  await expect(page.getByRole("button", { name: "Invite people" })).toBeFocused();
  await page.goto(`/organizations/${org.id}/invites`);
  await expect(inviteRow(page, email)).toContainText("Administrator");
  await context.close();

  const memberContext = await signedInContext(browser, member.email);
  const memberPage = await memberContext.newPage();
  await memberPage.goto(`/organizations/${org.id}/members`);
  await expect(memberPage.getByText("Only admins can invite people here.")).toBeVisible();
  await expect(memberPage.getByRole("button", { name: "Invite people" })).toHaveCount(0);
  await memberContext.close();
});

test("a member may invite where the organization allows it, only up to their own level", async ({ browser }) => {
  const { key, org } = await ownerWithOrganization("Nia");
  await patchOrganization(key, org.id, { members_can_invite: true });
  const member = await makeUser("Ned");
  await addMember(org.id, member.email, 1);
  const context = await signedInContext(browser, member.email);
  const page = await context.newPage();
  await page.goto(`/organizations/${org.id}/members`);
  const form = await openInviteDialog(page);
  await expect(form.getByRole("option", { name: "Administrator" })).toBeDisabled();
  await expect(form.getByRole("option", { name: "Member" })).toBeEnabled();
  await context.close();
});
