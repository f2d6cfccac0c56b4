import { AppError } from "../errors";

/** The largest request body the API reads. */
export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_TYPE = /^application\/(?:[\w.!#$&^-]+\+)?json$/;

/** `application/json` or a `+json` type, with any parameters (`charset=utf-8`). */
export function isJsonMediaType(contentType: string | null) {
  return contentType !== null && JSON_TYPE.test(contentType.split(";")[0].trim().toLowerCase());
}

/**
 * The body's bytes, refused with 413 once they pass `MAX_BODY_BYTES`: a declared Content-Length is checked before a
 * byte is read, and a chunked body is counted as it streams and abandoned at the limit, so it is never held whole.
 */
export async function readBodyBytes(req: Request, max = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > max) throw new AppError("request_too_large");
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new AppError("request_too_large");
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
