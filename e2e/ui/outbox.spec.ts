import { expect, test, type Page } from "@playwright/test";
import { addMember, makeUser, uniqueEmail } from "../support/cli";
import { auditPage, inviteByApi, ownerWithOrganization, signedInContext } from "../support/ui";

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
    await page.getByLabel("Status").selectOption({ label: "Any status" });
    await expect(row).toBeVisible();
    await context.close();
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
