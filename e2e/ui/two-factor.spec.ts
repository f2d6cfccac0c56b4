import { expect, test } from "@playwright/test";
import { completeProviderSignIn, ownerWithOrganization, patchOrganization, signInThroughProvider } from "../support/ui";

test("an organization that requires 2FA turns away a session without it, and admits the same person signed in with it", async ({ page }) => {
  const { user, key, org } = await ownerWithOrganization("strict");
  await patchOrganization(key, org.id, { enforce_2fa: true });

  await signInThroughProvider(page, { email: user.email });
  await expect(page).toHaveURL(`/organizations/${org.id}/settings`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Two-factor authentication required");
  await expect(page.getByRole("main")).toContainText(`${org.name} requires everyone to sign in with a second factor`);
  await page.goto(`/organizations/${org.id}/activity`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Two-factor authentication required");

  await page.getByRole("button", { name: "Sign in again with a second factor" }).click();
  await completeProviderSignIn(page, { email: user.email, secondFactor: true });
  await expect(page).toHaveURL(`/organizations/${org.id}/activity`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Activity log");
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByLabel("Require two-factor authentication")).toBeChecked();
});
