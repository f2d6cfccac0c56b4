import { expect, test, type Page } from "@playwright/test";
import { bearer } from "../support/cli";
import { ownerWithOrganization, signedInContext } from "../support/ui";

/** The secret in the "shown once" dialog, which is then closed. */
async function takeSecret(page: Page) {
  const secret = page.getByRole("textbox", { name: "API key", exact: true });
  const value = await secret.inputValue();
  expect(value).toMatch(/^odk_/);
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(secret).toBeHidden();
  return value;
}

test.describe("personal API keys", () => {
  test("create a read-only key, use it, roll it and delete it", async ({ browser, request }) => {
    const { user, org } = await ownerWithOrganization("keys");
    const context = await signedInContext(browser, user.email);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();
    await page.goto("/account/api-keys");
    await expect(page.getByRole("row", { name: /setup/ })).toBeVisible();

    await page.getByRole("button", { name: "New API key" }).click();
    const create = page.getByRole("dialog", { name: "New personal API key" });
    await create.getByLabel("Label").fill("Deploy bot");
    await create.getByLabel("Read only").check();
    await create.getByRole("button", { name: "Create key" }).click();
    const created = page.getByRole("dialog", { name: "Your new key Deploy bot" });
    const first = await created.getByRole("textbox", { name: "API key", exact: true }).inputValue();
    await page.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(page.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
    // Copied: Escape closes it at once.
    await page.keyboard.press("Escape");
    await expect(created).toBeHidden();
    await expect(page.getByRole("row", { name: /Deploy bot/ })).toContainText("Read only");

    const current = () => request.get("/api/organizations/@current/", { headers: bearer(first) });
    const res = await current();
    expect(res.status()).toBe(200);
    expect((await res.json()).id).toBe(org.id);
    expect((await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(first), data: { name: "x" } })).status()).toBe(403);

    await page.getByRole("button", { name: "Roll Deploy bot" }).click();
    await page.getByRole("dialog", { name: "Roll Deploy bot?" }).getByRole("button", { name: "Roll key" }).click();
    const rolledDialog = page.getByRole("dialog", { name: "New value of Deploy bot" });
    const rolled = await rolledDialog.getByRole("textbox", { name: "API key", exact: true }).inputValue();
    // Not copied yet: Escape and a click outside first warn, and close only when done again.
    await page.keyboard.press("Escape");
    await expect(rolledDialog.getByRole("alert")).toContainText("You have not copied this key yet");
    await expect(rolledDialog).toBeVisible();
    await page.mouse.click(5, 5);
    await expect(rolledDialog).toBeHidden();
    expect(rolled).not.toBe(first);
    expect((await current()).status()).toBe(401);
    expect((await request.get("/api/organizations/@current/", { headers: bearer(rolled) })).status()).toBe(200);
    await expect(page.getByRole("row", { name: /Deploy bot/ })).toContainText(rolled.slice(-4));

    await page.getByRole("button", { name: "Delete Deploy bot" }).click();
    await page.getByRole("dialog", { name: "Delete Deploy bot?" }).getByRole("button", { name: "Delete key" }).click();
    await expect(page.getByRole("status").getByText("Deploy bot was deleted.")).toBeVisible();
    await expect(page.getByRole("row", { name: /Deploy bot/ })).toHaveCount(0);
    expect((await request.get("/api/organizations/@current/", { headers: bearer(rolled) })).status()).toBe(401);
    await context.close();
  });

  test("a custom key: per-object scopes and chosen organizations, checked before it is sent", async ({ browser, request }) => {
    const { user, org } = await ownerWithOrganization("scoped");
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto("/account/api-keys");
    await page.getByRole("button", { name: "New API key" }).click();
    const create = page.getByRole("dialog", { name: "New personal API key" });
    await create.getByLabel("Label").fill("Reporting");
    await create.getByLabel("Custom").check();
    await create.getByRole("button", { name: "Create key" }).click();
    await expect(create.getByText("Choose at least one scope, or a preset.")).toBeVisible();

    await create.getByRole("radiogroup", { name: "Organization", exact: true }).getByText("Write").click();
    await create.getByLabel("Only some of my organizations").check();
    await create.getByRole("button", { name: "Create key" }).click();
    await expect(create.getByText("Choose at least one organization, or allow them all.")).toBeVisible();
    await create.getByLabel(org.name).check();
    await create.getByRole("button", { name: "Create key" }).click();
    const value = await takeSecret(page);

    const row = page.getByRole("row", { name: /Reporting/ });
    await expect(row).toContainText("Organization: write");
    await expect(row).toContainText(org.name);
    const renamed = await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(value), data: { name: "Renamed by key" } });
    expect(renamed.status()).toBe(200);
    expect((await request.get("/api/users/@me/", { headers: bearer(value) })).status()).toBe(403);
    await context.close();
  });
});
