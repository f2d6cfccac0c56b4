import { pandadocWebhookResponse } from "@/lib/http/legal-endpoints";
import { unknownPath } from "@/lib/http/route";

export const POST = pandadocWebhookResponse;
export { unknownPath as GET, unknownPath as PUT, unknownPath as PATCH, unknownPath as DELETE };
