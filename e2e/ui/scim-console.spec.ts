import { expect, test, type Page } from "@playwright/test";
import { bearer } from "../support/cli";
import { auditPage, BASE_URL, ownerWithOrganization, signedInContext, toast, type Theme } from "../support/ui";

const GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
const OKTA = "Okta SCIM Client 1.0.0";

/**
 * An organization with a shared identity provider whose SCIM is on (made through the REST API), and its token. A
 * config, not a domain, is the tenant: provisioning users needs a verified domain, groups do not.
 */
async function scimConfig() {
  const { user, key, org } = await ownerWithOrganization("scimconsole");
  const res = await fetch(`${BASE_URL}/api/organizations/${org.id}/identity_provider_configs/`, {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify({ name: "Okta", scim_enabled: true }),
  });
  expect(res.status).toBe(201);
  const config = (await res.json()) as { id: string; scim_bearer_token: string };
  expect(config.scim_bearer_token).toMatch(/^odscim_/);
  return { user, org, configId: config.id, token: config.scim_bearer_token };
}

/** A request to the config's SCIM base URL as Okta would send it. */
async function scim(configId: string, token: string, method: string, resource: string, body?: unknown) {
  return fetch(`${BASE_URL}/scim/v2/${configId}/${resource}`, {
    method,
    headers: { ...bearer(token), "content-type": "application/scim+json", "user-agent": OKTA },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const engineering = { schemas: [GROUP_URN], displayName: "Engineering", members: [] };

const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const logRows = (page: Page) => region(page, "SCIM request log").getByRole("table", { name: "SCIM requests" }).getByRole("row");

/** The request log is written beside the answer, so it may trail it by a moment: reload until the rows are in. */
async function waitForLogRows(page: Page, count: number) {
  await expect(async () => {
    await page.reload();
    await expect(logRows(page)).toHaveCount(count + 1, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}

test.describe("SCIM in the console", () => {
  test("empty states, the request log with its filters and masked details, and a group mapped to a level", async ({ browser }) => {
    test.slow();
    const { user, org, configId, token } = await scimConfig();
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    const url = `/organizations/${org.id}/identity-providers/${configId}`;

    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1, name: "Okta" })).toBeVisible();
    for (const [panel, empty] of [
      ["Provisioned people", "No one provisioned yet"],
      ["Groups", "No groups yet"],
      ["SCIM request log", "No SCIM requests yet"],
    ]) {
      await expect(region(page, panel).getByRole("heading", { name: empty })).toBeVisible();
      await expect(region(page, panel)).toContainText("Give your identity provider the base URL and token above");
    }

    expect((await scim(configId, token, "POST", "Groups", engineering)).status).toBe(201);
    expect((await scim(configId, token, "POST", "Groups", engineering)).status).toBe(409);
    await waitForLogRows(page, 2);
    const rows = logRows(page);
    await expect(rows.nth(1).getByTitle(`/scim/v2/${configId}/Groups`)).toHaveText("/Groups", { useInnerText: true });
    await expect(rows.nth(1)).toContainText("409");
    await expect(rows.nth(2)).toContainText("POST");
    await expect(rows.nth(2)).toContainText("201");
    await expect(rows.nth(2)).toContainText("Okta");

    // The status filter keeps only the refusal, in the URL too.
    await region(page, "SCIM request log").getByRole("combobox", { name: "Status" }).selectOption({ label: "Refused (4xx)" });
    await expect(logRows(page)).toHaveCount(2);
    await expect(logRows(page).nth(1)).toContainText("409");
    await expect(page).toHaveURL(/log_status=client/);
    await page.reload();
    await expect(logRows(page)).toHaveCount(2);
    await region(page, "SCIM request log").getByRole("combobox", { name: "Status" }).selectOption({ label: "Server errors (5xx)" });
    await expect(region(page, "SCIM request log").getByRole("heading", { name: "No request matches these filters" })).toBeVisible();
    await region(page, "SCIM request log").getByRole("button", { name: "Clear the filters" }).click();
    await expect(logRows(page)).toHaveCount(3);
    // A search in the path: none of these requests went to /Users.
    await region(page, "SCIM request log").getByRole("searchbox", { name: "Search requests" }).fill("/Users");
    await expect(region(page, "SCIM request log").getByRole("heading", { name: "No request matches these filters" })).toBeVisible();
    await expect(page).toHaveURL(/log_search=%2FUsers/);
    await region(page, "SCIM request log").getByRole("button", { name: "Clear the filters" }).click();
    await expect(logRows(page)).toHaveCount(3);

    // The created group's request, opened: the token masked, the body and the answer shown.
    await logRows(page).nth(2).getByRole("button", { name: /^Details/ }).click();
    const dialog = page.getByRole("dialog", { name: `POST /scim/v2/${configId}/Groups` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("region", { name: "Request headers" })).toContainText("authorization: ***");
    await expect(dialog.getByRole("region", { name: "Request headers" })).toContainText(`user-agent: ${OKTA}`);
    await expect(dialog.getByRole("region", { name: "Request body" })).toContainText(GROUP_URN);
    await expect(dialog.getByRole("region", { name: "Response body" })).toContainText('"resourceType": "Group"');
    await expect(dialog).not.toContainText(token);
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(dialog).toBeHidden();

    // The group, mapped to administrators: saved, and still so after a reload.
    const groups = region(page, "Groups");
    const engineeringRow = groups.getByRole("row", { name: /Engineering/ });
    await expect(engineeringRow.getByRole("cell", { name: "0", exact: true })).toBeVisible();
    const level = engineeringRow.getByRole("combobox", { name: "Level Engineering grants" });
    await expect(level).toHaveValue("");
    await level.selectOption({ label: "Administrator" });
    await expect(toast(page, "Saved: Engineering grants Administrator.")).toBeVisible();
    await page.reload();
    await expect(region(page, "Groups").getByRole("combobox", { name: "Level Engineering grants" })).toHaveValue("8");
    await context.close();
  });
});

for (const theme of ["light", "dark"] as Theme[]) {
  test(`the SCIM sections and a logged request are axe clean (${theme} theme)`, async ({ browser }) => {
    test.slow();
    const { user, org, configId, token } = await scimConfig();
    expect((await scim(configId, token, "POST", "Groups", engineering)).status).toBe(201);
    expect((await scim(configId, token, "GET", "Users")).status).toBe(200);
    const context = await signedInContext(browser, user.email, { theme });
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/identity-providers/${configId}`);
    await waitForLogRows(page, 2);
    await expect(region(page, "Groups").getByRole("row", { name: /Engineering/ })).toBeVisible();
    await auditPage(page, "identity-provider-scim", theme);
    await logRows(page).nth(1).getByRole("button", { name: /^Details/ }).click();
    await expect(page.getByRole("dialog", { name: `GET /scim/v2/${configId}/Users` })).toBeVisible();
    await auditPage(page, "identity-provider-scim-request", theme);
    await context.close();
  });
}
