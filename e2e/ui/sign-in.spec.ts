import { expect, test } from "@playwright/test";
import { deactivateUser, makeUser, uniqueEmail } from "../support/cli";
import { continueWithEmail, signInThroughProvider } from "../support/ui";
import { awayFromWindowEdge } from "../support/windows";

test.describe("signing in and out", () => {
  test("a new person signs in by typing an email, creates and renames an organization, then signs out for good", async ({ page, context }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin$/);
    await expect(page.getByRole("note")).toContainText("Development identity provider");

    const email = uniqueEmail("newcomer");
    await signInThroughProvider(page, { email, firstName: "Nadia" });
    await expect(page).toHaveURL(/\/organizations\/new$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create your first organization");
    await expect(page.getByRole("complementary")).toContainText("Development sign-in");

    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByText("Enter a name.")).toBeVisible();
    await expect(page.getByText("This field may not be blank.")).toHaveCount(0);
    await page.getByLabel("Name", { exact: true }).fill("Nadia's Team");
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page).toHaveURL(/\/organizations\/[0-9a-f-]{36}\/members$/);
    await expect(page.getByRole("status").getByText("Organization created.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Get started" })).toBeVisible();

    await page.getByRole("link", { name: "Settings", exact: true }).click();
    await expect(page).toHaveURL(/\/organizations\/[0-9a-f-]{36}\/settings$/);

    await page.getByLabel("Name", { exact: true }).fill("Nadia's Lab");
    await page.getByRole("button", { name: "Save general settings" }).click();
    await expect(page.getByRole("status").getByText("General settings saved.")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Organization/ })).toHaveAccessibleName("Organization Nadia's Lab");
    // Sign-in, the first organization and the console home ran under the pages' policy without a violation.
    expect(violations).toEqual([]);

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.includes("session-token"));
    expect(session).toBeDefined();
    await page.getByRole("button", { name: `Nadia ${email}` }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin$/);

    const me = await page.request.get("/api/users/@me/", { headers: { Cookie: `${session!.name}=${session!.value}` } });
    expect(me.status()).toBe(401);
    await page.goto("/account/profile");
    await expect(page).toHaveURL(/\/signin$/);
  });

  test("opened at 127.0.0.1, the console moves to SITE_URL's address and signing in works", async ({ page }) => {
    const site = new URL(process.env.E2E_BASE_URL as string);
    await page.goto(`http://127.0.0.1:${site.port}/signin`);
    await expect(page).toHaveURL(`${site.origin}/signin`);
    await signInThroughProvider(page, { email: uniqueEmail("by-ip") });
    await expect(page).toHaveURL(`${site.origin}/organizations/new`);
  });

  test("a deactivated person is refused with a page that says why", async ({ page }) => {
    const user = await makeUser("gone");
    await deactivateUser(user.email);
    await signInThroughProvider(page, { email: user.email });
    await expect(page).toHaveURL(/\/signin\/refused\?reason=deactivated$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This account is deactivated");
  });

  test("a person whose identity provider has not verified the email address is refused with a page that says why", async ({ page }) => {
    await signInThroughProvider(page, { email: uniqueEmail("unverified"), unverifiedEmail: true });
    await expect(page).toHaveURL(/\/signin\/refused\?reason=unverified$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your identity provider has not verified this email address");
    await page.goto("/account/profile");
    await expect(page).toHaveURL(/\/signin$/);
  });

  test("a client over the sign-in limit is told to wait instead of being sent to the identity provider", async ({ browser, request }) => {
    // The suite's server sits as if behind one proxy (TRUSTED_PROXIES=1): the client is named by X-Forwarded-For.
    const client = `192.0.2.${1 + Math.floor(Math.random() * 250)}`;
    await awayFromWindowEdge(60, 20);
    const limit = Number(process.env.E2E_SIGNINS_PER_MINUTE);
    for (let sent = 0; sent < limit; sent += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, limit - sent) }, () =>
          request.get("/api/auth/callback/oidc?code=x&state=y", { headers: { "X-Forwarded-For": client }, maxRedirects: 0 }),
        ),
      );
    }
    const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": client } });
    const page = await context.newPage();
    await page.goto("/signin");
    await continueWithEmail(page, "throttled@example.com");
    await expect(page).toHaveURL(/\/signin\/refused\?reason=throttled$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Too many sign-in attempts");
    await context.close();
  });
});
