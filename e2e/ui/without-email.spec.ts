import { expect, test } from "@playwright/test";
import { uniqueEmail } from "../support/cli";
import { openInviteDialog } from "../support/invite-dialog";
import { startSecondServer } from "../support/second-server";
import { auditPage, toast } from "../support/ui";

/** A server from the same build without SMTP_URL: what admins are told when email is not set up. */
const PORT = Number(process.env.E2E_PORT ?? 3100) + 40;
let server: Awaited<ReturnType<typeof startSecondServer>>;

test.describe.configure({ mode: "serial", timeout: 120_000 });
test.beforeAll(async () => {
  server = await startSecondServer({ port: PORT });
});
test.afterAll(() => server?.stop());

test("without SMTP_URL the outbox says email isn't set up and how to set it up; invitations are held", async ({ browser }) => {
  const email = uniqueEmail("nomail");
  await server.cli("user", "create", "--email", email, "--first-name", "Nomail");
  const org = await server.cli<{ id: string }>("org", "create", "--name", "Quiet Co.", "--owner-email", email);
  const { key } = await server.cli<{ key: string }>("api-key", "create", "--email", email, "--label", "setup", "--scopes", "*");
  const invited = uniqueEmail("waiting");
  const res = await fetch(`${server.baseURL}/api/organizations/${org.id}/invites/`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ target_email: invited }),
  });
  expect(res.status).toBe(201);
  expect((await res.json()).emailing_attempt_made).toBe(false);

  for (const theme of ["light", "dark"] as const) {
    const session = await server.cli<{ cookie_name: string; cookie_value: string }>("session", "create", "--email", email);
    const context = await browser.newContext({ baseURL: server.baseURL, colorScheme: theme });
    await context.addCookies([{ name: session.cookie_name, value: session.cookie_value, url: server.baseURL }]);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/outbox`);
    const setup = page.getByRole("region", { name: "Email isn't set up on this server" });
    await expect(setup).toContainText("SMTP_URL=smtp://");
    await expect(setup).toContainText("copy them from the Invites page");
    const row = page.getByRole("table", { name: "Emails of this organization" }).getByRole("row", { name: new RegExp(invited) });
    await expect(row).toContainText("Held");
    await auditPage(page, "outbox-without-email", theme);
    await context.close();
  }
});

test("without SMTP_URL the invite forms say email isn't set up where the checkbox is, and the toast says what happened", async ({ browser }) => {
  const email = uniqueEmail("nomail-inviter");
  await server.cli("user", "create", "--email", email, "--first-name", "Ines");
  const org = await server.cli<{ id: string }>("org", "create", "--name", "Silent Inc.", "--owner-email", email);
  const session = await server.cli<{ cookie_name: string; cookie_value: string }>("session", "create", "--email", email);
  const context = await browser.newContext({ baseURL: server.baseURL });
  await context.addCookies([{ name: session.cookie_name, value: session.cookie_value, url: server.baseURL }]);
  const page = await context.newPage();
  await page.goto(`/organizations/${org.id}/invites`);
  const panel = await openInviteDialog(page);
  await expect(panel).toContainText("Email isn't set up on this server: the invitation waits in the Outbox, or copy its link.");
  const invited = uniqueEmail("held");
  await panel.getByLabel("Email address").fill(invited);
  await page.keyboard.press("Enter");
  await expect(toast(page, `Invitation created for ${invited}. Email isn't set up: copy its link from the Invites list or find it in the Outbox.`)).toBeVisible();
  await auditPage(page, "invites-without-email", "light");
  await context.close();
});
