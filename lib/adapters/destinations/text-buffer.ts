/** Text appended as UTF-8 into one Buffer that is reused (and grown when too small) rather than joined into strings. */

/** A UTF-8 character takes at most 3 bytes per UTF-16 unit, so a string of n units surely fits in 3n bytes. */
const MAX_UTF8_PER_UNIT = 3;

export class TextBuffer {
  private buffer: Buffer;
  private length = 0;

  constructor(initialBytes = 1024 * 1024) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  /** Starts again from empty, keeping the memory. */
  reset() {
    this.length = 0;
  }

  append(text: string) {
    if (this.length + text.length * MAX_UTF8_PER_UNIT > this.buffer.length) {
      const needed = this.length + Buffer.byteLength(text);
      if (needed > this.buffer.length) {
        const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
        this.buffer.copy(grown, 0, 0, this.length);
        this.buffer = grown;
      }
    }
    this.length += this.buffer.write(text, this.length);
  }

  /** What was appended since the last reset; valid until the next append or reset. */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}
