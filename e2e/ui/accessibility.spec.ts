import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { addMember, cli, makeUser, type Org } from "../support/cli";
import { auditPage, ownerWithOrganization, patchOrganization, signedInContext, signedOutContext, type Theme } from "../support/ui";

// Each test audits many pages and saves each at two sizes: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 90_000 });

/** Visits a page, waits for its heading, and audits it. */
async function visit(page: Page, url: string, name: string, theme: Theme, heading: string) {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  await auditPage(page, name, theme);
}

for (const theme of ["light", "dark"] as const) {
  test.describe(`axe and screenshots, ${theme} theme`, () => {
    test("pages before sign-in", async ({ browser }) => {
      const page = await (await signedOutContext(browser, theme)).newPage();
      await visit(page, "/signin", "signin", theme, "Sign in");
      await visit(page, "/signin/refused?reason=deactivated", "signin-refused", theme, "This account is deactivated");
      await visit(page, "/signin/error", "signin-error", theme, "Sign-in did not complete");
      await visit(page, "/no-such-page", "not-found", theme, "Page not found");
      await page.context().close();
    });

    test("an owner's organization pages, menus and dialogs", async ({ browser }) => {
      // Six audits, each with axe and two full-page screenshots: more than 30 s when both themes run at once on a busy machine.
      test.slow();
      const { user, key, org } = await ownerWithOrganization("Avery");
      await patchOrganization(key, org.id, { name: `${org.name} Labs` });
      const page = await (await signedInContext(browser, user.email, { theme })).newPage();

      await visit(page, `/organizations/${org.id}/settings`, "organization-settings", theme, "Organization settings");
      await page.getByRole("button", { name: "Delete organization" }).click();
      await auditPage(page, "organization-delete-dialog", theme);
      await page.keyboard.press("Escape");
      await expect(page.getByRole("button", { name: "Delete organization" })).toBeFocused();
      await page.getByRole("button", { name: /^Organization/ }).click();
      await auditPage(page, "organization-switcher-open", theme);
      await page.keyboard.press("Escape");

      await visit(page, `/organizations/${org.id}/activity`, "activity-log", theme, "Activity log");
      await page.getByRole("list", { name: "Activity" }).getByText("1 field").click();
      await auditPage(page, "activity-log-expanded", theme);
      await visit(page, "/organizations/new", "organization-new", theme, "New organization");
      await visit(page, `/organizations/${randomUUID()}/settings`, "organization-not-found", theme, "Not found");
      await page.context().close();
    });

    test("an owner's account pages, key dialogs and a 2FA-only organization", async ({ browser }) => {
      const { user, key } = await ownerWithOrganization("Blake");
      const strict = await cli<Org>("org", "create", "--name", `Strict ${randomUUID().slice(0, 6)}`, "--owner-email", user.email);
      const page = await (await signedInContext(browser, user.email, { theme })).newPage();

      await visit(page, "/account/profile", "profile", theme, "Profile");
      await visit(page, "/account/api-keys", "api-keys", theme, "Personal API keys");
      await page.getByRole("button", { name: "New API key" }).click();
      await page.getByLabel("Custom").check();
      await auditPage(page, "api-keys-new-dialog", theme);
      await page.getByLabel("Label").fill("Screenshot");
      await page.getByLabel("All access").check();
      await page.getByRole("button", { name: "Create key" }).click();
      await expect(page.getByRole("dialog", { name: "Your new key Screenshot" })).toBeVisible();
      await auditPage(page, "api-keys-secret-dialog", theme);
      // Required only now: a session without a second factor cannot mint a key that reaches such an organization.
      await patchOrganization(key, strict.id, { enforce_2fa: true });
      await visit(page, `/organizations/${strict.id}/settings`, "two-factor-required", theme, "Two-factor authentication required");
      await page.context().close();
    });

    test("a newcomer's first organization, and a member's view", async ({ browser }) => {
      const { org } = await ownerWithOrganization("Casey");
      const member = await makeUser("Morgan");
      await addMember(org.id, member.email, 1);
      const newcomer = await makeUser("Noor");

      const first = await (await signedInContext(browser, newcomer.email, { theme })).newPage();
      await visit(first, "/", "organization-first", theme, "Create your first organization");
      const page = await (await signedInContext(browser, member.email, { theme })).newPage();
      await visit(page, `/organizations/${org.id}/settings`, "member-settings", theme, "Organization settings");
      await visit(page, `/organizations/${org.id}/activity`, "member-activity", theme, "Activity log");
      await Promise.all([first.context().close(), page.context().close()]);
    });
  });
}
