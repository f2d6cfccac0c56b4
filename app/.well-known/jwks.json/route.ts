import { jwksEndpoint } from "@/lib/http/oauth";

export const dynamic = "force-dynamic";
export const GET = jwksEndpoint;
