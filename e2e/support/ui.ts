import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { bearer, cli, makeUser, type Org, type User } from "./cli";

export const BASE_URL = process.env.E2E_BASE_URL as string;
const SCREENSHOTS = path.resolve(import.meta.dirname, "../screenshots");

export type Theme = "light" | "dark";

/** Signs in through the bundled development identity provider, as a person would: email first, then the provider. */
export async function signInThroughProvider(page: Page, options: ProviderSignIn) {
  await page.goto("/signin");
  await continueWithEmail(page, options.email);
  await completeProviderSignIn(page, options);
}

/** The sign-in page's first step: the address, then Continue (which decides where sign-in goes). */
export async function continueWithEmail(page: Page, email: string) {
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
}

type ProviderSignIn = { email: string; firstName?: string; secondFactor?: boolean; unverifiedEmail?: boolean; picture?: string };

/**
 * The provider's own page: who is signing in, whether with a second factor, whether the address counts as verified,
 * and the picture URL it sends.
 */
export async function completeProviderSignIn(page: Page, { email, firstName, secondFactor, unverifiedEmail, picture }: ProviderSignIn) {
  // The console's own sign-in page also has an "Email address" field: wait until the provider's page is shown.
  await page.waitForURL((url) => url.origin !== BASE_URL);
  await page.getByLabel("Email address", { exact: true }).fill(email);
  if (firstName) await page.getByLabel("First name (optional)").fill(firstName);
  if (picture) await page.getByLabel("Picture URL (optional)").fill(picture);
  if (secondFactor) await page.getByLabel("Signed in with a second factor").check();
  if (unverifiedEmail) await page.getByLabel("Email address not verified").check();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.origin === BASE_URL);
}

/**
 * A browser context already signed in as this person (a session from the admin CLI, as if they had just signed in),
 * in the given colour scheme. Its pages work with AxeBuilder.
 */
export async function signedInContext(browser: Browser, email: string, options: { secondFactor?: boolean; theme?: Theme } = {}) {
  const args = ["session", "create", "--email", email, ...(options.secondFactor ? ["--mfa"] : [])];
  const session = await cli<{ cookie_name: string; cookie_value: string }>(...args);
  const context = await browser.newContext({ baseURL: BASE_URL, colorScheme: options.theme ?? "light" });
  await context.addCookies([{ name: session.cookie_name, value: session.cookie_value, url: BASE_URL }]);
  return context;
}

export async function signedOutContext(browser: Browser, theme: Theme = "light"): Promise<BrowserContext> {
  return browser.newContext({ baseURL: BASE_URL, colorScheme: theme });
}

/** A person who owns an organization made through the API (so it is also their current one), with a `*` key. */
export async function ownerWithOrganization(name = "owner") {
  const user: User = await makeUser(name);
  const key = (await cli<{ key: string }>("api-key", "create", "--email", user.email, "--label", "setup", "--scopes", "*")).key;
  const res = await fetch(`${BASE_URL}/api/organizations/`, {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify({ name: `${name} ${Math.random().toString(16).slice(2, 8)}` }),
  });
  expect(res.status).toBe(201);
  return { user, key, org: (await res.json()) as Org };
}

/** Changes an organization through the REST API with a key (keys are not bound by enforce_2fa). */
export async function patchOrganization(key: string, organizationId: string, data: Record<string, unknown>) {
  const res = await fetch(`${BASE_URL}/api/organizations/${organizationId}/`, {
    method: "PATCH",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify(data),
  });
  expect(res.status).toBe(200);
}

/**
 * Fails on any serious or critical axe violation, then keeps a full-page screenshot for review. With
 * `sandboxedFrame`, axe runs in one pass over same-origin frames only: its default per-frame run never finishes on
 * a page holding an `<iframe sandbox="">` (the frame element is still audited; its opaque-origin content is not).
 */
export async function auditPage(page: Page, name: string, theme: Theme, options: { sandboxedFrame?: boolean } = {}) {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]);
  const results = await (options.sandboxedFrame ? builder.setLegacyMode(true) : builder).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  expect(blocking, `axe on ${name} (${theme})`).toEqual([]);
  await saveScreenshots(page, name, theme);
}

/** The sizes every page is kept at for review: a laptop and a phone. */
const SCREENSHOT_SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

/** Full-page screenshots at each review size, named `<name>-<theme>-<width>.png`; the page gets its own size back. */
export async function saveScreenshots(page: Page, name: string, theme: Theme) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize();
  for (const size of SCREENSHOT_SIZES) {
    await page.setViewportSize(size);
    // From the top, so the sticky sidebar sits where it belongs in the stitched full-page image.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${theme}-${size.width}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** A browser context whose session was signed in `secondsAgo` seconds ago (past the re-authentication window). */
export async function staleSignedInContext(browser: Browser, email: string, secondsAgo = 8000) {
  const session = await cli<{ cookie_name: string; cookie_value: string }>("session", "create", "--email", email, "--signed-in-seconds-ago", String(secondsAgo));
  const context = await browser.newContext({ baseURL: BASE_URL });
  await context.addCookies([{ name: session.cookie_name, value: session.cookie_value, url: BASE_URL }]);
  return context;
}

/** Invites someone through the REST API with a key; the invite object. */
export async function inviteByApi(key: string, organizationId: string, data: { target_email: string } & Record<string, unknown>) {
  const res = await fetch(`${BASE_URL}/api/organizations/${organizationId}/invites/`, {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify(data),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; target_email: string; level: number };
}

/** The toast that confirms a mutation. */
export const toast = (page: Page, text: string | RegExp) => page.getByRole("region", { name: "Notifications" }).getByText(text);
