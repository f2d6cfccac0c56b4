import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { documentSha256, legalDocumentText } from "../../lib/services/legal-documents/document-text";
import { addMember, bearer, makeUser, uniqueEmail } from "../support/cli";
import type { FakePandaDoc } from "../support/fake-pandadoc";
import { fold, generate, generateDialog, ownerOn, row, section, signFromKeyboard, startPandadocServer, tabTo } from "../support/legal-documents";
import { startSecondServer } from "../support/second-server";
import { startSmtpCatcher, type SmtpCatcher } from "../support/smtp";
import { auditPage, BASE_URL, ownerWithOrganization, signedInContext, signedOutContext, toast } from "../support/ui";

/**
 * The Legal documents section in the browser: the whole local signing flow on a server with its own mail catcher, the
 * PandaDoc cancellation failure on a server with a fake PandaDoc, and the suite server for the rest.
 */
const pdftotext = promisify(execFile);

test.describe("the whole local signing flow", () => {
  /**
   * A server of the same build whose SMTP_URL is this spec's own mail catcher (the suite server's SMTP port belongs to
   * the invitation spec): the signing email is read as it arrives on the wire.
   */
  const PORT = Number(process.env.E2E_PORT ?? 3100) + 42;
  let server: Awaited<ReturnType<typeof startSecondServer>>;
  let catcher: SmtpCatcher;

  test.describe.configure({ mode: "serial", timeout: 180_000 });
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    catcher = await startSmtpCatcher();
    server = await startSecondServer({ port: PORT, env: { SMTP_URL: catcher.url } });
  });
  test.afterAll(async () => {
    server?.stop();
    await catcher?.stop();
  });

  test("an admin generates a DPA, the representative signs it from the keyboard as Łukasz Żółć, the PDF names the company, the signer and the text's hash", async ({ browser }) => {
    const { org, page } = await ownerOn(browser, server, "Ada");
    await page.goto(section(org.id));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Legal documents");

    const company = "Żabka Łódź Sp. z o.o.";
    const address = "ul. Piotrkowska 1, 90-001 Łódź";
    const representative = uniqueEmail("representative");
    await page.getByRole("button", { name: "Generate document" }).click();
    await expect(generateDialog(page).getByRole("radio", { name: "Data Processing Agreement (DPA)" })).toBeChecked();
    await generate(page, { type: "DPA", company, address, email: representative });
    await expect(toast(page, `DPA sent for signature to ${representative}.`)).toBeVisible();
    await expect(row(page, "DPA")).toContainText("Sent for signature");
    await expect(row(page, "DPA")).toContainText(company);

    const mail = await catcher.waitFor((m) => m.envelopeTo.includes(representative), 20_000);
    expect(mail.subject).toContain("Data Processing Agreement");
    const link = mail.text.match(/http:\/\/localhost:\d+\/legal\/sign\/[\w-]+/)?.[0];
    expect(link, "the signing link in the email").toBeTruthy();

    // The text the service renders for these details, and its fingerprint, computed as the service computes it.
    const text = legalDocumentText({ documentType: "DPA", companyName: company, companyAddress: address, representativeEmail: representative, providerName: new URL(server.baseURL).host });
    const sha256 = documentSha256(text);

    const signer = await (await signedOutContext(browser)).newPage();
    await signer.goto(link!);
    await expect(signer.getByRole("heading", { level: 1 })).toHaveText("Data Processing Agreement");
    const shown = fold(await signer.getByRole("article").innerText());
    for (const part of text.sections) {
      await expect(signer.getByRole("heading", { level: 2, name: part.heading, exact: true })).toBeVisible();
      for (const paragraph of part.paragraphs) expect(shown).toContain(fold(paragraph));
    }
    await expect(signer.getByText(`Document SHA-256: ${sha256}`)).toBeVisible();
    await auditPage(signer, "legal-signing-page", "light");
    const dark = await (await signedOutContext(browser, "dark")).newPage();
    await dark.goto(link!);
    await expect(dark.getByRole("heading", { level: 1 })).toHaveText("Data Processing Agreement");
    await auditPage(dark, "legal-signing-page", "dark");
    await dark.context().close();

    // Keyboard only: Tab into the form; a name of spaces comes back with the problem named and that field focused.
    const fullName = signer.getByLabel("Full name", { exact: true });
    await tabTo(signer, fullName);
    await signFromKeyboard(signer, "   ", "Prezes Zarządu");
    await expect(signer.getByRole("alert").filter({ hasText: "Enter" })).toHaveText("Enter your full name.");
    await expect(fullName).toBeFocused();
    await expect(fullName).toHaveAttribute("aria-invalid", "true");
    await expect(fullName).toHaveAccessibleDescription("Enter your full name.");
    await auditPage(signer, "legal-signing-error", "light");
    await signFromKeyboard(signer, "Łukasz Żółć", "Prezes Zarządu");
    await expect(signer.getByRole("heading", { level: 1 })).toHaveText("This document is signed");
    await auditPage(signer, "legal-signing-done", "light");
    await signer.context().close();

    // The list follows until nothing waits for signature, then checks until the signed PDF is stored.
    const signed = row(page, "DPA");
    await expect(signed.getByText("Signed", { exact: true })).toBeVisible({ timeout: 40_000 });
    await expect(signed.getByRole("button", { name: /Resend email/ })).toHaveCount(0);
    const downloading = page.waitForEvent("download");
    await signed.getByRole("link", { name: `Download PDF of DPA for ${company}` }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "orgdeck-legal-")), "signed.pdf");
    await download.saveAs(file);

    const { stdout } = await pdftotext("pdftotext", ["-enc", "UTF-8", file, "-"]);
    expect(stdout).toContain(company);
    expect(stdout).toContain("Łukasz Żółć");
    // A table cell may wrap the 64 hex digits; the digits themselves stay in order.
    expect(stdout.replace(/\s+/g, "")).toContain(sha256);

    // A signed document stays: Delete explains why instead of deleting.
    await signed.getByRole("button", { name: `Delete DPA for ${company}` }).click();
    const refusal = page.getByRole("dialog", { name: `DPA for ${company} can't be deleted` });
    await expect(refusal).toContainText("A signed agreement stays on record");
    await refusal.getByRole("button", { name: "Close" }).click();
    await expect(refusal).toBeHidden();
    await expect(signed).toBeVisible();
    await page.context().close();
  });
});

test.describe("through PandaDoc", () => {
  /** A server of the same build signing through a fake of PandaDoc's API, whose envelope cancellation can be made to fail. */
  const PORT = Number(process.env.E2E_PORT ?? 3100) + 44;
  let server: Awaited<ReturnType<typeof startSecondServer>>;
  let fake: FakePandaDoc;

  test.describe.configure({ mode: "serial", timeout: 120_000 });
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    ({ server, fake } = await startPandadocServer({ port: PORT, apiKey: "legal-ui-key", secret: "legal-ui-webhook-secret" }));
  });
  test.afterAll(async () => {
    server?.stop();
    await fake?.stop();
  });

  test("when PandaDoc does not cancel the envelope, the delete dialog explains that the document was kept, and Retry deletes it", async ({ browser }) => {
    const { org, page } = await ownerOn(browser, server, "Vera");
    await page.goto(section(org.id));
    const representative = uniqueEmail("vera-rep");
    await page.getByRole("button", { name: "Generate document" }).click();
    await generate(page, { type: "BAA", company: "Vera Health", address: "2 Side St", email: representative });
    await expect(toast(page, `BAA sent for signature to ${representative}.`)).toBeVisible();
    const envelope = () => [...fake.documents.values()].find((d) => JSON.stringify(d.recipients).includes(representative));
    await expect.poll(() => envelope()?.status, { timeout: 20_000 }).toBe("document.sent");

    fake.failVoid = true;
    await row(page, "BAA").getByRole("button", { name: "Delete BAA for Vera Health" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete BAA for Vera Health?" });
    await confirm.getByRole("button", { name: "Delete document" }).click();
    await expect(confirm.getByRole("alert")).toContainText("didn't cancel the signature request, so the document was kept");
    await auditPage(page, "legal-documents-void-failed", "light");
    await expect(row(page, "BAA")).toBeVisible();

    fake.failVoid = false;
    await confirm.getByRole("button", { name: "Retry" }).click();
    await expect(toast(page, "BAA for Vera Health was deleted. You can generate a new BAA.")).toBeVisible();
    await expect(confirm).toBeHidden();
    await expect(page.getByText("No legal documents yet")).toBeVisible();
    expect(envelope()?.status).toBe("document.voided");
    await page.context().close();
  });
});

test("an admin resends a BAA's signing email, deletes it after confirming, and a DPA that exists cannot be generated twice", async ({ browser }) => {
  const { user, key, org } = await ownerWithOrganization("Lena");
  const page = await (await signedInContext(browser, user.email)).newPage();
  await page.goto(section(org.id));
  await expect(page.getByText("No legal documents yet")).toBeVisible();
  await auditPage(page, "legal-documents-empty", "light");

  await page.getByRole("button", { name: "Generate document" }).click();
  await auditPage(page, "legal-documents-generate", "light");
  // The schema the API uses checks the form first: nothing leaves the browser until the fields are right.
  await generateDialog(page).getByRole("button", { name: "Send for signature" }).click();
  await expect(generateDialog(page).getByLabel("Company name")).toBeFocused();
  await expect(generateDialog(page).getByLabel("Company name")).toHaveAttribute("aria-invalid", "true");

  const representative = uniqueEmail("baa-rep");
  await generate(page, { type: "BAA", company: "Clinic Co.", address: "1 Main St, Springfield", email: representative });
  await expect(toast(page, `BAA sent for signature to ${representative}.`)).toBeVisible();
  const baa = row(page, "BAA");
  await expect(baa).toContainText("Sent for signature");
  await expect(baa).toContainText(representative);
  await auditPage(page, "legal-documents-rows", "light");

  await baa.getByRole("button", { name: "Resend email for BAA for Clinic Co." }).click();
  await expect(toast(page, `Signing email sent again to ${representative}.`)).toBeVisible();

  // A DPA made elsewhere while this page was open: the form still offers it, and the API's refusal shows at the field.
  const made = await fetch(`${BASE_URL}/api/organizations/${org.id}/legal_documents/`, {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify({ document_type: "DPA", company_name: "Clinic Co.", company_address: "1 Main St", representative_email: representative }),
  });
  expect(made.status).toBe(201);
  await page.getByRole("button", { name: "Generate document" }).click();
  await generate(page, { type: "DPA", company: "Clinic Co.", address: "1 Main St", email: representative });
  const dialog = generateDialog(page);
  await expect(dialog.getByRole("group", { name: "Document" })).toContainText("Your organization already has a DPA. Contact support if you need a new one.");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Once the list knows of it, the type is disabled with the reason.
  await page.reload();
  await expect(row(page, "DPA")).toBeVisible();
  await page.getByRole("button", { name: "Generate document" }).click();
  await expect(dialog.getByRole("radio", { name: "Data Processing Agreement (DPA)" })).toBeDisabled();
  await expect(dialog.getByRole("radio", { name: "Business Associate Agreement (BAA)" })).toBeDisabled();
  await expect(dialog).toContainText("Your organization already has a DPA waiting for signature.");
  await expect(dialog.getByRole("button", { name: "Send for signature" })).toBeDisabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await baa.getByRole("button", { name: "Delete BAA for Clinic Co." }).click();
  const confirm = page.getByRole("dialog", { name: "Delete BAA for Clinic Co.?" });
  await expect(confirm).toContainText(`The signing link sent to ${representative} stops working`);
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await auditPage(page, "legal-documents-delete", "light");
  await confirm.getByRole("button", { name: "Delete document" }).click();
  await expect(toast(page, "BAA for Clinic Co. was deleted. You can generate a new BAA.")).toBeVisible();
  await expect(row(page, "BAA")).toHaveCount(0);
  await expect(row(page, "DPA")).toBeVisible();

  const list = await fetch(`${BASE_URL}/api/organizations/${org.id}/legal_documents/`, { headers: bearer(key) });
  expect(((await list.json()) as { results: { document_type: string }[] }).results.map((d) => d.document_type)).toEqual(["DPA"]);
});

test("a member is told that only admins and owners manage legal documents, and sees no controls", async ({ browser }) => {
  const { org } = await ownerWithOrganization("Owen");
  const member = await makeUser("Mira");
  await addMember(org.id, member.email, 1);
  const page = await (await signedInContext(browser, member.email)).newPage();
  await page.goto(section(org.id));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Legal documents");
  await expect(page.getByRole("note").filter({ hasText: "Only admins and owners can see, generate and download legal documents" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Generate document" })).toHaveCount(0);
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Legal documents" })).toHaveAttribute("aria-current", "page");
  await auditPage(page, "legal-documents-member", "light");
});

test("the legal documents page with a row and its generate dialog are axe clean in the dark theme", async ({ browser }) => {
  const { user, key, org } = await ownerWithOrganization("Dora");
  const made = await fetch(`${BASE_URL}/api/organizations/${org.id}/legal_documents/`, {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify({ document_type: "DPA", company_name: "Dark Mode Inc.", company_address: "3 Night Rd", representative_email: uniqueEmail("dora-rep") }),
  });
  expect(made.status).toBe(201);
  const page = await (await signedInContext(browser, user.email, { theme: "dark" })).newPage();
  await page.goto(section(org.id));
  await expect(row(page, "DPA")).toContainText("Sent for signature");
  await auditPage(page, "legal-documents-rows", "dark");
  await page.getByRole("button", { name: "Generate document" }).click();
  await expect(generateDialog(page).getByRole("radio", { name: "Data Processing Agreement (DPA)" })).toBeDisabled();
  await expect(generateDialog(page).getByRole("radio", { name: "Business Associate Agreement (BAA)" })).toBeChecked();
  await auditPage(page, "legal-documents-generate", "dark");
  await page.context().close();
});
