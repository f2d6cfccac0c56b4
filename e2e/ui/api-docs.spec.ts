import { expect, test, type Page } from "@playwright/test";
import { auditPage, signedOutContext } from "../support/ui";

/** Presses Tab until the element has focus; fails after `max` presses. */
async function tabTo(page: Page, target: ReturnType<Page["getByRole"]>, max = 30) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`not reached in ${max} presses of Tab`);
}

for (const theme of ["light", "dark"] as const) {
  test(`the API reference needs no sign-in and passes axe (${theme} theme)`, async ({ browser }) => {
    // One long page (every operation and schema): axe takes minutes on a loaded machine.
    test.setTimeout(6 * 60_000);
    const page = await (await signedOutContext(browser, theme)).newPage();
    await page.goto("/docs/api");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("API reference");
    const invites = page.getByRole("region", { name: "List invitations" });
    await expect(invites.getByText("organization_member:read")).toBeVisible();
    await expect(invites.getByRole("link", { name: "PaginatedOrganizationInviteList" }).first()).toBeVisible();
    await auditPage(page, "api-docs", theme);
    await page.context().close();
  });
}

test("the skip link and the contents work from the keyboard: each link leads to its section, and Tab goes on from there", async ({ browser }) => {
  const page = await (await signedOutContext(browser)).newPage();
  await page.goto("/docs/api");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.locator("main :focus")).toHaveCount(1);

  const contents = page.getByRole("navigation", { name: "Contents" });
  await page.goto("/docs/api");
  await tabTo(page, contents.getByRole("link", { name: "Invites", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#tag-invites$/);
  await expect(page.getByRole("heading", { level: 2, name: "Invites" })).toBeInViewport();

  await page.goto("/docs/api");
  await tabTo(page, contents.getByRole("link", { name: "GET List invitations" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#invites_list$/);
  await expect(page.getByRole("heading", { level: 3, name: "List invitations" })).toBeInViewport();
  await page.keyboard.press("Tab");
  await expect(page.locator("#invites_list :focus")).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 3, name: "PaginatedOrganizationInviteList" })).toBeInViewport();
  await page.context().close();
});
