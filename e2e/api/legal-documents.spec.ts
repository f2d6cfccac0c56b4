import { randomUUID } from "node:crypto";
import { expect, test } from "./recording";
import { bearer, makeKey, makeOrganization, makeSession } from "../support/cli";
import { E, err, expectError, expectOk, isoDate, SITE_URL, uuidRe } from "./helpers";

/**
 * The legal documents API over HTTP on the suite's server (local e-signature): who may call it, the create rules, one
 * document per type, the 404s, deletion. Signing end to end is in legal-documents-signing.spec.ts, PandaDoc in
 * legal-documents-pandadoc.spec.ts.
 */
const docs = (orgId: string, rest = "") => `/api/organizations/${orgId}/legal_documents/${rest}`;
const body = (type = "DPA", extra: Record<string, unknown> = {}) => ({
  document_type: type,
  company_name: "Acme Inc.",
  company_address: "1 Main Street, Springfield",
  representative_email: "legal@acme.example",
  ...extra,
});
const invalid = (code: string, detail: string, attr: string | null) => err("validation_error", code, detail, attr);

test.describe("legal documents: rules over HTTP", () => {
  test("create answers 201 with the DTO; the list is newest first and holds only this organization's documents", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const dpa = await expectOk(await request.post(docs(org.id), { headers: bearer(ownerKey), data: body("DPA", { dpa_mode: "lawyer", representative_name: "ignored" }) }), 201);
    expect(Object.keys(dpa).sort()).toEqual(["company_name", "created_at", "created_by", "document_type", "id", "representative_email", "status"]);
    expect(dpa).toMatchObject({ document_type: "DPA", company_name: "Acme Inc.", representative_email: "legal@acme.example", status: "submitted_for_signature" });
    expect(dpa.id).toMatch(uuidRe);
    expect(dpa.created_at).toMatch(isoDate);
    expect(dpa.created_by).toEqual({ first_name: owner.first_name, email: owner.email });
    const baa = await expectOk(await request.post(docs(org.id), { headers: bearer(ownerKey), data: body("BAA") }), 201);
    const other = await makeOrganization();
    await expectOk(await request.post(docs(other.org.id), { headers: bearer(other.ownerKey), data: body("DPA") }), 201);

    const list = await expectOk(await request.get(docs(org.id), { headers: bearer(ownerKey) }));
    expect(list.count).toBe(2);
    expect(list.results.map((d: { id: string }) => d.id)).toEqual([baa.id, dpa.id]);
    expect(list.next).toBeNull();
    const paged = await expectOk(await request.get(`${docs(org.id)}?limit=1`, { headers: bearer(ownerKey) }));
    expect(paged.results.map((d: { id: string }) => d.id)).toEqual([baa.id]);
    expect(paged.next).toBe(`${SITE_URL}${docs(org.id)}?limit=1&offset=1`);
    expect(await expectOk(await request.get(docs(org.id, `${dpa.id}/`), { headers: bearer(ownerKey) }))).toEqual(dpa);
    expect(await expectOk(await request.get(`/api/organizations/@current/legal_documents/${dpa.id}`, { headers: bearer(ownerKey) }))).toEqual(dpa);
  });

  test("each create rule answers its 400, and a second document of a type is refused", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const post = (data: unknown) => request.post(docs(org.id), { headers: bearer(ownerKey), data });
    await expectError(await post(body("MSA")), 400, invalid("invalid_choice", '"MSA" is not a valid choice.', "document_type"));
    await expectError(await post({ ...body(), document_type: undefined }), 400, E.required("document_type"));
    await expectError(await post({ ...body(), company_name: undefined }), 400, E.required("company_name"));
    await expectError(await post(body("DPA", { company_name: "x".repeat(256) })), 400, E.maxLength(255, "company_name"));
    await expectError(await post({ ...body(), company_address: undefined }), 400, E.required("company_address"));
    await expectError(await post(body("DPA", { company_address: "x".repeat(513) })), 400, E.maxLength(512, "company_address"));
    await expectError(await post({ ...body(), representative_email: undefined }), 400, E.required("representative_email"));
    await expectError(await post(body("DPA", { representative_email: "not an email" })), 400, E.invalid("Enter a valid email address.", "representative_email"));
    await expectError(await post([body()]), 400, E.notADict("list"));
    await expectOk(await post(body("DPA", { company_name: "x".repeat(255), company_address: "y".repeat(512) })), 201);
    for (const type of ["DPA", "BAA"]) {
      if (type === "BAA") await expectOk(await post(body("BAA")), 201);
      await expectError(await post(body(type)), 400, E.invalid(`Your organization already has a ${type}. Contact support if you need a new one.`, "document_type"));
    }
    const both = await expectOk(await request.get(docs(org.id), { headers: bearer(ownerKey) }));
    expect(both.results.map((d: { document_type: string }) => d.document_type).sort()).toEqual(["BAA", "DPA"]);
  });

  test("two creates of one type at once: one 201, one 400", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const answers = await Promise.all([0, 1, 2].map(() => request.post(docs(org.id), { headers: bearer(ownerKey), data: body("BAA") })));
    expect(answers.map((a) => a.status()).sort()).toEqual([201, 400, 400]);
  });

  test("a member gets 403 on every method, reads included; the admin may", async ({ request }) => {
    const { org, ownerKey, members } = await makeOrganization([1, 8]);
    const [member, admin] = members;
    const doc = await expectOk(await request.post(docs(org.id), { headers: bearer(admin.key), data: body() }), 201);
    const cookie = { Cookie: await makeSession(member.email), Origin: SITE_URL };
    for (const headers of [bearer(member.key), cookie]) {
      await expectError(await request.get(docs(org.id), { headers }), 403, E.levelInsufficient);
      await expectError(await request.post(docs(org.id), { headers, data: body("BAA") }), 403, E.levelInsufficient);
      await expectError(await request.get(docs(org.id, `${doc.id}/`), { headers }), 403, E.levelInsufficient);
      await expectError(await request.delete(docs(org.id, `${doc.id}/`), { headers }), 403, E.levelInsufficient);
      await expectError(await request.post(docs(org.id, `${doc.id}/resend/`), { headers }), 403, E.levelInsufficient);
    }
    await expectError(await request.get(docs(org.id, `${doc.id}/download/`), { headers: cookie, maxRedirects: 0 }), 403, E.levelInsufficient);
    await expectOk(await request.get(docs(org.id), { headers: bearer(ownerKey) }));
    const outsider = await makeOrganization();
    await expectError(await request.get(docs(org.id), { headers: bearer(outsider.ownerKey) }), 403, E.denied());
  });

  test("personal API keys: read and write scopes as the table says; never for download", async ({ request }) => {
    const { org, owner } = await makeOrganization();
    const [read, write, other, all] = await Promise.all(["legal_document:read", "legal_document:write", "organization:read", "*"].map((s) => makeKey(owner.email, s)));
    const doc = await expectOk(await request.post(docs(org.id), { headers: bearer(write), data: body() }), 201);
    await expectOk(await request.get(docs(org.id), { headers: bearer(read) }));
    await expectOk(await request.get(docs(org.id, `${doc.id}/`), { headers: bearer(read) }));
    await expectOk(await request.get(docs(org.id, `${doc.id}/`), { headers: bearer(write) }), 200);
    await expectError(await request.post(docs(org.id), { headers: bearer(read), data: body("BAA") }), 403, E.missingScope("legal_document:write"));
    await expectError(await request.delete(docs(org.id, `${doc.id}/`), { headers: bearer(read) }), 403, E.missingScope("legal_document:write"));
    await expectError(await request.post(docs(org.id, `${doc.id}/resend/`), { headers: bearer(read) }), 403, E.missingScope("legal_document:write"));
    await expectError(await request.get(docs(org.id), { headers: bearer(other) }), 403, E.missingScope("legal_document:read"));
    for (const key of [read, write, all]) {
      await expectError(await request.get(docs(org.id, `${doc.id}/download/`), { headers: bearer(key), maxRedirects: 0 }), 403, E.denied("This action does not support personal API key access"));
    }
    await expectOk(await request.post(docs(org.id, `${doc.id}/resend/`), { headers: bearer(write) }));
    await expectOk(await request.delete(docs(org.id, `${doc.id}/`), { headers: bearer(write) }), 204);
  });

  test("malformed, unknown and other organizations' ids are 404 on every route", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const other = await makeOrganization();
    const foreign = await expectOk(await request.post(docs(other.org.id), { headers: bearer(other.ownerKey), data: body() }), 201);
    const cookie = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
    for (const id of ["not-a-uuid", "123", randomUUID(), foreign.id]) {
      await expectError(await request.get(docs(org.id, `${id}/`), { headers: bearer(ownerKey) }), 404, E.notFound);
      await expectError(await request.delete(docs(org.id, `${id}/`), { headers: bearer(ownerKey) }), 404, E.notFound);
      await expectError(await request.post(docs(org.id, `${id}/resend/`), { headers: bearer(ownerKey) }), 404, E.notFound);
      await expectError(await request.get(docs(org.id, `${id}/download/`), { headers: cookie, maxRedirects: 0 }), 404, E.notFound);
    }
    await expectOk(await request.get(docs(other.org.id, `${foreign.id}/`), { headers: bearer(other.ownerKey) }));
    await expectError(await request.get(docs(randomUUID()), { headers: bearer(ownerKey) }), 404, E.orgNotFound);
  });

  test("deleting an unsigned document answers 204, logs it and frees its type; download is 404 until signed", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const doc = await expectOk(await request.post(docs(org.id), { headers: bearer(ownerKey), data: body("BAA") }), 201);
    const cookie = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
    await expectError(await request.get(docs(org.id, `${doc.id}/download/`), { headers: cookie, maxRedirects: 0 }), 404, E.notFound);
    await expectOk(await request.delete(docs(org.id, `${doc.id}/`), { headers: cookie }), 204);
    await expectError(await request.get(docs(org.id, `${doc.id}/`), { headers: bearer(ownerKey) }), 404, E.notFound);
    const again = await expectOk(await request.post(docs(org.id), { headers: bearer(ownerKey), data: body("BAA") }), 201);
    expect(again.id).not.toBe(doc.id);
    const log = await expectOk(await request.get(`/api/organizations/${org.id}/activity_log/?scope=LegalDocument`, { headers: bearer(ownerKey) }));
    const entries = log.results.filter((e: { scope: string }) => e.scope === "LegalDocument").map((e: { activity: string; item_id: string }) => `${e.activity} ${e.item_id}`);
    expect(entries).toEqual(expect.arrayContaining([`created ${doc.id}`, `deleted ${doc.id}`, `created ${again.id}`]));
  });

  test("the PandaDoc webhook is 404 where PandaDoc is not the provider", async ({ request }) => {
    const res = await request.post("/api/legal_documents/pandadoc?signature=00", { data: [{ event: "document_state_changed", data: { id: "x", status: "document.completed" } }] });
    await expectError(res, 404, E.notFound);
  });
});
