import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { ChunkWriter } from "./chunk-writer";

/** Settles `promise` or answers "pending" once it has had `ms` to do so. */
const within = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => "resolved", (err: Error) => `rejected: ${err.message}`), sleep(ms).then(() => "pending")]);

test("a stream destroyed while it holds a write back (its reader stopped) fails the writer instead of leaving it waiting", async () => {
  // Nobody reads this stream: once its buffer is full it keeps the last write's callback until a read that never comes.
  const stream = new PassThrough({ highWaterMark: 16 });
  const writer = new ChunkWriter(stream, 8);
  let held: Promise<void> | undefined;
  for (let i = 0; i < 20 && !held; i += 1) {
    const wait = writer.write("0123456789");
    if (wait && (await within(wait, 50)) === "pending") held = wait;
  }
  assert.ok(held, "the stream held a write back");
  stream.destroy();
  assert.equal(await within(held, 1000), "rejected: The stream closed before it took every byte.");
  assert.equal(await within(writer.end(), 1000), "rejected: The stream closed before it took every byte.");
});

test("a stream that is read takes every byte, in order", async () => {
  const stream = new PassThrough({ highWaterMark: 16 });
  const received: Buffer[] = [];
  // Copied: the writer fills its chunk again once the stream has taken it.
  stream.on("data", (chunk: Buffer) => received.push(Buffer.from(chunk)));
  const writer = new ChunkWriter(stream, 8);
  for (let i = 0; i < 50; i += 1) await writer.write(`${i};`);
  await writer.end();
  assert.equal(Buffer.concat(received).toString(), Array.from({ length: 50 }, (_, i) => `${i};`).join(""));
});
