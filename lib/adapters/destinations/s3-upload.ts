/**
 * A streamed S3 upload in parts copied into two reused buffers: one part is uploaded while the next one fills, and the
 * stream is not read while both are taken, so a run holds two parts whatever the object's size (an upload that gathers
 * each part into a new buffer leaves the old ones for a full collection to free).
 */
import type { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from "@aws-sdk/client-s3";

export type UploadTarget = { Bucket: string; Key: string; ContentType: string };

/** Uploads `body` as one object: a single PUT when it fits in one part, else a multipart upload, aborted if anything fails. */
export async function uploadStream(client: S3Client, target: UploadTarget, body: Readable, partSize: number, signal?: AbortSignal): Promise<void> {
  const buffers: Buffer[] = [Buffer.allocUnsafe(partSize)];
  let current = 0;
  let used = 0;
  let uploadId: string | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const parts: CompletedPart[] = [];
  const options = { abortSignal: signal };

  const sendPart = (bytes: Buffer): Promise<void> => {
    const PartNumber = parts.length + 1;
    const part: CompletedPart = { PartNumber };
    parts.push(part);
    const sent = client
      .send(new UploadPartCommand({ Bucket: target.Bucket, Key: target.Key, UploadId: uploadId, PartNumber, Body: bytes, ContentLength: bytes.length }), options)
      .then((answer) => {
        part.ETag = answer.ETag;
      });
    // Awaited before the next part or at the end; until then a failure must not count as unhandled.
    sent.catch(() => {});
    return sent;
  };

  /** Hands the full current buffer to an upload once the other one's is done, and switches to that one. */
  const flush = async () => {
    uploadId ??= (await client.send(new CreateMultipartUploadCommand(target), options)).UploadId;
    await inFlight;
    inFlight = sendPart(buffers[current].subarray(0, used));
    current ^= 1;
    buffers[current] ??= Buffer.allocUnsafe(partSize);
    used = 0;
  };

  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      let at = 0;
      while (at < chunk.length) {
        const copied = chunk.copy(buffers[current], used, at);
        used += copied;
        at += copied;
        if (used === partSize) await flush();
      }
    }
    if (uploadId === undefined) {
      await client.send(new PutObjectCommand({ ...target, Body: buffers[current].subarray(0, used), ContentLength: used }), options);
      return;
    }
    if (used > 0) await flush();
    await inFlight;
    await client.send(new CompleteMultipartUploadCommand({ Bucket: target.Bucket, Key: target.Key, UploadId: uploadId, MultipartUpload: { Parts: parts } }), options);
  } catch (err) {
    await inFlight.catch(() => {});
    if (uploadId !== undefined) {
      await client.send(new AbortMultipartUploadCommand({ Bucket: target.Bucket, Key: target.Key, UploadId: uploadId })).catch(() => {});
    }
    throw err;
  }
}
