import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { closeDb, getDb } from "../../../db/client";
import { activityLog } from "../../../db/schema";
import { JsonText } from "../../adapters/destinations";
import { makeOrganization } from "../../testing/fixtures";
import { modelRows, PAGE_ROWS } from "./models";

after(closeDb);

const START = new Date("2040-05-01T00:00:00Z");
const END = new Date("2040-05-02T00:00:00Z");

describe("a model's rows of an interval", () => {
  test("come out once each, in (time, id) order, across pages whose edges fall among rows of the same time", async () => {
    const db = await getDb();
    const { org } = await makeOrganization([]);
    // Three rows per millisecond, so page edges fall inside a run of equal times; one row just outside each end.
    const total = PAGE_ROWS * 2 + 7;
    const entries = Array.from({ length: total }, (_, i) => ({ at: new Date(START.getTime() + 1000 + Math.floor(i / 3)) }));
    entries.push({ at: new Date(START.getTime() - 1) }, { at: END });
    await db.insert(activityLog).values(
      entries.map((e, i) => ({ organizationId: org.id, scope: "Organization", itemId: String(i), activity: "updated", detail: { n: i }, createdAt: e.at })),
    );
    const rows = [];
    for await (const row of modelRows(db, "events", { organizationId: org.id, start: START, end: END, filters: null })) rows.push(row);
    assert.equal(rows.length, total);
    assert.equal(new Set(rows.map((r) => r.id)).size, total, "no row twice");
    const keys = rows.map((r) => `${r.created_at}|${r.id}`);
    assert.deepEqual(keys, [...keys].sort(), "in (time, id) order");
    assert.deepEqual(Object.keys(rows[0]), ["id", "created_at", "scope", "activity", "item_id", "is_system", "user_uuid", "user_email", "detail"]);
    assert.equal(rows[0].created_at, new Date(START.getTime() + 1000).toISOString());
    // JSON stays the database's text until a destination serializes the row.
    assert.ok(rows[0].detail instanceof JsonText);
    assert.equal(JSON.stringify(rows[0]).endsWith(`"detail":{"n":${Number(rows[0].item_id)}}}`), true);

    // A reader that stops early ends the rows without an unhandled failure of the page asked for meanwhile.
    let read = 0;
    for await (const _row of modelRows(db, "events", { organizationId: org.id, start: START, end: END, filters: null })) {
      read += 1;
      if (read === PAGE_ROWS) break;
    }
    assert.equal(read, PAGE_ROWS);
  });
});
