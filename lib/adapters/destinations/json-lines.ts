import { Transform, pipeline, type Readable } from "node:stream";
import { createGzip } from "node:zlib";
import { ChunkWriter } from "./chunk-writer";
import { throwIfAborted, type ExportRow } from "./types";

/** What a stream has produced so far; read once it has ended. */
export type StreamCount = { rows: number; bytes: number; sourceError?: unknown };

/**
 * The rows as gzip-compressed JSON Lines (`body`), written as the reader reads (gzip's backpressure holds the rows
 * back), so memory holds two chunks of text, not the run. `count` tallies rows read and compressed bytes produced, and
 * keeps an error of the rows, which also errors `body`. Destroying `body` closes the rows; `closed` resolves once they are.
 */
export function gzipJsonLines(rows: AsyncIterable<ExportRow>, count: StreamCount, signal?: AbortSignal): { body: Readable; closed: Promise<void> } {
  const gzip = createGzip();
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      count.bytes += chunk.length;
      done(null, chunk);
    },
  });
  // The error reaches the reader through the last stream, which pipeline destroys with it.
  const body = pipeline(gzip, counter, () => {});
  const closed = (async () => {
    const source = rows[Symbol.asyncIterator]();
    const writer = new ChunkWriter(gzip);
    let done = false;
    try {
      for (;;) {
        throwIfAborted(signal);
        let next: IteratorResult<ExportRow>;
        try {
          next = await source.next();
        } catch (err) {
          // Kept so the run reports why the rows stopped, not the upload's own error about a broken body.
          count.sourceError = err;
          throw err;
        }
        if (next.done) break;
        // Two writes rather than one joined string: the line is never copied into a string of its own.
        let wait = writer.write(JSON.stringify(next.value));
        if (wait) await wait;
        wait = writer.write("\n");
        if (wait) await wait;
        count.rows += 1;
      }
      done = true;
      await writer.end();
    } catch (err) {
      gzip.destroy(err as Error);
    } finally {
      if (!done && !count.sourceError) await source.return?.();
    }
  })();
  return { body, closed };
}
