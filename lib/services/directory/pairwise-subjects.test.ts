import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { activityLog } from "../../../db/schema";
import { pairwiseKey, pairwiseSubject } from "../../crypto/pairwise-subject";
import { apiKeyOf, call, expectAppError, makeOrganization, sessionOf } from "../../testing/fixtures";
import { createOAuthApplication } from "../oauth-applications";
import type { Operation } from "../operation";
import { FileResult } from "../results";
import { exportPairwiseSubjects, listPairwiseSubjects, subjectStream } from "./pairwise-subjects";

async function textOf(file: FileResult) {
  return new Response(file.body as ReadableStream<Uint8Array>).text();
}

async function withApps(levels: (1 | 8 | 15)[] = []) {
  const made = await makeOrganization(levels);
  for (const [name, uri] of [
    ["Billing", "https://billing.example/cb"],
    ["Reports", "https://reports.example/cb"],
  ]) {
    await call(createOAuthApplication, sessionOf(made.owner), { name, redirect_uris_list: [uri] }, made.org.id);
  }
  return made;
}

describe("pairwise subjects", () => {
  test("the list pages through members of one sector with the subject pairwiseSubject computes; another sector gives other subjects", async () => {
    const { org, owner, members } = await withApps([8, 1]);
    const key = await pairwiseKey(await getDb());
    const page = await call(listPairwiseSubjects, sessionOf(owner), { sector: "billing.example", limit: "2" }, org.id);
    assert.equal(page.count, 3);
    const everyone = [owner, ...members].sort((a, b) => a.id - b.id);
    assert.deepEqual(
      page.results,
      everyone.slice(0, 2).map((u) => ({ user_id: u.uuid, email: u.email, sector: "billing.example", subject: pairwiseSubject(key, "billing.example", u.uuid) })),
    );
    const rest = await call(listPairwiseSubjects, sessionOf(owner), { sector: "BILLING.example", limit: "2", offset: "2" }, org.id);
    assert.deepEqual(rest.results.map((r) => r.user_id), [everyone[2].uuid]);
    const reports = await call(listPairwiseSubjects, sessionOf(owner), { sector: "reports.example" }, org.id);
    const bySector = new Map(page.results.map((r) => [r.user_id, r.subject]));
    for (const row of reports.results) assert.notEqual(row.subject, bySector.get(row.user_id));
    await expectAppError(call(listPairwiseSubjects, sessionOf(owner), { sector: "elsewhere.example" }, org.id), 400, "invalid_input", {
      attr: "sector",
      detail: 'No application of this organization has the sector "elsewhere.example".',
    });
    await expectAppError(call(listPairwiseSubjects, sessionOf(owner), {}, org.id), 400, "required", { attr: "sector" });
  });

  test("administrators only (org.directory.update); keys need directory:read; another organization's sector is not this one's", async () => {
    const { org, members: [admin, member] } = await withApps([8, 1]);
    assert.equal((await call(listPairwiseSubjects, apiKeyOf(admin, ["directory:read"]), { sector: "billing.example" }, org.id)).count, 3);
    for (const op of [listPairwiseSubjects, exportPairwiseSubjects] as Operation[]) {
      await expectAppError(call(op, sessionOf(member), { sector: "billing.example" }, org.id), 403, "permission_denied", { detail: "Missing permission 'org.directory.update'." });
      await expectAppError(call(op, apiKeyOf(admin, ["organization:read", "organization_member:read"]), { sector: "billing.example" }, org.id), 403, "permission_denied", {
        detail: "API key missing required scope 'directory:read'",
      });
    }
    const other = await withApps();
    await expectAppError(call(listPairwiseSubjects, sessionOf(other.owner), { sector: "billing.example" }, org.id), 403, "permission_denied");
  });

  test("the CSV export holds every member × sector, and each export is recorded in the activity log", async () => {
    const { org, owner, members } = await withApps([1]);
    const key = await pairwiseKey(await getDb());
    const file = await call(exportPairwiseSubjects, sessionOf(owner), {}, org.id);
    assert.ok(file instanceof FileResult);
    assert.equal(file.contentType, "text/csv; charset=utf-8");
    assert.match(file.filename ?? "", new RegExp(`^pairwise-subjects-${org.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const lines = (await textOf(file)).split("\r\n");
    assert.equal(lines.pop(), "");
    assert.equal(lines[0], "user_id,email,sector,subject");
    const everyone = [owner, ...members].sort((a, b) => a.id - b.id);
    const expected = ["billing.example", "reports.example"].flatMap((sector) => everyone.map((u) => `${u.uuid},${u.email},${sector},${pairwiseSubject(key, sector, u.uuid)}`));
    assert.deepEqual(lines.slice(1), expected);
    const one = await textOf(await call(exportPairwiseSubjects, sessionOf(owner), { sector: "reports.example" }, org.id));
    assert.equal(one.split("\r\n").length - 2, everyone.length);

    const entries = await (await getDb())
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.organizationId, org.id), eq(activityLog.activity, "pairwise_subjects_exported")));
    assert.equal(entries.length, 2);
    assert.deepEqual(
      entries.map((e) => [e.scope, e.userId, (e.detail as { changes: { after: unknown }[] }).changes[0].after]).sort((a, b) => String(a[2]).length - String(b[2]).length),
      [
        ["Organization", owner.id, ["reports.example"]],
        ["Organization", owner.id, ["billing.example", "reports.example"]],
      ],
    );
  });

  test("streamed a batch at a time: batch sizes below, at and above the member count give the same rows", async () => {
    const { org } = await withApps([1, 1]);
    const db = await getDb();
    const key = await pairwiseKey(db);
    const sectors = ["billing.example", "reports.example"];
    const whole = await new Response(subjectStream(db, org.id, key, sectors)).text();
    assert.equal(whole.split("\r\n").length, 1 + 3 * 2 + 1);
    for (const size of [1, 2, 3, 4]) assert.equal(await new Response(subjectStream(db, org.id, key, sectors, size)).text(), whole, `batches of ${size}`);
  });
});
