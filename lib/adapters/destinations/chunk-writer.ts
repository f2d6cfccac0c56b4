/**
 * Text written into a stream through two reused Buffers: rows' text is copied into one while the other is being written,
 * so a run holds two chunks whatever it exports, and no row's string outlives the row (strings joined into large chunks
 * live long enough to be promoted into the old generation, where they are garbage only a full collection frees).
 */
import type { Writable } from "node:stream";

/** Bytes per chunk: large enough that the stream sees few writes, small enough that two are nothing to hold. */
export const CHUNK_BYTES = 64 * 1024;
/** A UTF-8 character takes at most 3 bytes per UTF-16 unit, so a string of n units surely fits in 3n bytes. */
const MAX_UTF8_PER_UNIT = 3;

export class ChunkWriter {
  private readonly chunks: [Buffer, Buffer];
  private current = 0;
  private used = 0;
  private inFlight: Promise<void> | null = null;
  private failure: Error | null = null;
  /** Rejects the writes the stream has not called back yet: a destroyed Transform never calls a write it held back. */
  private readonly unsettled = new Set<(err: Error) => void>();
  /** Bytes handed to the stream so far. */
  bytes = 0;

  constructor(
    private readonly stream: Writable,
    size = CHUNK_BYTES,
  ) {
    this.chunks = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
    // Kept, not thrown: the next write or end rejects with it, and the stream has no unhandled error event.
    stream.on("error", (err: Error) => {
      this.failure ??= err;
    });
    stream.on("close", () => {
      const err = this.failure ?? new Error("The stream closed before it took every byte.");
      for (const reject of this.unsettled) reject(err);
      this.unsettled.clear();
    });
  }

  /**
   * Appends `text`; returns a promise only when a chunk had to be sent first (await it before the next write), so the
   * common case allocates nothing.
   */
  write(text: string): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    const chunk = this.chunks[this.current];
    const room = chunk.length - this.used;
    if (text.length * MAX_UTF8_PER_UNIT <= room || Buffer.byteLength(text) <= room) {
      this.used += chunk.write(text, this.used);
      return undefined;
    }
    return this.writeAfterFlush(text);
  }

  private async writeAfterFlush(text: string): Promise<void> {
    await this.flush();
    const chunk = this.chunks[this.current];
    if (Buffer.byteLength(text) <= chunk.length) {
      this.used = chunk.write(text, 0);
      return;
    }
    // A text larger than a chunk goes out on its own.
    await this.inFlight;
    this.inFlight = this.send(Buffer.from(text));
  }

  /** Sends the filled part of the current chunk once the other one is written, and switches to that one. */
  private async flush(): Promise<void> {
    if (!this.used) return;
    await this.inFlight;
    this.inFlight = this.send(this.chunks[this.current].subarray(0, this.used));
    this.current ^= 1;
    this.used = 0;
  }

  private send(bytes: Buffer): Promise<void> {
    this.bytes += bytes.length;
    const sent = new Promise<void>((resolve, reject) => {
      this.unsettled.add(reject);
      // The callback runs once the stream is done with the bytes: only then may their chunk be filled again.
      this.stream.write(bytes, (err) => {
        this.unsettled.delete(reject);
        if (err) reject(err);
        else resolve();
      });
    });
    // Awaited by the next flush or by end; until then a failure must not count as unhandled.
    sent.catch(() => {});
    return sent;
  }

  /** Sends what is left and ends the stream; resolves once the stream has finished with every byte. */
  async end(): Promise<void> {
    await this.flush();
    await this.inFlight;
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.unsettled.add(reject);
      this.stream.once("error", reject);
      this.stream.end(() => {
        this.unsettled.delete(reject);
        resolve();
      });
    });
  }
}
