import { expect, test } from "@playwright/test";
import { ownerWithOrganization, signedInContext } from "../support/ui";

test("the theme follows the system until someone picks one, and the choice survives a reload", async ({ browser }) => {
  const { user } = await ownerWithOrganization("theme");
  const context = await signedInContext(browser, user.email, { theme: "dark" });
  const page = await context.newPage();
  const html = page.locator("html");
  const theme = page.getByRole("group", { name: "Theme" });

  await page.goto("/account/profile");
  await expect(html).toHaveClass(/\bdark\b/);
  await expect(theme.getByRole("button", { name: "System" })).toHaveAttribute("aria-pressed", "true");

  await theme.getByRole("button", { name: "Light" }).click();
  await expect(html).not.toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(html).not.toHaveClass(/\bdark\b/);
  await expect(theme.getByRole("button", { name: "Light" })).toHaveAttribute("aria-pressed", "true");

  await theme.getByRole("button", { name: "System" }).click();
  await expect(html).toHaveClass(/\bdark\b/);
  await context.close();
});
