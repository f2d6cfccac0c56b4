import { tokenEndpoint, tokenMethodNotAllowed } from "@/lib/http/oauth";

export const POST = tokenEndpoint;
export const GET = tokenMethodNotAllowed;
export const PUT = tokenMethodNotAllowed;
export const PATCH = tokenMethodNotAllowed;
export const DELETE = tokenMethodNotAllowed;
