import { unknownPath } from "@/lib/http/route";

/** `/api` itself names no resource: the API's own 404 (the catch-all below needs at least one segment). */
export { unknownPath as GET, unknownPath as POST, unknownPath as PUT, unknownPath as PATCH, unknownPath as DELETE };
