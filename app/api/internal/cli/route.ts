import { handleAdminRequest } from "@/lib/cli/admin-endpoint";

/** Loopback handoff for the admin CLI while this process holds the embedded database (guarded by a secret). */
export const POST = handleAdminRequest;
