import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { gunzipSync } from "node:zlib";
import { gzipJsonLines } from "./json-lines";
import { closableTestRows, testRow, testRows } from "./test-servers";

test("the body is the rows as gzip JSON Lines, counted", async () => {
  const count = { rows: 0, bytes: 0 };
  const { body, closed } = gzipJsonLines(testRows(3000), count);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  await closed;
  const lines = gunzipSync(Buffer.concat(chunks)).toString("utf8").split("\n").filter(Boolean);
  assert.equal(lines.length, 3000);
  assert.deepEqual(JSON.parse(lines[42]), JSON.parse(JSON.stringify(testRow(42))));
  assert.deepEqual(count, { rows: 3000, bytes: Buffer.concat(chunks).length });
});

// An upload that waits on its service stops reading; if it then fails, the body is destroyed while gzip holds a write back.
for (const pauseMs of [0, 5, 50]) {
  test(`a body destroyed after its reader paused ${pauseMs} ms closes the rows and settles`, async () => {
    const source = closableTestRows(200_000);
    const { body, closed } = gzipJsonLines(source.rows, { rows: 0, bytes: 0 });
    let read = 0;
    await new Promise<void>((resolve) =>
      body.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read > 100_000) {
          body.pause();
          resolve();
        }
      }),
    );
    await sleep(pauseMs);
    body.destroy();
    assert.equal(await Promise.race([closed.then(() => "settled"), sleep(5_000).then(() => "still waiting")]), "settled");
    assert.ok(source.closed(), "the rows were closed");
  });
}
