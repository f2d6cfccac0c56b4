import { z } from "zod";
import { paginated, paginationQuery, requiredText } from "./common";

const sector = requiredText(255).meta({ description: "One of the organization's sectors, as `GET /directory/admin/{organizationId}/sectors` lists them." });

export const listPairwiseSubjectsInput = paginationQuery.extend({ sector });

export const exportPairwiseSubjectsInput = z.object({
  sector: sector.optional().meta({ description: "Only this sector; unset, every sector of the organization." }),
});

/** The subject an application of one sector sees for one member (OpenID Connect Core §8.1). */
export const PairwiseSubject = z
  .strictObject({
    user_id: z.uuid().meta({ description: "The member's user UUID." }),
    email: z.string(),
    sector: z.string(),
    subject: z.string().meta({ description: "The pairwise `sub`: the hex HMAC-SHA256 of the sector and the user id under the installation's key." }),
  })
  .meta({ id: "PairwiseSubject" });
export type PairwiseSubject = z.infer<typeof PairwiseSubject>;

export const PaginatedPairwiseSubjectList = paginated(PairwiseSubject, "PairwiseSubject");

/** The directory API's answer: the organization's sector identifiers (hosts), distinct and sorted. */
export const DirectorySectorList = z.array(z.string()).meta({ id: "DirectorySectorList" });
