import { Readable, Transform, pipeline } from "node:stream";
import { createGzip } from "node:zlib";
import { throwIfAborted, type ExportRow } from "./types";

/** Rows are joined into chunks of about this many characters: fewer, larger writes into gzip. */
const CHUNK_CHARS = 64 * 1024;

/** What a stream has produced so far; read once it has ended. */
export type StreamCount = { rows: number; bytes: number; sourceError?: unknown };

async function* jsonLines(rows: AsyncIterable<ExportRow>, count: StreamCount, signal?: AbortSignal): AsyncGenerator<string> {
  let chunk = "";
  try {
    for await (const row of rows) {
      throwIfAborted(signal);
      chunk += `${JSON.stringify(row)}\n`;
      count.rows += 1;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = "";
      }
    }
  } catch (err) {
    // Kept so the run reports why the rows stopped, not the upload's own error about a broken body.
    count.sourceError = err;
    throw err;
  }
  if (chunk) yield chunk;
}

/**
 * The rows as gzip-compressed JSON Lines (`body`), pulled as the reader reads, so memory holds a chunk, not the run.
 * `count` tallies rows read and compressed bytes produced, and keeps an error of the rows, which also errors `body`.
 * Destroying `body` closes the rows; `closed` resolves once they are.
 */
export function gzipJsonLines(rows: AsyncIterable<ExportRow>, count: StreamCount, signal?: AbortSignal): { body: Readable; closed: Promise<void> } {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      count.bytes += chunk.length;
      done(null, chunk);
    },
  });
  const source = Readable.from(jsonLines(rows, count, signal));
  // The source emits close once the rows' iterator has returned, however the stream ended.
  const closed = new Promise<void>((resolve) => source.once("close", () => resolve()));
  // The error reaches the reader through the last stream, which pipeline destroys with it.
  return { body: pipeline(source, createGzip(), counter, () => {}), closed };
}
