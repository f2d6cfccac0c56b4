import { checkReadiness } from "@/lib/http/readiness";

/** The database answers and every migration is applied. */
export const GET = checkReadiness;
