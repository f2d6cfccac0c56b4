import { expect, test } from "@playwright/test";
import { bearer, uniqueEmail } from "../support/cli";
import { inviteRow } from "../support/invite-dialog";
import { BASE_URL, inviteByApi, ownerWithOrganization, signedInContext } from "../support/ui";

test("the invitation list comes a page at a time, and the page is in the URL", async ({ browser }) => {
  const { user, key, org } = await ownerWithOrganization("Paige");
  const oldest = await inviteByApi(key, org.id, { target_email: uniqueEmail("oldest"), send_email: false });
  const res = await fetch(`${BASE_URL}/api/organizations/${org.id}/invites/bulk/`, {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify(Array.from({ length: 20 }, () => ({ target_email: uniqueEmail("paged"), send_email: false }))),
  });
  expect(res.status).toBe(201);

  const context = await signedInContext(browser, user.email);
  const page = await context.newPage();
  await page.goto(`/organizations/${org.id}/invites`);
  const pages = page.getByRole("navigation", { name: "Invitation pages" });
  await expect(pages).toContainText("1–20 of 21");
  await expect(inviteRow(page, oldest.target_email)).toHaveCount(0);
  await pages.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(inviteRow(page, oldest.target_email)).toBeVisible();
  await page.reload();
  await expect(pages).toContainText("21–21 of 21");
  await page.goBack();
  await expect(pages).toContainText("1–20 of 21");
  await context.close();
});

test("when the clipboard refuses, the link is shown to copy by hand", async ({ browser }) => {
  const { user, key, org } = await ownerWithOrganization("Clio");
  const invite = await inviteByApi(key, org.id, { target_email: uniqueEmail("manual"), send_email: false });
  const context = await signedInContext(browser, user.email);
  await context.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("Not allowed")) } });
  });
  const page = await context.newPage();
  await page.goto(`/organizations/${org.id}/invites`);
  await inviteRow(page, invite.target_email).getByRole("button", { name: `Copy link for ${invite.target_email}` }).click();
  const dialog = page.getByRole("dialog", { name: "Copy the invitation link" });
  await expect(dialog.getByLabel(`Invitation link for ${invite.target_email}`)).toHaveValue(/^http:\/\/localhost:\d+\/invites\/[\w-]+$/);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toHaveCount(0);
  await context.close();
});
