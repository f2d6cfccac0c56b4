import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { addMember, cli, makeSession } from "../support/cli";
import { auditPage, BASE_URL, inviteByApi, ownerWithOrganization, signedInContext, signedOutContext, signInThroughProvider, toast, type Theme } from "../support/ui";

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script><circle cx="5" cy="5" r="5" fill="#0a7"/></svg>';
const png = () => sharp({ create: { width: 640, height: 320, channels: 3, background: "#d33" } }).png().toBuffer();

/** The organization's mark at the top of the sidebar (the organization menu's button). */
const sidebarMark = (page: Page) => page.getByRole("complementary", { name: "Console" }).locator("[data-logo]").first();

/** An <img> that has loaded (the image route answered it with a picture the browser could draw). */
async function expectLoaded(image: Locator) {
  await expect(image).toHaveAttribute("data-logo", "image");
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
}

async function initialsOf(name: string) {
  return name.trim().split(/\s+/).slice(0, 2).map((w) => w[0]).join("").toUpperCase();
}

async function chooseAndUpload(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel("Logo image").setInputFiles(file);
  await page.getByRole("button", { name: "Upload logo" }).focus();
  await page.keyboard.press("Enter");
}

test("an admin uploads a PNG, then an SVG, sees the logo in the sidebar, the organization menu and an invitation page, then removes it", async ({ browser }) => {
  test.slow();
  const { user, key, org } = await ownerWithOrganization("branding");
  const context = await signedInContext(browser, user.email);
  const page = await context.newPage();
  await page.goto(`/organizations/${org.id}/settings`);
  await expect(sidebarMark(page)).toHaveAttribute("data-logo", "initials");
  await expect(sidebarMark(page)).toHaveText(await initialsOf(org.name));

  // Refused before anything is sent (too large), and by the server (not an image, whatever its name says).
  await chooseAndUpload(page, { name: "big.png", mimeType: "image/png", buffer: Buffer.alloc(1024 * 1024 + 1) });
  await expect(page.getByText("The logo must be 1 MB or smaller.")).toBeVisible();
  await chooseAndUpload(page, { name: "notes.png", mimeType: "image/png", buffer: Buffer.from("just some text") });
  await expect(page.getByText("Upload a PNG, JPEG, WebP or SVG image.")).toBeVisible();
  await expect(page.getByLabel("Logo image")).toHaveAttribute("aria-invalid", "true");

  await chooseAndUpload(page, { name: "logo.png", mimeType: "image/png", buffer: await png() });
  await expect(toast(page, "Logo updated.")).toBeVisible();
  await expectLoaded(sidebarMark(page));
  const pngSrc = await sidebarMark(page).getAttribute("src");
  expect(pngSrc).toMatch(/^\/media\/[0-9a-f-]{36}$/);
  await expectLoaded(page.getByRole("img", { name: `${org.name} logo` }));

  await chooseAndUpload(page, { name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from(SVG) });
  await expect(toast(page, "Logo updated.")).toBeVisible();
  await expect(sidebarMark(page)).not.toHaveAttribute("src", pngSrc!);
  await expectLoaded(sidebarMark(page));

  // The organization menu lists the organization with its logo.
  await sidebarMark(page).click();
  const item = page.getByRole("menuitemradio", { name: org.name }).or(page.getByRole("menuitem", { name: org.name }));
  await expectLoaded(item.locator("img[data-logo]"));
  await page.keyboard.press("Escape");

  // Someone holding an invitation link sees the logo, signed out.
  const email = `logo-invitee-${randomUUID().slice(0, 8)}@example.test`;
  await inviteByApi(key, org.id, { target_email: email });
  const outbox = await (await fetch(`${BASE_URL}/api/organizations/${org.id}/outbox/`, { headers: { Cookie: await makeSession(user.email) } })).json();
  const token = (outbox.results as { to: string; text: string }[]).find((m) => m.to === email)?.text.match(/\/invites\/([\w-]+)/)?.[1];
  expect(token).toBeTruthy();
  const guest = await signedOutContext(browser);
  const invitation = await guest.newPage();
  await invitation.goto(`/invites/${token}`);
  await expectLoaded(invitation.getByRole("img", { name: `${org.name} logo` }));
  await guest.close();

  // Removing it by keyboard brings the initials back.
  await page.getByRole("button", { name: "Remove logo" }).focus();
  await page.keyboard.press("Enter");
  await expect(toast(page, "Logo removed.")).toBeVisible();
  await expect(sidebarMark(page)).toHaveAttribute("data-logo", "initials");
  await expect(sidebarMark(page)).toHaveText(await initialsOf(org.name));
  await expect(page.getByRole("button", { name: "Remove logo" })).toHaveCount(0);
  await context.close();
});

for (const theme of ["light", "dark"] as Theme[]) {
  test(`the Settings page with a logo passes axe (${theme})`, async ({ browser }) => {
    const { user, org } = await ownerWithOrganization("branding-axe");
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "orgdeck-logo-")), "logo.png");
    writeFileSync(file, await png());
    await cli("org", "logo", "--org", org.id, "--email", user.email, "--file", file);
    const context = await signedInContext(browser, user.email, { theme });
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/settings`);
    await expectLoaded(page.getByRole("img", { name: `${org.name} logo` }));
    await expectLoaded(sidebarMark(page));
    await auditPage(page, "settings-logo", theme);
    await context.close();
  });
}

test("a person who signs in with a picture sees it in the user menu; without one, initials", async ({ page }) => {
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) blocked.push(message.text());
  });
  const picture = `${BASE_URL}/favicon.svg`;
  const piaEmail = `pictured-${randomUUID().slice(0, 8)}@example.test`;
  await signInThroughProvider(page, { email: piaEmail, firstName: "Pia", picture });
  const menu = page.getByRole("complementary", { name: "Console" }).getByRole("button", { name: /Pia/ });
  const avatar = menu.locator("img");
  await expect(avatar).toHaveAttribute("src", picture);
  await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  expect(blocked).toEqual([]);

  const { user, org } = await ownerWithOrganization("no-picture");
  const context = await signedInContext(page.context().browser()!, user.email);
  const other = await context.newPage();
  await other.goto("/account/profile");
  const plain = other.getByRole("complementary", { name: "Console" }).getByRole("button", { name: user.email });
  await expect(plain.locator("img")).toHaveCount(0);
  await expect(plain.locator("span[aria-hidden=true]").first()).toHaveText("N");

  // In a member list, each person shows their own picture, or initials without one.
  await addMember(org.id, piaEmail, 1);
  await other.goto(`/organizations/${org.id}/members`);
  const rows = other.getByRole("table", { name: `Members of ${org.name}` });
  await expect(rows.getByRole("row", { name: /Pia/ }).locator("img")).toHaveAttribute("src", picture);
  const ownRow = rows.getByRole("row", { name: new RegExp(user.email) });
  await expect(ownRow.locator("img")).toHaveCount(0);
  await expect(ownRow.locator("span[aria-hidden=true]").first()).toHaveText("N");
  await context.close();
});
