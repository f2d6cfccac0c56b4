import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { closeDb, getDb } from "../db/client";
import { serializeError } from "./log";

after(() => closeDb());

describe("logged database errors", () => {
  test("keep the query but not the values bound to it, on either database", async () => {
    const db = await getDb();
    const secret = "odk_secret-value-that-must-not-be-logged";
    const failure = await db.execute(sql`select ${secret}::integer`).then(
      () => null,
      (err: unknown) => err,
    );
    assert.ok(failure instanceof Error, "the query should fail");
    assert.ok(JSON.stringify({ ...failure, message: failure.message, stack: failure.stack }).includes(secret), "the driver's error carries the value");
    const logged = JSON.stringify(serializeError(failure));
    assert.ok(!logged.includes(secret), logged);
    assert.match(logged, /select \$1::integer/);
  });

  test("a unique violation's detail names the key but not its value", async () => {
    const db = await getDb();
    const secret = `secret-${Date.now()}`;
    await db.execute(sql`insert into instance_settings (key, value) values (${secret}, 'x')`);
    try {
      const failure = await db.execute(sql`insert into instance_settings (key, value) values (${secret}, 'x')`).then(
        () => null,
        (err: unknown) => err,
      );
      assert.ok(failure instanceof Error, "the insert should fail");
      const logged = JSON.stringify(serializeError(failure));
      assert.ok(!logged.includes(secret), logged);
      assert.match(logged, /instance_settings/);
    } finally {
      await db.execute(sql`delete from instance_settings where key = ${secret}`);
    }
  });
});
