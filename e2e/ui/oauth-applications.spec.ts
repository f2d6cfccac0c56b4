import { expect, test, type Page } from "@playwright/test";
import { addMember, cli, makeUser } from "../support/cli";
import { auditPage, ownerWithOrganization, signedInContext, toast } from "../support/ui";

const table = (page: Page) => page.getByRole("table", { name: "OAuth applications of this organization" });

/** The secret shown in the one-time dialog, which is then closed. */
async function takeSecret(page: Page, title: string) {
  const dialog = page.getByRole("dialog", { name: title });
  await expect(dialog).toBeVisible();
  const secret = await dialog.getByLabel("Client secret").inputValue();
  expect(secret).toMatch(/^odcs_[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole("button", { name: "Copy", exact: true }).click();
  await dialog.getByRole("button", { name: "I have copied it" }).click();
  await expect(dialog).toBeHidden();
  return secret;
}

test.describe("OAuth applications", () => {
  test("an admin registers an application, sees its secret once, edits its redirect URIs, gives it a new secret and deletes it", async ({ browser }) => {
    test.slow();
    const { user, org } = await ownerWithOrganization("oauth");
    const context = await signedInContext(browser, user.email);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();

    await page.goto(`/organizations/${org.id}/oauth-applications`);
    await expect(page.getByRole("heading", { level: 1, name: "OAuth applications" })).toBeVisible();
    await expect(page).toHaveTitle(/OAuth applications/);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "OAuth applications" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByText("No OAuth applications yet")).toBeVisible();
    await auditPage(page, "oauth-applications-empty", "light");

    await page.getByRole("button", { name: "New application" }).click();
    const create = page.getByRole("dialog", { name: "New OAuth application" });
    await create.getByLabel("Name").fill("Billing portal");
    await create.getByLabel("Redirect URIs").fill("http://example.com/callback");
    await create.getByRole("button", { name: "Register application" }).click();
    await expect(create.getByText(/must use https/)).toBeVisible();
    await expect(create.getByLabel("Redirect URIs")).toBeFocused();
    await auditPage(page, "oauth-applications-new-dialog", "light");
    await create.getByLabel("Redirect URIs").fill("https://billing.example.com/callback\nhttp://localhost:3000/callback");
    await create.getByRole("button", { name: "Register application" }).click();

    await expect(page.getByRole("dialog", { name: "Billing portal is registered" })).toBeVisible();
    await auditPage(page, "oauth-applications-secret-dialog", "light");
    const secret = await takeSecret(page, "Billing portal is registered");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    const row = table(page).getByRole("row").filter({ hasText: "Billing portal" });
    await expect(row.getByText("http://localhost:3000/callback")).toBeVisible();
    await expect(page.locator("body")).not.toContainText(secret);
    await page.reload();
    await expect(row).toBeVisible();
    expect(await page.content()).not.toContain(secret);

    await row.getByRole("button", { name: "Edit Billing portal" }).click();
    const edit = page.getByRole("dialog", { name: "Edit Billing portal" });
    await expect(edit.getByLabel("Redirect URIs")).toHaveValue("https://billing.example.com/callback\nhttp://localhost:3000/callback");
    await edit.getByLabel("Redirect URIs").fill("https://billing.example.com/oauth/done");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(toast(page, "OAuth application saved.")).toBeVisible();
    await expect(row.getByText("https://billing.example.com/oauth/done")).toBeVisible();
    await expect(row.getByText("http://localhost:3000/callback")).toHaveCount(0);

    await row.getByRole("button", { name: "New secret for Billing portal" }).click();
    await page.getByRole("dialog", { name: "New client secret for Billing portal?" }).getByRole("button", { name: "Make a new secret" }).click();
    const rotated = await takeSecret(page, "New client secret for Billing portal");
    expect(rotated).not.toBe(secret);

    await row.getByRole("button", { name: "Delete Billing portal" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete Billing portal?" });
    await auditPage(page, "oauth-applications-delete-dialog", "light");
    await confirm.getByRole("button", { name: "Delete application" }).click();
    await expect(toast(page, "Billing portal was deleted.")).toBeVisible();
    await expect(page.getByText("No OAuth applications yet")).toBeVisible();
    await context.close();
  });

  test("a member sees the applications and the operator's Verified badge, without any control to change them", async ({ browser }) => {
    const { user, org } = await ownerWithOrganization("oauth-owner");
    const ownerPage = await (await signedInContext(browser, user.email)).newPage();
    await ownerPage.goto(`/organizations/${org.id}/oauth-applications`);
    await ownerPage.getByRole("button", { name: "New application" }).click();
    const create = ownerPage.getByRole("dialog", { name: "New OAuth application" });
    await create.getByLabel("Name").fill("Trusted app");
    await create.getByLabel("Redirect URIs").fill("https://trusted.example.com/cb");
    await create.getByRole("button", { name: "Register application" }).click();
    await takeSecret(ownerPage, "Trusted app is registered");
    const id = await ownerPage.evaluate(async (orgId) => {
      const res = await fetch(`/api/organizations/${orgId}/oauth_applications/`);
      return ((await res.json()) as { results: { id: string }[] }).results[0].id;
    }, org.id);
    await cli("oauth-app", "verify", "--id", id);
    await ownerPage.context().close();

    const member = await makeUser("oauth-member");
    await addMember(org.id, member.email, 1);
    const page = await (await signedInContext(browser, member.email, { theme: "dark" })).newPage();
    await page.goto(`/organizations/${org.id}/oauth-applications`);
    const row = table(page).getByRole("row").filter({ hasText: "Trusted app" });
    await expect(row.getByText("Verified", { exact: true })).toBeVisible();
    await expect(page.getByRole("note").filter({ hasText: "Only admins and owners can register" })).toBeVisible();
    await expect(page.getByRole("button", { name: "New application" })).toHaveCount(0);
    await expect(row.getByRole("button", { name: /Edit|New secret|Delete/ })).toHaveCount(0);
    await auditPage(page, "oauth-applications-member", "dark");
    await page.context().close();
  });
});
