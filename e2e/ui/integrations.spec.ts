import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { addMember, bearer, makeSession, makeUser } from "../support/cli";
import { auditPage, BASE_URL, ownerWithOrganization, signedInContext, toast, type Theme } from "../support/ui";

/**
 * The suite's server allows private URLs and retries a failed webhook attempt after about a second
 * (playwright.config.ts), so the webhooks here point at this receiver on 127.0.0.1.
 */
type Received = { path: string; headers: IncomingHttpHeaders; body: string };

let server: Server;
let base = "";
const received: Received[] = [];
/** Receiver paths that answer 500 for now; every other path answers 200. */
const failing = new Set<string>();

test.beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body });
      res.statusCode = failing.has(path) ? 500 : 200;
      res.end(res.statusCode === 200 ? "thanks" : "try again later");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const hookPath = () => `/hook/${randomUUID()}`;
const at = (path: string) => received.filter((r) => r.path === path);

/** The Standard Webhooks check a receiver makes: HMAC-SHA256 under the secret's bytes over `id.timestamp.body`. */
function verifies(secret: string, r: Received) {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = `v1,${createHmac("sha256", key).update(`${r.headers["webhook-id"]}.${r.headers["webhook-timestamp"]}.${r.body}`).digest("base64")}`;
  return String(r.headers["webhook-signature"]).split(" ").includes(expected);
}

/** A webhook made through the REST API with the owner's key. */
async function addWebhook(key: string, organizationId: string, url: string) {
  const res = await fetch(`${BASE_URL}/api/organizations/${organizationId}/integrations/`, {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify({ kind: "webhook", config: { url } }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; secret: string };
}

const deliveryLog = (page: Page) => page.getByRole("region", { name: "Delivery log" });

test.describe("integrations", () => {
  test("an admin adds a webhook, sees its secret once, tests it, watches a failure being retried, edits and disconnects it", async ({ browser }) => {
    test.slow();
    const { user, key, org } = await ownerWithOrganization("hooks");
    const context = await signedInContext(browser, user.email);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();
    const path = hookPath();
    const host = new URL(base).host;

    await page.goto(`/organizations/${org.id}/integrations`);
    await expect(page).toHaveTitle("Integrations · Orgdeck");
    await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { name: "No integrations yet" })).toBeVisible();

    await page.getByRole("button", { name: "Add webhook" }).click();
    const dialog = page.getByRole("dialog", { name: "Add webhook" });
    const url = dialog.getByRole("textbox", { name: "URL" });
    // The API's URL rule lands on the field.
    await url.fill("ftp://example.com/hook");
    await dialog.getByRole("button", { name: "Add webhook" }).click();
    await expect(dialog.getByText("The URL must start with https:// or http://.")).toBeVisible();
    await expect(url).toHaveAttribute("aria-invalid", "true");
    // Choosing kinds of event, then none of them, is caught before the request.
    await dialog.getByRole("checkbox", { name: "All events" }).uncheck();
    await url.fill(`${base}${path}`);
    await dialog.getByRole("button", { name: "Add webhook" }).click();
    await expect(dialog.getByText("Choose at least one kind of event, or all events.")).toBeVisible();
    await dialog.getByRole("checkbox", { name: "All events" }).check();
    await dialog.getByRole("button", { name: "Add webhook" }).click();

    const shown = page.getByRole("dialog", { name: "Signing secret" });
    const secretBox = shown.getByRole("textbox", { name: "Signing secret" });
    await expect(secretBox).toHaveValue(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const secret = await secretBox.inputValue();
    await expect(shown).toContainText("webhook-signature");
    await shown.getByRole("button", { name: "Copy", exact: true }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await shown.getByRole("button", { name: "I have copied it" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Webhook to ${host}` })).toBeVisible();
    await expect(page).toHaveTitle(`Webhook to ${host} · Integrations · Orgdeck`);
    await page.reload();
    await expect(page.getByRole("textbox", { name: "URL" })).toHaveValue(`${base}${path}`);
    await expect(page.getByText(secret)).toHaveCount(0);
    // With every event chosen, the webhook hears of its own creation first.
    await expect(deliveryLog(page).getByRole("row").filter({ hasText: "OrganizationIntegration.created" })).toContainText("Delivered", { timeout: 15_000 });

    // A test event reaches the receiver, signed with the secret shown, and shows as delivered.
    const test1 = page.getByRole("region", { name: "Test event" });
    await test1.getByRole("button", { name: "Send test event" }).click();
    await expect(test1.getByRole("status")).toContainText(/Delivered\. The receiver answered 200 in \d+ ms\./, { timeout: 15_000 });
    const tests = at(path).filter((r) => JSON.parse(r.body).type === "webhook.test");
    expect(tests).toHaveLength(1);
    expect(verifies(secret, tests[0]), "the signature verifies with the secret shown").toBe(true);
    const delivered = deliveryLog(page).getByRole("row").filter({ hasText: "webhook.test" });
    await expect(delivered).toHaveCount(1);
    await expect(delivered).toContainText("Delivered");
    await expect(delivered).toContainText("200");

    // The receiver fails: the attempt shows with its status code, and the log follows the retries by itself.
    failing.add(path);
    await test1.getByRole("button", { name: "Send test event" }).click();
    await expect(test1.getByRole("status")).toContainText("Not delivered yet. The receiver answered 500", { timeout: 15_000 });
    const retrying = deliveryLog(page).getByRole("row").filter({ hasText: "webhook.test" }).filter({ hasText: "Retrying" });
    await expect(retrying).toContainText("500");
    await retrying.getByRole("button", { name: "webhook.test" }).click();
    const detail = page.getByRole("dialog", { name: "Delivery of webhook.test" });
    await expect(detail.getByRole("listitem").first()).toContainText("HTTP 500");
    await expect(detail.getByRole("listitem").first()).toContainText("try again later");
    await expect(detail).toContainText('"type": "webhook.test"');
    await detail.getByRole("button", { name: "Close" }).click();
    await deliveryLog(page).getByRole("combobox", { name: "Status" }).selectOption({ label: "Pending or retrying" });
    await expect(deliveryLog(page).getByRole("row").filter({ hasText: "webhook.test" })).toHaveCount(1);
    await deliveryLog(page).getByRole("combobox", { name: "Status" }).selectOption({ label: "Any status" });
    failing.delete(path);
    await expect(deliveryLog(page).getByRole("row").filter({ hasText: "Delivered" })).toHaveCount(3, { timeout: 30_000 });

    // A delivered event sent again keeps its webhook-id, so the receiver can tell it already has it.
    const createdEvent = deliveryLog(page).getByRole("row").filter({ hasText: "OrganizationIntegration.created" });
    const firstCreated = at(path).find((r) => JSON.parse(r.body).type === "OrganizationIntegration.created") as Received;
    await createdEvent.getByRole("button", { name: "Redeliver OrganizationIntegration.created" }).click();
    await expect(toast(page, "OrganizationIntegration.created queued again.")).toBeVisible();
    await expect.poll(() => at(path).filter((r) => r.headers["webhook-id"] === firstCreated.headers["webhook-id"]).length, { timeout: 15_000 }).toBe(2);
    await expect(createdEvent.getByRole("cell").nth(2)).toHaveText("2");
    await expect(createdEvent).toContainText("Delivered");

    // Only some events from now on.
    await page.getByRole("checkbox", { name: "All events" }).uncheck();
    await page.getByRole("checkbox", { name: "Members" }).check();
    await page.getByRole("button", { name: "Save endpoint" }).click();
    await expect(toast(page, "Webhook saved.")).toBeVisible();
    const saved = await fetch(`${BASE_URL}/api/organizations/${org.id}/integrations/`, { headers: bearer(key) });
    expect(((await saved.json()) as { results: { config: unknown }[] }).results[0].config).toMatchObject({ scopes: ["OrganizationMembership"] });

    // A new secret, shown once, signs what follows.
    await page.getByRole("button", { name: "Rotate signing secret" }).click();
    await page.getByRole("dialog", { name: "Rotate the signing secret?" }).getByRole("button", { name: "Rotate secret" }).click();
    const rotated = await page.getByRole("dialog", { name: "Signing secret" }).getByRole("textbox", { name: "Signing secret" }).inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await page.getByRole("dialog", { name: "Signing secret" }).getByRole("button", { name: "I have copied it" }).click();

    await page.getByRole("link", { name: "← Integrations" }).click();
    const row = page.getByRole("row", { name: new RegExp(path) });
    await expect(row).toContainText("Webhook");
    await expect(row).toContainText("1 kind of event");
    await row.getByRole("link").click();
    await page.getByRole("button", { name: "Disconnect" }).click();
    await page.getByRole("dialog", { name: `Disconnect Webhook to ${host}?` }).getByRole("button", { name: "Disconnect" }).click();
    await expect(toast(page, `Webhook to ${host} was disconnected.`)).toBeVisible();
    await expect(page.getByRole("heading", { name: "No integrations yet" })).toBeVisible();
    await context.close();
  });

  test("the environment mapping needs production and names a project of the organization", async ({ browser }) => {
    const { user, key, org } = await ownerWithOrganization("environments");
    const hook = await addWebhook(key, org.id, `${base}${hookPath()}`);
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/integrations/${hook.id}`);
    const panel = page.getByRole("region", { name: "Environments" });
    const save = panel.getByRole("button", { name: "Save environments" });

    const project = await fetch(`${BASE_URL}/api/organizations/${org.id}/projects/`, {
      method: "POST",
      headers: { ...bearer(key), "content-type": "application/json" },
      body: JSON.stringify({ name: `Web ${randomUUID().slice(0, 6)}` }),
    });
    expect(project.status).toBe(201);
    const { id, name } = (await project.json()) as { id: number; name: string };
    await page.reload();
    await panel.getByRole("combobox", { name: "Preview" }).selectOption({ label: `${name} (${id})` });
    await save.click();
    await expect(panel.getByRole("combobox", { name: "Production" })).toHaveAttribute("aria-invalid", "true");
    await panel.getByRole("combobox", { name: "Production" }).selectOption({ label: `${name} (${id})` });
    await save.click();
    await expect(toast(page, "Environment mapping saved.")).toBeVisible();
    await context.close();
  });

  test("a member sees integrations read-only: controls disabled with the reason, no delivery log", async ({ browser }) => {
    const { key, org } = await ownerWithOrganization("readonly");
    const hook = await addWebhook(key, org.id, `${base}${hookPath()}`);
    const member = await makeUser("member");
    await addMember(org.id, member.email, 1);
    const context = await signedInContext(browser, member.email);
    const page = await context.newPage();

    await page.goto(`/organizations/${org.id}/integrations`);
    await expect(page.getByRole("note").filter({ hasText: "Only admins and owners can add or change integrations" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add webhook" })).toHaveCount(0);
    await page.getByRole("row", { name: /\/hook\// }).getByRole("link").click();
    await expect(page.getByRole("textbox", { name: "URL" })).toBeDisabled();
    await expect(page.getByRole("checkbox", { name: "All events" })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Save endpoint" })).toHaveCount(0);
    for (const name of ["Send test event", "Rotate signing secret", "Disconnect"]) {
      await expect(page.getByRole("button", { name })).toBeDisabled();
      await expect(page.getByRole("button", { name })).toHaveAccessibleDescription("Only admins and owners can change integrations.");
    }
    await expect(page.getByRole("heading", { name: "Only admins can see the delivery log" })).toBeVisible();
    // The session reaches no more through the API than the page offers.
    const res = await fetch(`${BASE_URL}/api/organizations/${org.id}/integrations/${hook.id}/deliveries/`, { headers: { Cookie: await makeSession(member.email) } });
    expect(res.status).toBe(403);
    await context.close();
  });
});

for (const theme of ["light", "dark"] as Theme[]) {
  test(`the integrations pages and their dialogs are axe clean (${theme} theme)`, async ({ browser }) => {
    test.slow();
    const { user, key, org } = await ownerWithOrganization("audit");
    const path = hookPath();
    failing.add(path);
    const hook = await addWebhook(key, org.id, `${base}${path}`);
    const context = await signedInContext(browser, user.email, { theme });
    const page = await context.newPage();

    await page.goto(`/organizations/${org.id}/integrations`);
    await expect(page.getByRole("row", { name: new RegExp(path) })).toBeVisible();
    await auditPage(page, "integrations", theme);
    await page.getByRole("button", { name: "Add webhook" }).click();
    await page.getByRole("dialog", { name: "Add webhook" }).getByRole("checkbox", { name: "All events" }).uncheck();
    await auditPage(page, "integrations-add", theme);

    await page.goto(`/organizations/${org.id}/integrations/${hook.id}`);
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(deliveryLog(page).getByRole("row").filter({ hasText: "webhook.test" }).filter({ hasText: "Retrying" })).toBeVisible({ timeout: 15_000 });
    await auditPage(page, "integration", theme);
    await deliveryLog(page).getByRole("button", { name: "webhook.test" }).click();
    await expect(page.getByRole("dialog", { name: "Delivery of webhook.test" })).toContainText("HTTP 500");
    await auditPage(page, "integration-delivery", theme);
    failing.delete(path);
    await context.close();
  });
}
