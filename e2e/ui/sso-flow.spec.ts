import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { startE2eDnsServer, type TestDnsServer } from "../support/dns";
import { startE2eSamlIdp, type E2eSamlIdp } from "../support/saml-idp";
import { auditPage, BASE_URL, completeProviderSignIn, continueWithEmail, ownerWithOrganization, signedInContext } from "../support/ui";

// The only browser spec that runs the test DNS server (127.0.0.1:3153, the server's DNS_SERVERS) and the test SAML IdP.
let dns: TestDnsServer;
let idp: E2eSamlIdp;
test.beforeAll(async () => {
  dns = await startE2eDnsServer();
  idp = await startE2eSamlIdp();
});
test.afterAll(async () => {
  await dns?.stop();
  await idp?.stop();
});

const shownValue = (page: Page, label: string) => page.getByRole("definition").filter({ has: page.getByRole("button", { name: `Copy ${label}` }) }).locator("code");

test("an admin proves a domain, connects a SAML IdP, turns on JIT and enforcement; a new employee signs in through the IdP and lands in the organization; OIDC is then refused for the domain", async ({ browser }) => {
  test.slow();
  const { user, org } = await ownerWithOrganization("sso");
  const domain = `sso-${randomBytes(4).toString("hex")}.example.test`;
  const admin = await (await signedInContext(browser, user.email)).newPage();

  // Prove the domain: the record the page shows, served by the test DNS server.
  await admin.goto(`/organizations/${org.id}/domains`);
  await admin.getByRole("button", { name: "Add domain" }).click();
  const add = admin.getByRole("dialog", { name: "Add domain" });
  await add.getByRole("textbox", { name: "Domain" }).fill(domain);
  await add.getByRole("button", { name: "Add domain" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: domain })).toBeVisible();
  const domainId = admin.url().split("/").pop() as string;
  dns.setTxt(`_orgdeck-challenge.${domain}`, [(await shownValue(admin, "Record value").textContent()) as string]);
  await admin.getByRole("button", { name: "Verify", exact: true }).click();
  await expect(admin.getByText(/^Verified /)).toBeVisible();

  // Connect the IdP with the values it gave, and read ours back.
  await admin.getByLabel("Identity provider entity ID").fill(idp.entityId);
  await admin.getByLabel("Identity provider sign-on URL").fill(idp.ssoUrl);
  await admin.getByLabel("Identity provider certificate").fill(idp.certificate);
  await admin.getByRole("button", { name: "Save SAML settings" }).click();
  await expect(shownValue(admin, "Our ACS URL (reply URL)")).toHaveText(`${BASE_URL}/saml/${domainId}/acs`);

  // JIT first: someone at the domain who signs in with OpenID Connect joins.
  await admin.getByRole("switch", { name: "Just-in-time provisioning" }).check();
  await admin.getByRole("button", { name: "Save sign-in settings" }).click();
  await expect(admin.getByRole("switch", { name: "Just-in-time provisioning" })).toBeChecked();
  const veteran = `veteran@${domain}`;
  const oidc = await (await browser.newContext()).newPage();
  await oidc.goto("/signin");
  await continueWithEmail(oidc, veteran);
  // SAML is set up but not required: the person chooses.
  await expect(oidc.getByRole("button", { name: `Continue with ${org.name} single sign-on` })).toBeVisible();
  await auditPage(oidc, "signin-choose-method", "light");
  await oidc.getByRole("button", { name: "Continue with the development provider" }).click();
  await completeProviderSignIn(oidc, { email: veteran });
  await expect(oidc).toHaveURL(new RegExp(`/organizations/${org.id}/`));

  // Requiring SAML lists who would be locked out: the person who has only ever used OpenID Connect.
  await admin.getByLabel("Require single sign-on").selectOption("saml");
  await admin.getByRole("button", { name: "Save sign-in settings" }).click();
  const confirm = admin.getByRole("dialog", { name: /^Require SAML/ });
  await expect(confirm.getByRole("list", { name: "People who would be locked out" })).toContainText(veteran);
  await confirm.getByRole("button", { name: /^Require SAML/ }).click();
  await expect(confirm).toBeHidden();
  await expect(admin.getByLabel("Require single sign-on")).toHaveValue("saml");

  // A new employee: email first, then the organization's IdP, then straight into the organization.
  const newcomer = await (await browser.newContext()).newPage();
  await newcomer.goto("/signin");
  const email = `newcomer@${domain}`;
  await continueWithEmail(newcomer, email);
  await expect(newcomer).toHaveURL(new RegExp(`^${idp.ssoUrl}\\?SAMLRequest=`));
  await newcomer.getByLabel("Work email").fill(email);
  await newcomer.getByRole("button", { name: "Sign in to the test IdP" }).click();
  await expect(newcomer).toHaveURL(new RegExp(`${BASE_URL}/organizations/${org.id}/`));

  // The newcomer is a member (JIT, through SAML); the admin sees them.
  await admin.goto(`/organizations/${org.id}/members`);
  await expect(admin.getByRole("table")).toContainText(email);

  // Signing in with OpenID Connect as someone of the domain is now refused, with the way in it requires.
  const refused = await (await browser.newContext()).newPage();
  await refused.goto("/signin");
  await continueWithEmail(refused, `someone-${randomBytes(3).toString("hex")}@example.test`);
  await completeProviderSignIn(refused, { email: veteran });
  await expect(refused).toHaveURL(/\/signin\/refused\?reason=sso_required/);
  await expect(refused.getByRole("heading", { level: 1 })).toHaveText(`${org.name} requires single sign-on`);
  await expect(refused.getByRole("button", { name: /^Continue with your organization's SAML single sign-on/ })).toBeVisible();
  await auditPage(refused, "signin-refused-sso-required", "light");
});
