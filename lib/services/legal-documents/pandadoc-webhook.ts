import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { legalDocuments } from "../../../db/schema";
import type { Adapters } from "../../adapters";
import { parsePandadocEvents, verifyPandadocSignature } from "../../adapters/esign/webhook-signature";
import { notFound } from "../../errors";
import { notifyOutbox } from "../outbox";
import { enqueueJob } from "../../jobs/enqueue";
import { SEND_ENVELOPE_JOB } from "./envelopes";
import { markSigned } from "./signed";

export type PandadocDelivery = { rawBody: Uint8Array; signature: string | null };

/**
 * Handles a PandaDoc webhook call: genuine only with the HMAC-SHA256 of its raw body under the shared key (anything
 * else, or PandaDoc not being the provider, is 404). A document turned draft is sent to its signer (by the job the create
 * queued, or queued here); a completed one is marked signed and its PDF archived by a job. Unknown documents and other states change nothing.
 */
export async function handlePandadocWebhook(db: Db, adapters: Pick<Adapters, "esign" | "mail">, delivery: PandadocDelivery, now = new Date()) {
  const esign = adapters.esign;
  if (esign.kind !== "pandadoc" || !verifyPandadocSignature(delivery.rawBody, delivery.signature, esign.webhookSecret)) throw notFound();
  let queuedMail = false;
  for (const event of parsePandadocEvents(new TextDecoder().decode(delivery.rawBody))) {
    if (event.status !== "document.draft" && event.status !== "document.completed") continue;
    const [row] = await db.select().from(legalDocuments).where(eq(legalDocuments.envelopeId, event.id));
    if (!row || row.status === "signed") continue;
    if (event.status === "document.draft") {
      await enqueueJob(db, SEND_ENVELOPE_JOB, { document_id: row.id }, { runAt: now, uniqueKey: `${SEND_ENVELOPE_JOB}:${row.id}` });
      continue;
    }
    await db.transaction(async (tx) => {
      const [locked] = await tx.select().from(legalDocuments).where(eq(legalDocuments.id, row.id)).for("update");
      if (!locked || locked.status === "signed") return;
      await markSigned(tx, adapters, locked, { now });
      queuedMail = true;
    });
  }
  if (queuedMail) notifyOutbox();
}
