import { health } from "@/lib/http/readiness";

/** The process answers. */
export const GET = health;
