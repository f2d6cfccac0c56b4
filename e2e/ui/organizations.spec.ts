import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { cli, type Org } from "../support/cli";
import { ownerWithOrganization, signedInContext } from "../support/ui";

test.describe("organizations in the console", () => {
  test("the switcher lists every organization, works from the keyboard, and makes the choice current", async ({ browser }) => {
    const { user, org: first } = await ownerWithOrganization("switcher");
    const second = await cli<Org>("org", "create", "--name", `Second ${randomUUID().slice(0, 6)}`, "--owner-email", user.email);
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();

    await page.goto("/");
    await expect(page).toHaveURL(`/organizations/${first.id}/settings`);
    await page.getByRole("link", { name: "Activity log" }).click();
    await expect(page).toHaveURL(`/organizations/${first.id}/activity`);

    const switcher = page.getByRole("button", { name: /^Organization/ });
    await expect(switcher).toHaveAccessibleName(`Organization ${first.name}`);
    await switcher.focus();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("menuitemradio", { name: first.name })).toBeFocused();
    await expect(page.getByRole("menuitemradio", { name: first.name })).toHaveAttribute("aria-checked", "true");
    await page.keyboard.press("Escape");
    await expect(switcher).toBeFocused();

    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("menuitemradio", { name: second.name })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(`/organizations/${second.id}/activity`);
    await expect(switcher).toHaveAccessibleName(`Organization ${second.name}`);
    expect((await (await page.request.get("/api/users/@me/")).json()).organization.id).toBe(second.id);

    await switcher.click();
    await page.getByRole("menuitem", { name: "New organization" }).click();
    await expect(page).toHaveURL("/organizations/new");
    await context.close();
  });

  test("settings show server errors at their field, and only the owner deletes, by typing the name", async ({ browser }) => {
    const { user, org } = await ownerWithOrganization("settings");
    const other = await cli<Org>("org", "create", "--name", `Other ${randomUUID().slice(0, 6)}`, "--owner-email", user.email);
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/settings`);

    await page.getByLabel("Slug").fill(other.slug);
    await page.getByRole("button", { name: "Save general settings" }).click();
    await expect(page.getByLabel("Slug")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Organization with this slug already exists.")).toBeVisible();

    await page.getByLabel("Require two-factor authentication").check();
    await page.getByRole("button", { name: "Save security settings" }).click();
    await expect(page.getByText("Sign in with a second factor before requiring it for everyone.")).toBeVisible();

    await page.getByLabel("Members can invite people").uncheck();
    await page.getByRole("button", { name: "Save members settings" }).click();
    await expect(page.getByRole("status").getByText("Members settings saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Members can invite people")).not.toBeChecked();

    await page.getByRole("button", { name: "Delete organization" }).click();
    const dialog = page.getByRole("dialog", { name: `Delete ${org.name}?` });
    await expect(dialog.getByRole("button", { name: "Delete this organization" })).toBeDisabled();
    await dialog.getByLabel(`Type ${org.name} to confirm`).fill(org.name);
    await dialog.getByRole("button", { name: "Delete this organization" }).click();
    await expect(page).toHaveURL(`/organizations/${other.id}/settings`);
    const switcher = page.getByRole("button", { name: /^Organization/ });
    await expect(switcher).toHaveAccessibleName(`Organization ${other.name}`);
    await switcher.click();
    await expect(page.getByRole("menuitemradio", { name: org.name })).toHaveCount(0);
    await context.close();
  });

  test("an unknown organization and someone else's are not found", async ({ browser }) => {
    const { user } = await ownerWithOrganization("outsider");
    const { org: foreign } = await ownerWithOrganization("foreign");
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    for (const id of [randomUUID(), foreign.id, "not-a-uuid"]) {
      const response = await page.goto(`/organizations/${id}/settings`);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
    }
    await context.close();
  });
});
