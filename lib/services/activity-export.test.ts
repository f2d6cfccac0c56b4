import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { getDb } from "../../db/client";
import { activityLog } from "../../db/schema";
import { ADMIN, MEMBER } from "../auth/permissions";
import type { Principal } from "../auth/principal";
import { LEVEL_INSUFFICIENT } from "../errors";
import { apiKeyOf, call, expectAppError, makeOrganization, sessionOf } from "../testing/fixtures";
import { EXPORT_BATCH_SIZE, exportActivityLog } from "./activity-export";
import { listActivityLog } from "./activity-log";
import { updateMember } from "./members";
import { updateOrganization } from "./organizations";
import type { Page } from "./page";
import { FileResult } from "./results";

async function download(result: unknown) {
  assert.ok(result instanceof FileResult);
  assert.ok(result.body instanceof ReadableStream);
  return { file: result, text: await new Response(result.body).text() };
}

describe("recording how the actor came in", () => {
  test("the console, an API key by its label (never its value), and the client address", async () => {
    const { org, owner, members } = await makeOrganization([MEMBER]);
    await call(updateMember, { ...sessionOf(owner), address: "203.0.113.7" }, { user__uuid: members[0].uuid, level: ADMIN }, org.id);
    const deployBot: Principal = { kind: "api_key", user: owner, key: { id: "k", label: "deploy bot", scopes: ["*"], scopedOrganizations: [] } };
    await call(updateOrganization, deployBot, { name: "Renamed" }, org.id);
    // Picked by what they record, not by position: entries of the same millisecond have no fixed order.
    const page = (await call(listActivityLog, sessionOf(owner), { limit: "20" }, org.id)) as Page<{ scope: string; activity: string; detail: Record<string, unknown> }>;
    const pick = (scope: string) => page.results.find((e) => e.scope === scope && e.activity === "updated")!.detail;
    const [renamed, promoted] = [pick("Organization"), pick("OrganizationMembership")];
    assert.deepEqual(renamed.via, { kind: "api_key", key_label: "deploy bot" });
    assert.equal(renamed.address, undefined);
    assert.deepEqual(promoted.via, { kind: "console" });
    assert.equal(promoted.address, "203.0.113.7");
    assert.ok(!JSON.stringify(page.results).includes("odk_"));
  });
});

describe("exportActivityLog", () => {
  test("a member without access is refused with the list's message; a key needs activity_log:read", async () => {
    const { org, owner, members } = await makeOrganization([MEMBER]);
    await expectAppError(call(exportActivityLog, sessionOf(members[0]), { format: "csv" }, org.id), 403, "permission_denied", { detail: LEVEL_INSUFFICIENT });
    await expectAppError(call(exportActivityLog, apiKeyOf(owner, ["organization:read"]), { format: "csv" }, org.id), 403, "permission_denied", {
      detail: "API key missing required scope 'activity_log:read'",
    });
    await download(await call(exportActivityLog, apiKeyOf(owner, ["activity_log:read"]), { format: "jsonl" }, org.id));
  });

  test("every matching entry arrives once, newest first, across batches, entries of the same moment included", async () => {
    const { org, owner } = await makeOrganization();
    const db = await getDb();
    const moment = new Date("2030-01-01T00:00:00.123Z");
    const total = EXPORT_BATCH_SIZE * 2 + 7;
    await db.insert(activityLog).values(
      Array.from({ length: total }, (_, i) => ({
        organizationId: org.id,
        scope: "Widget",
        itemId: String(i),
        activity: "polished",
        detail: { name: `W${i}`, changes: [] },
        // Runs of entries share a moment, so the keyset must order by id within one.
        createdAt: new Date(moment.getTime() + Math.floor(i / 50) * 1000),
      })),
    );
    const { file, text } = await download(await call(exportActivityLog, sessionOf(owner), { format: "jsonl", scope: "Widget" }, org.id));
    assert.equal(file.contentType, "application/x-ndjson; charset=utf-8");
    assert.match(file.filename ?? "", /^activity-log-.+\.jsonl$/);
    const entries = text.trimEnd().split("\n").map((line) => JSON.parse(line) as { item_id: string; created_at: string });
    assert.equal(entries.length, total);
    assert.equal(new Set(entries.map((e) => e.item_id)).size, total);
    const times = entries.map((e) => Date.parse(e.created_at));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
  });

  test("CSV has a header, words for people, and filters applied", async () => {
    const { org, owner, members } = await makeOrganization([MEMBER]);
    await call(updateMember, sessionOf(owner), { user__uuid: members[0].uuid, level: ADMIN }, org.id);
    await call(updateOrganization, sessionOf(owner), { name: "=cmd()" }, org.id);
    const { file, text } = await download(await call(exportActivityLog, sessionOf(owner), { format: "csv", scope: "OrganizationMembership", activity: "updated" }, org.id));
    assert.equal(file.contentType, "text/csv; charset=utf-8");
    const lines = text.trimEnd().split("\r\n");
    assert.equal(lines[0], "id,created_at,person,person_email,way_in,address,summary,object,activity,item_id,item_name,changes");
    assert.equal(lines.length, 2);
    assert.match(lines[1], /owner Tester changed the level of level1-/);
    assert.match(lines[1], /,Console,/);
    assert.match(lines[1], /Level: member → administrator$/);
    const renamed = await download(await call(exportActivityLog, sessionOf(owner), { format: "csv", scope: "Organization", activity: "updated" }, org.id));
    assert.match(renamed.text, /,'=cmd\(\),/);
  });
});
