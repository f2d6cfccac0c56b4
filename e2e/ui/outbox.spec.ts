import { expect, test, type Page } from "@playwright/test";
import { addMember, bearer, makeUser, uniqueEmail } from "../support/cli";
import { auditPage, BASE_URL, inviteByApi, ownerWithOrganization, signedInContext } from "../support/ui";

const emailsTable = (page: Page) => page.getByRole("table", { name: "Emails of this organization" });

test.describe("outbox", () => {
  test("an admin reads each email's headers, attempts and body (text, or HTML in a sandboxed frame); filters by status", async ({ browser }) => {
    const { user, key, org } = await ownerWithOrganization("Olga");
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/outbox`);
    await expect(page.getByRole("heading", { name: "No emails yet" })).toBeVisible();

    const email = uniqueEmail("outboxed");
    await inviteByApi(key, org.id, { target_email: email, message: "See you <script>alert(1)</script> there" });
    await page.reload();
    const row = emailsTable(page).getByRole("row", { name: new RegExp(email) });
    await expect(row).toContainText("Invitation");
    const subject = `Olga invited you to join ${org.name} on Orgdeck`;
    await row.getByRole("button", { name: subject }).click();

    const viewer = page.getByRole("dialog", { name: subject });
    await expect(viewer).toContainText(email);
    await expect(viewer).toContainText(`Reply-To${user.email}`);
    await expect(viewer.locator("pre")).toContainText("See you <script>alert(1)</script> there");
    await viewer.getByRole("button", { name: "HTML" }).click();
    await expect(viewer.getByRole("button", { name: "HTML" })).toHaveAttribute("aria-pressed", "true");
    await expect(viewer.locator("iframe")).toHaveAttribute("sandbox", "");
    const body = page.frameLocator(`iframe[title="HTML body of “${subject}”"]`);
    await expect(body.getByRole("heading", { name: subject })).toBeVisible();
    await expect(body.getByText("See you <script>alert(1)</script> there")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(viewer).toBeHidden();
    await expect(row.getByRole("button", { name: subject })).toBeFocused();

    await page.getByLabel("Status").selectOption({ label: "Held" });
    await expect(page.getByRole("heading", { name: "No emails with this status" })).toBeVisible();
    await expect(page).toHaveURL(/[?&]status=held/);
    await page.reload();
    await expect(page.getByLabel("Status")).toHaveValue("held");
    await expect(page.getByRole("heading", { name: "No emails with this status" })).toBeVisible();
    await page.goBack();
    await expect(page.getByLabel("Status")).toHaveValue("");
    await expect(row).toBeVisible();
    await page.getByLabel("Status").selectOption({ label: "Held" });
    await page.getByRole("button", { name: "Show every status" }).click();
    await expect(row).toBeVisible();
    await expect(page).not.toHaveURL(/status=/);
    await context.close();
  });

  test("says that email is set up, and marks an invitation email whose link no longer works", async ({ browser }) => {
    const { user, key, org } = await ownerWithOrganization("Lin");
    const email = uniqueEmail("revoked");
    const invite = await inviteByApi(key, org.id, { target_email: email });
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/outbox`);
    await expect(page.getByText("Email is set up")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Email isn't set up on this server" })).toHaveCount(0);
    const row = emailsTable(page).getByRole("row", { name: new RegExp(email) });
    await expect(row).toBeVisible();
    await expect(row).not.toContainText("Link no longer works");

    const revoked = await fetch(`${BASE_URL}/api/organizations/${org.id}/invites/${invite.id}/`, { method: "DELETE", headers: bearer(key) });
    expect(revoked.status).toBe(204);
    await page.reload();
    await expect(row).toContainText("Link no longer works");
    await row.getByRole("button").click();
    await expect(page.getByRole("dialog")).toContainText("No longer works");
    await context.close();
  });

  test("at 800 px wide, a long link wraps inside the viewer in both themes", async ({ browser }) => {
    const { user, key, org } = await ownerWithOrganization("Noor");
    const longLink = `https://example.test/${"very-long-path-segment-".repeat(12)}end`;
    await inviteByApi(key, org.id, { target_email: uniqueEmail("long"), message: `Read ${longLink} first` });
    for (const theme of ["light", "dark"] as const) {
      const context = await signedInContext(browser, user.email, { theme });
      const page = await context.newPage();
      await page.setViewportSize({ width: 800, height: 900 });
      await page.goto(`/organizations/${org.id}/outbox`);
      await emailsTable(page).getByRole("button").first().click();
      const viewer = page.getByRole("dialog");
      await expect(viewer.locator("pre")).toContainText(longLink.slice(0, 40));
      const overflow = await viewer.evaluate((dialog) =>
        [dialog, ...dialog.querySelectorAll("pre, dd")].filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.tagName),
      );
      expect(overflow, `${theme}: elements wider than their frame`).toEqual([]);
      const box = await viewer.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 800).toBe(true);
      await context.close();
    }
  });

  test("members are told that only admins can read it", async ({ browser }) => {
    const { org } = await ownerWithOrganization("Wren");
    const member = await makeUser("Mel");
    await addMember(org.id, member.email, 1);
    const context = await signedInContext(browser, member.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/outbox`);
    await expect(page.getByRole("heading", { name: "Only admins can see the outbox" })).toBeVisible();
    await expect(emailsTable(page)).toHaveCount(0);
    await context.close();
  });
});

for (const theme of ["light", "dark"] as const) {
  test(`the outbox and its email viewer are axe clean (${theme} theme)`, async ({ browser }) => {
    const { user, key, org } = await ownerWithOrganization("Avery");
    await inviteByApi(key, org.id, { target_email: uniqueEmail("screenshot"), message: "Welcome!" });
    const context = await signedInContext(browser, user.email, { theme });
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/outbox`);
    await expect(emailsTable(page).locator("tbody tr")).toHaveCount(1);
    await auditPage(page, "outbox", theme);
    await emailsTable(page).getByRole("button").first().click();
    await page.getByRole("dialog").getByRole("button", { name: "HTML" }).click();
    await expect(page.getByRole("dialog").locator("iframe")).toBeVisible();
    await auditPage(page, "outbox-viewer", theme, { sandboxedFrame: true });
    await context.close();
  });
}
