import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { generate } from "selfsigned";
import { addMember, bearer, makeUser } from "../support/cli";
import { auditPage, BASE_URL, ownerWithOrganization, signedInContext, toast } from "../support/ui";

const DAY_MS = 24 * 60 * 60 * 1000;
const uniqueDomain = (name = "acme") => `${name}-${randomBytes(4).toString("hex")}.example.test`;

type DomainWire = { id: string; domain: string; verification_challenge: string; has_saml: boolean; identity_provider_config: string | null };

/** Claims a domain through the REST API with the owner's key. */
async function claimDomain(key: string, organizationId: string, domain = uniqueDomain()) {
  const res = await fetch(`${BASE_URL}/api/organizations/${organizationId}/domains/`, {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify({ domain }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as DomainWire;
}

async function readDomain(key: string, organizationId: string, id: string) {
  const res = await fetch(`${BASE_URL}/api/organizations/${organizationId}/domains/${id}/`, { headers: bearer(key) });
  expect(res.status).toBe(200);
  return (await res.json()) as DomainWire;
}

/** The value shown beside a label in a list of values to copy. */
const shownValue = (page: Page, label: string) => page.getByRole("definition").filter({ has: page.getByRole("button", { name: `Copy ${label}` }) }).locator("code");

/** A self-signed certificate that expires in `days` days, as an identity provider would hand it over. */
async function certificate(days: number) {
  const pems = await generate([{ name: "commonName", value: "idp.example.test" }], { notAfterDate: new Date(Date.now() + days * DAY_MS) });
  return pems.cert;
}

test.describe("domains and SSO", () => {
  test("an admin adds a domain, copies its TXT record, sees the gated settings, fills SAML and deletes it", async ({ browser }) => {
    test.slow();
    const { user, key, org } = await ownerWithOrganization("domains");
    const other = await ownerWithOrganization("other");
    const taken = await claimDomain(other.key, other.org.id);
    const context = await signedInContext(browser, user.email);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();

    await page.goto(`/organizations/${org.id}/domains`);
    await expect(page.getByRole("heading", { level: 1, name: "Domains & SSO" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Domains & SSO" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { name: "No domains yet" })).toBeVisible();

    await page.getByRole("button", { name: "Add domain" }).click();
    const dialog = page.getByRole("dialog", { name: "Add domain" });
    const field = dialog.getByRole("textbox", { name: "Domain" });
    await field.fill("not a domain");
    await dialog.getByRole("button", { name: "Add domain" }).click();
    await expect(dialog.getByText("Please enter a valid domain or subdomain name.")).toBeVisible();
    // The API's own refusal lands on the field too: another organization holds this one.
    await field.fill(taken.domain);
    await dialog.getByRole("button", { name: "Add domain" }).click();
    await expect(dialog.getByText("domain with this domain already exists.")).toBeVisible();
    await expect(field).toHaveAttribute("aria-invalid", "true");

    const name = uniqueDomain();
    await field.fill(name);
    await dialog.getByRole("button", { name: "Add domain" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const domainId = page.url().split("/").pop() as string;
    const wire = await readDomain(key, org.id, domainId);

    // The record to create, each part with Copy.
    await expect(page.getByText("Not verified yet. Create the record below, then verify.")).toBeVisible();
    await expect(shownValue(page, "Record name")).toHaveText(`_orgdeck-challenge.${name}`);
    await expect(shownValue(page, "Record value")).toHaveText(wire.verification_challenge);
    await page.getByRole("button", { name: "Copy Record value" }).click();
    await expect(page.getByRole("button", { name: "Copied Record value" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(wire.verification_challenge);
    await expect(page.getByRole("button", { name: "Verify", exact: true })).toBeEnabled();

    // What needs a verified domain is disabled, and says why.
    await expect(page.getByRole("switch", { name: "Just-in-time provisioning" })).toBeDisabled();
    await expect(page.getByRole("combobox", { name: "Require single sign-on" })).toBeDisabled();
    await expect(page.getByRole("switch", { name: "Just-in-time provisioning" })).toHaveAccessibleDescription("Verify the domain first.");
    await expect(page.getByRole("combobox", { name: "Require single sign-on" })).toHaveAccessibleDescription("Verify the domain first.");
    await expect(page.getByRole("button", { name: "Enable SCIM" })).toBeDisabled();
    await expect(page.getByRole("region", { name: "SCIM provisioning" }).getByText("Verify the domain first.")).toBeVisible();

    // SAML: the provider's values in, ours out, and what its certificate says.
    await expect(shownValue(page, "Our ACS URL (reply URL)")).toHaveText(`${BASE_URL}/saml/${domainId}/acs`);
    await expect(shownValue(page, "Our entity ID (audience)")).toHaveText(new RegExp(`/saml/${domainId}/metadata$`));
    await page.getByLabel("Identity provider entity ID").fill("http://www.okta.example/exk1ab2cd");
    await page.getByLabel("Identity provider sign-on URL").fill("https://okta.example/app/sso/saml");
    await page.getByLabel("Identity provider certificate").fill(await certificate(10));
    await page.getByLabel("Accept sign-ins started at the identity provider").check();
    await page.getByRole("button", { name: "Save SAML settings" }).click();
    await expect(toast(page, "SAML settings saved.")).toBeVisible();
    const needs = page.getByRole("region", { name: "What your identity provider needs" });
    await expect(needs.getByText("CN=idp.example.test")).toBeVisible();
    await expect(needs.getByRole("note")).toContainText(/This certificate expires in (9|10) days/);
    await expect(shownValue(page, "SHA-256 fingerprint")).toHaveText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(await readDomain(key, org.id, domainId)).toMatchObject({ has_saml: true, saml_allow_idp_initiated: true, saml_acs_url: "https://okta.example/app/sso/saml" });

    await page.getByRole("link", { name: "← Domains & SSO" }).click();
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("Not verified");
    await expect(row).toContainText("Configured");

    await row.getByRole("link", { name }).click();
    await page.getByRole("button", { name: "Delete domain" }).click();
    await page.getByRole("dialog", { name: `Delete ${name}?` }).getByRole("button", { name: "Delete this domain" }).click();
    await expect(toast(page, `${name} was deleted.`)).toBeVisible();
    await expect(page.getByRole("heading", { name: "No domains yet" })).toBeVisible();
    await context.close();
  });

  test("a shared identity provider: created, SCIM token shown once and regenerated, linked to a domain, deleted", async ({ browser }) => {
    test.slow();
    const { user, key, org } = await ownerWithOrganization("idp");
    const domain = await claimDomain(key, org.id);
    const context = await signedInContext(browser, user.email);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();

    await page.goto(`/organizations/${org.id}/domains`);
    await page.getByRole("button", { name: "Add identity provider" }).click();
    const add = page.getByRole("dialog", { name: "Add identity provider" });
    await add.getByRole("textbox", { name: "Name" }).fill("Okta");
    await add.getByRole("button", { name: "Add identity provider" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Okta" })).toBeVisible();
    const configId = page.url().split("/").pop() as string;
    await expect(page.getByText("No domain is linked yet.")).toBeVisible();

    await page.getByRole("button", { name: "Enable SCIM" }).click();
    const shown = page.getByRole("dialog", { name: "SCIM token" });
    const token = shown.getByRole("textbox", { name: "SCIM token" });
    await expect(token).toHaveValue(/^odscim_[A-Za-z0-9_-]{43}$/);
    const first = await token.inputValue();
    await expect(shownValue(page, "SCIM base URL").first()).toHaveText(new RegExp(`/scim/v2/${configId}$`));
    // Not copied yet: Escape warns before closing.
    await page.keyboard.press("Escape");
    await expect(shown.getByRole("alert")).toContainText("You have not copied this token yet");
    await shown.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(shown.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
    await shown.getByRole("button", { name: "I have copied it" }).click();
    await expect(shown).toBeHidden();
    // Shown once: after a reload the page has the base URL but no token.
    await page.reload();
    await expect(page.getByRole("region", { name: "SCIM provisioning" })).toContainText("On:");
    await expect(page.getByText(first)).toHaveCount(0);

    await page.getByRole("button", { name: "Regenerate SCIM token" }).click();
    await page.getByRole("dialog", { name: "Regenerate the SCIM token?" }).getByRole("button", { name: "Regenerate token" }).click();
    const second = await page.getByRole("dialog", { name: "SCIM token" }).getByRole("textbox", { name: "SCIM token" }).inputValue();
    expect(second).toMatch(/^odscim_/);
    expect(second).not.toBe(first);
    await page.getByRole("dialog", { name: "SCIM token" }).getByRole("button", { name: "I have copied it" }).click();

    // Linked from the domain's page; the config's page then names the domain.
    await page.goto(`/organizations/${org.id}/domains/${domain.id}`);
    await page.getByRole("combobox", { name: "Identity provider", exact: true }).selectOption({ label: "Okta" });
    await page.getByRole("button", { name: "Save link" }).click();
    await expect(toast(page, "Identity provider link saved.")).toBeVisible();
    expect((await readDomain(key, org.id, domain.id)).identity_provider_config).toBe(configId);
    await page.goto(`/organizations/${org.id}/identity-providers/${configId}`);
    await expect(page.getByRole("list", { name: "Linked domains" }).getByRole("link", { name: domain.domain })).toBeVisible();

    await page.getByRole("region", { name: "Name" }).getByRole("textbox", { name: "Name" }).fill("Okta Europe");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Okta Europe" })).toBeVisible();

    await page.getByRole("button", { name: "Delete identity provider" }).click();
    await page.getByRole("dialog", { name: "Delete Okta Europe?" }).getByRole("button", { name: "Delete this identity provider" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Domains & SSO" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "No shared identity providers" })).toBeVisible();
    expect((await readDomain(key, org.id, domain.id)).identity_provider_config).toBeNull();
    await context.close();
  });

  test("a member sees the domains read-only", async ({ browser }) => {
    const { key, org } = await ownerWithOrganization("readonly");
    const domain = await claimDomain(key, org.id);
    const member = await makeUser("member");
    await addMember(org.id, member.email, 1);
    const context = await signedInContext(browser, member.email);
    const page = await context.newPage();

    await page.goto(`/organizations/${org.id}/domains`);
    await expect(page.getByRole("note").filter({ hasText: "Only admins and owners can add domains" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add domain" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Add identity provider" })).toHaveCount(0);
    await page.getByRole("link", { name: domain.domain }).click();
    await expect(page.getByRole("heading", { level: 1, name: domain.domain })).toBeVisible();
    await expect(shownValue(page, "Record name")).toHaveText(`_orgdeck-challenge.${domain.domain}`);
    await expect(page.getByRole("button", { name: "Verify", exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Save SAML settings" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete domain" })).toHaveCount(0);
    await expect(page.getByLabel("Identity provider entity ID")).toBeDisabled();

    // Another organization's domain, or none, through this organization's address: not found (after the loading
    // skeleton has streamed, so in the page rather than the status), and an organization the person is not in: 404.
    const elsewhere = await ownerWithOrganization("elsewhere");
    const foreign = await claimDomain(elsewhere.key, elsewhere.org.id);
    for (const path of [`domains/${foreign.id}`, "domains/not-an-id", `identity-providers/${foreign.id}`]) {
      await page.goto(`/organizations/${org.id}/${path}`);
      await expect(page.getByRole("heading", { level: 1, name: "Not found" }), path).toBeVisible();
      await expect(page.getByText(foreign.domain)).toHaveCount(0);
    }
    expect((await page.goto(`/organizations/${elsewhere.org.id}/domains/${foreign.id}`))?.status()).toBe(404);
    await context.close();
  });
});

for (const theme of ["light", "dark"] as const) {
  test(`the domains pages and their dialogs are axe clean (${theme} theme)`, async ({ browser }) => {
    test.slow();
    const { user, key, org } = await ownerWithOrganization("audit");
    const domain = await claimDomain(key, org.id);
    const res = await fetch(`${BASE_URL}/api/organizations/${org.id}/identity_provider_configs/`, {
      method: "POST",
      headers: { ...bearer(key), "content-type": "application/json" },
      body: JSON.stringify({ name: "Entra ID", saml_entity_id: "https://sts.example/abc", saml_acs_url: "https://login.example/saml2", saml_x509_cert: await certificate(400) }),
    });
    expect(res.status).toBe(201);
    const config = (await res.json()) as { id: string };
    const context = await signedInContext(browser, user.email, { theme });
    const page = await context.newPage();

    await page.goto(`/organizations/${org.id}/domains`);
    await expect(page.getByRole("row", { name: new RegExp(domain.domain) })).toBeVisible();
    await expect(page.getByRole("row", { name: /Entra ID/ })).toBeVisible();
    await auditPage(page, "domains", theme);
    await page.getByRole("button", { name: "Add domain" }).click();
    await expect(page.getByRole("dialog", { name: "Add domain" })).toBeVisible();
    await auditPage(page, "domains-add", theme);

    await page.goto(`/organizations/${org.id}/domains/${domain.id}`);
    await expect(page.getByRole("heading", { level: 1, name: domain.domain })).toBeVisible();
    await auditPage(page, "domain", theme);
    await page.getByRole("button", { name: "Import from metadata" }).click();
    await expect(page.getByRole("dialog", { name: "Import from identity provider metadata" })).toBeVisible();
    await auditPage(page, "domain-metadata-import", theme);

    await page.goto(`/organizations/${org.id}/identity-providers/${config.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Entra ID" })).toBeVisible();
    await expect(page.getByText("CN=idp.example.test")).toBeVisible();
    await auditPage(page, "identity-provider", theme);
    await page.getByRole("button", { name: "Enable SCIM" }).click();
    await expect(page.getByRole("dialog", { name: "SCIM token" })).toBeVisible();
    await auditPage(page, "identity-provider-scim-token", theme);
    await context.close();
  });
}
