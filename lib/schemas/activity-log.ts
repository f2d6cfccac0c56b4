import { z } from "zod";
import { isoDateTime, paginationQuery, uuidString } from "./common";

export const listActivityLogInput = paginationQuery.extend({
  scope: z.string().max(64).optional(),
  activity: z.string().max(64).optional(),
  item_id: z.string().max(64).optional(),
  user: uuidString.optional(),
  after: isoDateTime.optional(),
  before: isoDateTime.optional(),
});
