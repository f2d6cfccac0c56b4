import { route, routes } from "@/lib/http/route";
import { backfillBatchExport } from "@/lib/services/batch-exports";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: route(backfillBatchExport, { status: 201 }),
});
