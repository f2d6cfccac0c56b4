import { expect, test, type Page } from "@playwright/test";
import { addMember, bearer, makeUser } from "../support/cli";
import { auditPage, BASE_URL, ownerWithOrganization, signedInContext, toast } from "../support/ui";

const accountsTable = (page: Page) => page.getByRole("table", { name: "Service accounts of this organization" });

/** The secret shown in the one-time dialog, copied, then the dialog closed. */
async function takeSecret(page: Page, title: string) {
  const dialog = page.getByRole("dialog", { name: title });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("you will not see it again");
  const secret = await dialog.getByLabel("Client secret").inputValue();
  expect(secret).toMatch(/^odsa_[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole("button", { name: "Copy", exact: true }).click();
  await dialog.getByRole("button", { name: "I have copied it" }).click();
  await expect(dialog).toBeHidden();
  return secret;
}

/** POSTs JSON to the REST API with a key; the created object. */
async function postJson<T>(key: string, path: string, data: unknown) {
  const res = await fetch(`${BASE_URL}${path}`, { method: "POST", headers: { ...bearer(key), "content-type": "application/json" }, body: JSON.stringify(data) });
  expect(res.status).toBe(201);
  return (await res.json()) as T;
}

/** The status of a client-credentials token request with these credentials, and the token when one was issued. */
async function requestToken(clientId: string, secret: string) {
  const res = await fetch(`${BASE_URL}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "X-Forwarded-For": `198.51.100.${1 + Math.floor(Math.random() * 250)}` },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: secret }),
  });
  const body = (await res.json()) as { scope?: string };
  return { status: res.status, scope: body.scope };
}

test.describe("the directory console", () => {
  test("service accounts: created from the keyboard with the admin's own permissions, the secret once, then disabled, enabled, rotated and deleted", async ({ browser }) => {
    test.slow();
    const { org } = await ownerWithOrganization("service-accounts");
    const admin = await makeUser("sa-admin");
    await addMember(org.id, admin.email, 8);
    const context = await signedInContext(browser, admin.email);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();

    await page.goto(`/organizations/${org.id}/settings`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Service accounts" }).click();
    await expect(page).toHaveURL(`/organizations/${org.id}/service-accounts`);
    await expect(page.getByRole("heading", { level: 1, name: "Service accounts" })).toBeVisible();
    await expect(page).toHaveTitle(/Service accounts/);
    await expect(page.getByText("No service accounts yet")).toBeVisible();
    await auditPage(page, "service-accounts-empty", "light");

    await page.getByRole("button", { name: "New service account" }).focus();
    await page.keyboard.press("Enter");
    const create = page.getByRole("dialog", { name: "New service account" });
    await expect(create).toBeVisible();
    // An administrator cannot hand a machine what their own role lacks: deleting or creating organizations.
    await expect(create.getByRole("checkbox", { name: /Delete the organization/ })).toBeDisabled();
    await expect(create.getByRole("checkbox", { name: /Create organizations/ })).toBeDisabled();
    await create.getByRole("button", { name: "Create service account" }).click();
    await expect(create.getByLabel("Name")).toBeFocused();
    await page.keyboard.type("Directory sync");
    await create.getByRole("checkbox", { name: /Read the organization/ }).focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    await expect(create.getByRole("checkbox", { name: /List the members/ })).toBeFocused();
    await page.keyboard.press("Space");
    await auditPage(page, "service-accounts-new-dialog", "light");
    await create.getByRole("button", { name: "Create service account" }).press("Enter");

    await expect(page.getByRole("dialog", { name: "Directory sync is ready" })).toBeVisible();
    await auditPage(page, "service-accounts-secret-dialog", "light");
    const clientId = await page.getByRole("dialog", { name: "Directory sync is ready" }).locator("dd code").innerText();
    const secret = await takeSecret(page, "Directory sync is ready");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expect(toast(page, "Service account created.")).toBeVisible();

    const row = accountsTable(page).getByRole("row").filter({ hasText: "Directory sync" });
    await expect(row.getByText("Active", { exact: true })).toBeVisible();
    await expect(row.getByText(clientId).filter({ visible: true })).toHaveCount(1);
    await expect(row.getByText("Read the organization")).toBeVisible();
    await expect(row.getByText("List the members")).toBeVisible();
    await expect(row.getByText("Never")).toBeVisible();
    const first = await requestToken(clientId, secret);
    expect({ status: first.status, scope: first.scope }).toEqual({ status: 200, scope: "org.directory.get org.directory.list" });
    await page.reload();
    await expect(row.getByText("Never")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);
    await auditPage(page, "service-accounts-list", "light");

    await row.getByRole("button", { name: "Disable Directory sync" }).click();
    const disable = page.getByRole("dialog", { name: "Disable Directory sync?" });
    await expect(disable.getByRole("button", { name: "Cancel" })).toBeFocused();
    await disable.getByRole("button", { name: "Disable" }).click();
    await expect(toast(page, "Directory sync is disabled.")).toBeVisible();
    await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
    expect((await requestToken(clientId, secret)).status).toBe(400);
    await row.getByRole("button", { name: "Enable Directory sync" }).click();
    await expect(toast(page, "Directory sync is enabled.")).toBeVisible();
    await expect(row.getByText("Active", { exact: true })).toBeVisible();

    await row.getByRole("button", { name: "New secret for Directory sync" }).click();
    const rotate = page.getByRole("dialog", { name: "New client secret for Directory sync?" });
    await expect(rotate).toContainText("keeps working for 1 day");
    await rotate.getByRole("button", { name: "Make a new secret" }).click();
    await expect(page.getByRole("dialog", { name: "New client secret for Directory sync" })).toContainText("The previous secret keeps working for 1 day");
    const rotated = await takeSecret(page, "New client secret for Directory sync");
    expect(rotated).not.toBe(secret);
    expect([(await requestToken(clientId, rotated)).status, (await requestToken(clientId, secret)).status]).toEqual([200, 200]);

    await row.getByRole("button", { name: "Edit Directory sync" }).click();
    const edit = page.getByRole("dialog", { name: "Edit Directory sync" });
    await edit.getByRole("checkbox", { name: /List the members/ }).uncheck();
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(toast(page, "Service account saved.")).toBeVisible();
    await expect(row.getByText("List the members")).toHaveCount(0);

    await row.getByRole("button", { name: "Delete Directory sync" }).click();
    await page.getByRole("dialog", { name: "Delete Directory sync?" }).getByRole("button", { name: "Delete service account" }).click();
    await expect(toast(page, "Directory sync was deleted.")).toBeVisible();
    await expect(page.getByText("No service accounts yet")).toBeVisible();
    expect((await requestToken(clientId, rotated)).status).toBe(401);
    await context.close();

    const member = await makeUser("sa-member");
    await addMember(org.id, member.email, 1);
    const memberPage = await (await signedInContext(browser, member.email, { theme: "dark" })).newPage();
    await memberPage.goto(`/organizations/${org.id}/service-accounts`);
    await expect(memberPage.getByRole("note").filter({ hasText: "Only admins and owners" })).toBeVisible();
    await expect(memberPage.getByRole("button", { name: "New service account" })).toHaveCount(0);
    await auditPage(memberPage, "service-accounts-member", "dark");
    await memberPage.context().close();
  });

  test("roles: the matrix of built-in and custom roles, a custom role given to a member and a service account, and why they hold a permission", async ({ browser }) => {
    test.slow();
    const { user, key, org } = await ownerWithOrganization("roles");
    const member = await makeUser("roles-member");
    await addMember(org.id, member.email, 1);
    await postJson(key, `/api/organizations/${org.id}/service_accounts/`, { name: "Reporting bot", permissions: ["org.directory.get"] });
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();

    await page.goto(`/organizations/${org.id}/settings`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Roles" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Roles" })).toBeVisible();
    const matrix = page.getByRole("table", { name: "Roles and the directory permissions they grant" });
    const memberRow = matrix.getByRole("row", { name: /^Member Built-in/ });
    // The documented order: create, get, list, update, delete, members.create, members.delete, roles.list.
    const memberGrants = ["Not granted", "Granted", "Granted", "Not granted", "Not granted", "Not granted", "Not granted", "Granted"];
    for (const [i, name] of memberGrants.entries()) await expect(memberRow.getByRole("cell").nth(i)).toHaveAccessibleName(name);
    await expect(page.getByText("No custom roles yet")).toBeVisible();
    await auditPage(page, "roles-built-in", "light");

    await page.getByRole("button", { name: "New role" }).click();
    const create = page.getByRole("dialog", { name: "New role" });
    await create.getByLabel("Name").fill("Member manager");
    await create.getByRole("checkbox", { name: /Add members/ }).check();
    await create.getByRole("checkbox", { name: /Remove members/ }).press("Space");
    await create.getByRole("button", { name: "Create role" }).click();
    await expect(toast(page, "Role created.")).toBeVisible();
    const customRow = matrix.getByRole("row", { name: /^Member manager/ });
    await expect(customRow.getByRole("cell", { name: "Granted", exact: true })).toHaveCount(2);

    await customRow.getByRole("button", { name: "Holders of the role Member manager" }).click();
    const holders = page.getByRole("dialog", { name: "Holders of Member manager" });
    await expect(holders.getByText("Nobody holds this role yet.")).toBeVisible();
    await holders.getByLabel("Give it to").selectOption({ label: `${member.email} (member)` });
    await holders.getByRole("button", { name: "Give role" }).click();
    await expect(holders.getByRole("list", { name: "Holders of Member manager" }).getByRole("listitem").filter({ hasText: member.email })).toBeVisible();
    await holders.getByLabel("Give it to").selectOption({ label: "Reporting bot (service account)" });
    await holders.getByRole("button", { name: "Give role" }).click();
    await expect(holders.getByRole("list", { name: "Holders of Member manager" }).getByRole("listitem").filter({ hasText: "Reporting bot" })).toBeVisible();
    await auditPage(page, "roles-holders-dialog", "light");
    await holders.getByRole("button", { name: "Done" }).click();
    await expect(customRow.getByText("Custom · 2 holding it")).toBeVisible();

    const why = page.getByRole("region", { name: "Why can they do this?" });
    await why.getByLabel("Member or service account").selectOption({ label: `${member.email} (member)` });
    await why.getByLabel("Permission").selectOption("org.directory.members.create");
    await why.getByRole("button", { name: "Explain" }).click();
    await expect(why.getByText(`${member.email} holds org.directory.members.create`)).toBeVisible();
    await expect(why.getByText("Custom role: Member manager")).toBeVisible();
    await why.getByLabel("Permission").selectOption("org.directory.get");
    await why.getByRole("button", { name: "Explain" }).click();
    await expect(why.getByText("Built-in role: member")).toBeVisible();
    await why.getByLabel("Member or service account").selectOption({ label: "Reporting bot (service account)" });
    await why.getByLabel("Permission").selectOption("org.directory.update");
    await why.getByRole("button", { name: "Explain" }).click();
    await expect(why.getByText("Reporting bot does not hold org.directory.update")).toBeVisible();
    await expect(why.getByText(/What they hold: org\.directory\.get, org\.directory\.members\.create, org\.directory\.members\.delete\./)).toBeVisible();
    await auditPage(page, "roles-why", "light");

    await customRow.getByRole("button", { name: "Delete the role Member manager" }).click();
    await page.getByRole("dialog", { name: "Delete the role Member manager?" }).getByRole("button", { name: "Delete role" }).click();
    await expect(toast(page, "The role Member manager was deleted.")).toBeVisible();
    await expect(customRow).toHaveCount(0);
    await why.getByLabel("Member or service account").selectOption({ label: `${member.email} (member)` });
    await why.getByLabel("Permission").selectOption("org.directory.members.create");
    await why.getByRole("button", { name: "Explain" }).click();
    await expect(why.getByText(`${member.email} does not hold org.directory.members.create`)).toBeVisible();
    await context.close();
  });

  test("sectors: each member's pairwise subject per sector, and the sector's CSV export", async ({ browser }) => {
    const { user, key, org } = await ownerWithOrganization("sectors");
    const member = await makeUser("sectors-member");
    await addMember(org.id, member.email, 1);
    await postJson(key, `/api/organizations/${org.id}/oauth_applications/`, { name: "Billing", redirect_uris_list: ["https://billing.example.com/cb"] });
    const context = await signedInContext(browser, user.email, { theme: "dark" });
    const page = await context.newPage();

    await page.goto(`/organizations/${org.id}/sectors`);
    await expect(page.getByRole("heading", { level: 1, name: "Sectors" })).toBeVisible();
    await expect(page.getByRole("combobox", { name: "Sector" })).toHaveValue("billing.example.com");
    const table = page.getByRole("table", { name: "Pairwise subjects of the members in billing.example.com" });
    const memberRow = table.getByRole("row").filter({ hasText: member.email });
    const subject = (await memberRow.locator("code").first().innerText()).trim();
    expect(subject).toMatch(/^[0-9a-f]{64}$/);
    await expect(table.getByRole("row")).toHaveCount(3);
    await auditPage(page, "sectors", "dark");

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export this sector (CSV)" }).click();
    const file = await download;
    const csv = await (await file.createReadStream()).toArray();
    const lines = Buffer.concat(csv).toString("utf8").trim().split(/\r?\n/);
    expect(lines[0]).toBe("user_id,email,sector,subject");
    expect(lines).toContain(`${member.uuid},${member.email},billing.example.com,${subject}`);
    expect(lines).toHaveLength(3);
    await context.close();

    const memberPage = await (await signedInContext(browser, member.email)).newPage();
    await memberPage.goto(`/organizations/${org.id}/sectors`);
    await expect(memberPage.getByRole("note").filter({ hasText: "Only admins and owners" })).toBeVisible();
    await expect(memberPage.getByRole("table")).toHaveCount(0);
    await memberPage.context().close();
  });

  test("the discovery setting: an admin turns it on from the keyboard and the organization says so", async ({ browser }) => {
    const { user, key, org } = await ownerWithOrganization("discovery");
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/settings`);
    const toggle = page.getByRole("checkbox", { name: "Let people with a verified email at your verified domains find this organization" });
    await expect(toggle).not.toBeChecked();
    await toggle.focus();
    await page.keyboard.press("Space");
    await page.getByRole("button", { name: "Save members settings" }).press("Enter");
    await expect(toast(page, "Members settings saved.")).toBeVisible();
    await page.reload();
    await expect(toggle).toBeChecked();
    const res = await fetch(`${BASE_URL}/api/organizations/${org.id}/`, { headers: bearer(key) });
    expect(((await res.json()) as { allow_domain_discovery: boolean }).allow_domain_discovery).toBe(true);
    await auditPage(page, "settings-discovery", "light");
    await context.close();
  });
});
