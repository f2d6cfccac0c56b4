import { handlers } from "@/lib/auth/nextauth";
import { authRoute } from "@/lib/http/auth-route";

export const GET = authRoute(handlers.GET);
export const POST = authRoute(handlers.POST);
