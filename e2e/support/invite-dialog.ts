import { expect, type Page } from "@playwright/test";

export type InviteTab = "One person" | "Several people" | "Ask someone to set up";

/** The invitation dialog, opened from the page header's "Invite people" button, on the given tab. */
export async function openInviteDialog(page: Page, tab: InviteTab = "One person") {
  await page.getByRole("button", { name: "Invite people" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite people" });
  await expect(dialog).toBeVisible();
  return showInviteTab(page, tab);
}

/** Another tab of the open invitation dialog: its panel. */
export async function showInviteTab(page: Page, tab: InviteTab) {
  const dialog = page.getByRole("dialog", { name: "Invite people" });
  await dialog.getByRole("tab", { name: tab }).click();
  return dialog.getByRole("tabpanel", { name: tab });
}

/** Closes the invitation dialog with Escape (the page behind it is inert while it is open). */
export async function closeInviteDialog(page: Page) {
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Invite people" })).toHaveCount(0);
}

/** A row of the Invites page's list. */
export const inviteRow = (page: Page, email: string) =>
  page.getByRole("table", { name: "Pending and expired invitations" }).getByRole("row", { name: new RegExp(email) });

/** "Mar 4, 2026", as the console writes a day. */
export const dayOf = (date: Date) => new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(date);
