/**
 * Helpers of the legal documents specs: a second server signing through a fake PandaDoc, and for the browser spec the
 * section's controls and the signing form from the keyboard.
 */
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { uniqueEmail } from "./cli";
import { startFakePandaDoc } from "./fake-pandadoc";
import { startSecondServer } from "./second-server";

/**
 * A server of the same build with ESIGN_PROVIDER=pandadoc, pointed at a fake of PandaDoc's API (templates
 * `template-baa` and `template-dpa`) that posts its webhooks, signed with `secret`, back to that server's `hook`.
 */
export async function startPandadocServer({ port, apiKey, secret }: { port: number; apiKey: string; secret: string }) {
  const hook = `http://localhost:${port}/api/legal_documents/pandadoc`;
  const fake = await startFakePandaDoc({ apiKey, webhook: { url: hook, secret } });
  try {
    const server = await startSecondServer({
      port,
      env: {
        ESIGN_PROVIDER: "pandadoc",
        PANDADOC_API_KEY: apiKey,
        PANDADOC_BASE_URL: fake.baseUrl,
        PANDADOC_BAA_TEMPLATE_ID: "template-baa",
        PANDADOC_DPA_TEMPLATE_ID: "template-dpa",
        PANDADOC_WEBHOOK_SECRET: secret,
      },
    });
    return { server, fake, hook };
  } catch (err) {
    await fake.stop();
    throw err;
  }
}

/** The section's page, its table and the dialog that generates a document. */
export const section = (organizationId: string) => `/organizations/${organizationId}/legal-documents`;
export const table = (page: Page) => page.getByRole("table", { name: "Legal documents of this organization" });
export const row = (page: Page, type: string) => table(page).getByRole("row").filter({ has: page.getByRole("cell", { name: type, exact: true }) });
export const generateDialog = (page: Page) => page.getByRole("dialog", { name: "Generate a legal document" });

/** Fills the generate dialog (already open) and sends it. */
export async function generate(page: Page, fields: { type: "DPA" | "BAA"; company: string; address: string; email: string }) {
  const dialog = generateDialog(page);
  await dialog.getByRole("radio", { name: fields.type === "DPA" ? "Data Processing Agreement (DPA)" : "Business Associate Agreement (BAA)" }).check();
  await dialog.getByLabel("Company name").fill(fields.company);
  await dialog.getByLabel("Company address").fill(fields.address);
  await dialog.getByLabel("Representative's email address").fill(fields.email);
  await dialog.getByRole("button", { name: "Send for signature" }).click();
}

/** Text with its runs of white space folded, to compare what a page shows with what was rendered. */
export const fold = (value: string) => value.replace(/\s+/g, " ").trim();

/** Presses Tab until the control has focus; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 20) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`not reached in ${max} presses of Tab`);
}

/** From the focused Full name field: the name, Tab, the title, Tab, Space ticks the consent, Tab, Enter signs. */
export async function signFromKeyboard(page: Page, name: string, title: string) {
  await expect(page.getByLabel("Full name", { exact: true })).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Title", { exact: true })).toBeFocused();
  await page.keyboard.type(title);
  await page.keyboard.press("Tab");
  const consent = page.getByRole("checkbox", { name: /agree to sign it electronically/ });
  await expect(consent).toBeFocused();
  await page.keyboard.press("Space");
  await expect(consent).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Sign the document" })).toBeFocused();
  await page.keyboard.press("Enter");
}

/** An admin's browser on another server, signed in as a new owner of a new organization there. */
export async function ownerOn(browser: Browser, server: Awaited<ReturnType<typeof startSecondServer>>, name: string) {
  const email = uniqueEmail(name.toLowerCase());
  await server.cli("user", "create", "--email", email, "--first-name", name);
  const org = await server.cli<{ id: string }>("org", "create", "--name", `${name} Ltd.`, "--owner-email", email);
  const session = await server.cli<{ cookie_name: string; cookie_value: string }>("session", "create", "--email", email);
  const context = await browser.newContext({ baseURL: server.baseURL });
  await context.addCookies([{ name: session.cookie_name, value: session.cookie_value, url: server.baseURL }]);
  return { org, page: await context.newPage() };
}
