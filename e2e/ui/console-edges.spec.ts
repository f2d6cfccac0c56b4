import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ownerWithOrganization, signedInContext, signedOutContext } from "../support/ui";

test("a page of an organization that does not exist keeps the sidebar on the person's own organization", async ({ browser }) => {
  const { user, org } = await ownerWithOrganization("Edge");
  const context = await signedInContext(browser, user.email);
  const page = await context.newPage();
  const missing = randomUUID();
  await page.goto(`/organizations/${missing}/members`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.locator(`a[href*="${missing}"]`)).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Members" })).toHaveAttribute("href", `/organizations/${org.id}/members`);
  await context.close();
});

test("the favicon is the mark beside the Orgdeck name", async ({ browser }) => {
  const context = await signedOutContext(browser);
  const page = await context.newPage();
  await page.goto("/signin");
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", /\/favicon\.svg/);
  const favicon = readFileSync(path.resolve(import.meta.dirname, "../../public/favicon.svg"), "utf8");
  const drawing = (svg: string) => [...svg.matchAll(/\sd="([^"]+)"/g)].map((m) => m[1]);
  const mark = await page.locator("main svg, body svg").first().evaluate((svg) => svg.outerHTML);
  expect(drawing(mark)).toEqual(drawing(favicon));
  expect(drawing(mark)).not.toEqual([]);
  await context.close();
});

test("on a phone the sections sit behind a Menu button, which a followed link closes", async ({ browser }) => {
  const { user, org } = await ownerWithOrganization("Phone");
  const context = await signedInContext(browser, user.email);
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/organizations/${org.id}/settings`);
  const menu = page.getByRole("button", { name: "Menu" });
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await nav.getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(new RegExp(`/organizations/${org.id}/members$`));
  await expect(nav).toBeHidden();

  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(menu).toBeHidden();
  await expect(nav).toBeVisible();
  await context.close();
});

test("a search says it is searching from the first key press until its results are in", async ({ browser }) => {
  const { user, org } = await ownerWithOrganization("Seeker");
  const context = await signedInContext(browser, user.email);
  const page = await context.newPage();
  await page.goto(`/organizations/${org.id}/members`);
  const table = page.getByRole("table", { name: `Members of ${org.name}` });
  await expect(table.getByRole("row")).toHaveCount(2);
  // The member API answers a second late, so the wait is visible.
  const memberSearch = (url: URL) => url.pathname.endsWith("/members/") && url.searchParams.has("search");
  await page.route(memberSearch, async (route) => {
    await new Promise((done) => setTimeout(done, 1000));
    await route.fallback();
  });
  const status = page.getByRole("search", { name: "Search members" }).getByRole("status");
  await page.getByRole("searchbox", { name: "Search members" }).fill("nobody-here");
  await expect(status).toHaveText("Searching…");
  await expect(page.getByRole("heading", { name: /No members match/ })).toBeVisible();
  await expect(status).toHaveText("");
  await context.close();
});
