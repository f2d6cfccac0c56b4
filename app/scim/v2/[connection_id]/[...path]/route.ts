import { scimUnknownPath } from "@/lib/http/scim-route";

export { scimUnknownPath as GET, scimUnknownPath as POST, scimUnknownPath as PUT, scimUnknownPath as PATCH, scimUnknownPath as DELETE };
