/**
 * The pairwise subject each member gets in each of the organization's sectors: for the console, and exported as CSV so
 * an organization can move its applications to another provider without their users' identifiers changing.
 */
import { and, asc, count, eq, gt, type SQL } from "drizzle-orm";
import type { Db, Executor } from "../../../db/client";
import { organizationMemberships, users } from "../../../db/schema";
import { USER_CALLERS } from "../../auth/principal";
import { pairwiseKey, pairwiseSubject } from "../../crypto/pairwise-subject";
import { csvRow } from "../../format/csv";
import { exportPairwiseSubjectsInput, listPairwiseSubjectsInput, type PairwiseSubject } from "../../schemas/directory-sectors";
import { recordActivity } from "../activity";
import { operation } from "../operation";
import { Page } from "../page";
import { FileResult } from "../results";
import { organizationSectors, requireOrganizationSector } from "./sectors";

/** Members read per query while streaming; the export never holds more than one batch. */
export const PAIRWISE_EXPORT_BATCH_SIZE = 500;

export const PAIRWISE_CSV_COLUMNS = ["user_id", "email", "sector", "subject"] as const;

/** The organization's members (user id order, which an index serves), optionally after a user id. */
function membersOf(db: Executor, organizationId: string, after?: number) {
  const where: SQL | undefined = and(eq(organizationMemberships.organizationId, organizationId), after === undefined ? undefined : gt(organizationMemberships.userId, after));
  return db
    .select({ id: users.id, uuid: users.uuid, email: users.email })
    .from(organizationMemberships)
    .innerJoin(users, eq(users.id, organizationMemberships.userId))
    .where(where)
    .orderBy(asc(organizationMemberships.userId));
}

const subjectOf = (key: Buffer, sector: string, member: { uuid: string; email: string }): PairwiseSubject => ({
  user_id: member.uuid,
  email: member.email,
  sector,
  subject: pairwiseSubject(key, sector, member.uuid),
});

/**
 * The subject each member gets in one sector, a page at a time: administrators (`org.directory.update`) only, since a
 * subject links a person to what an application knows of them.
 */
export const listPairwiseSubjects = operation({
  permission: "directory:read",
  directory: "org.directory.update",
  callers: USER_CALLERS,
  input: listPairwiseSubjectsInput,
  run: async ({ db, organization }, { sector, limit, offset }) => {
    const wanted = await requireOrganizationSector(db, organization.id, sector);
    const [key, rows, [total]] = await Promise.all([
      pairwiseKey(db),
      membersOf(db, organization.id).limit(limit).offset(offset),
      db.select({ n: count() }).from(organizationMemberships).where(eq(organizationMemberships.organizationId, organization.id)),
    ]);
    return new Page(
      rows.map((member) => subjectOf(key, wanted, member)),
      total.n,
      { limit, offset },
    );
  },
});

/** Every member × sector as CSV rows, sector by sector, a batch of members at a time by keyset, in constant memory. */
export function subjectStream(db: Db, organizationId: string, key: Buffer, sectors: string[], batchSize = PAIRWISE_EXPORT_BATCH_SIZE): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  let after: number | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(PAIRWISE_CSV_COLUMNS)));
    },
    // A pull that enqueues nothing is not called again: read until a batch has rows or every sector is done.
    async pull(controller) {
      while (index < sectors.length) {
        const sector = sectors[index];
        const rows = await membersOf(db, organizationId, after).limit(batchSize);
        after = rows.length === batchSize ? rows[rows.length - 1].id : undefined;
        if (rows.length < batchSize) index += 1;
        if (rows.length > 0) {
          const lines = rows.map((member) => subjectOf(key, sector, member)).map((s) => csvRow([s.user_id, s.email, s.sector, s.subject]));
          return controller.enqueue(encoder.encode(lines.join("")));
        }
      }
      controller.close();
    },
  });
}

/**
 * Downloads (user, sector, subject) for every member in every sector of the organization (or one sector), as CSV,
 * streamed: administrators (`org.directory.update`) only, and each export is an entry of the activity log (so it is a
 * POST: reads never change anything).
 */
export const exportPairwiseSubjects = operation({
  permission: "directory:read",
  directory: "org.directory.update",
  callers: USER_CALLERS,
  input: exportPairwiseSubjectsInput,
  run: async ({ db, organization, principal, now }, { sector }) => {
    const sectors = sector === undefined ? await organizationSectors(db, organization.id) : [await requireOrganizationSector(db, organization.id, sector)];
    const key = await pairwiseKey(db);
    await db.transaction((tx) =>
      recordActivity(
        tx,
        principal,
        {
          organizationId: organization.id,
          scope: "Organization",
          itemId: organization.id,
          activity: "pairwise_subjects_exported",
          name: organization.name,
          changes: [{ type: "Organization", field: "exported_sectors", action: "created", before: null, after: sectors }],
        },
        now,
      ),
    );
    const filename = `pairwise-subjects-${organization.slug}-${now.toISOString().slice(0, 10)}.csv`;
    return new FileResult(subjectStream(db, organization.id, key, sectors), "text/csv; charset=utf-8", filename);
  },
});
