import { handlers } from "@/lib/auth/nextauth";
import { limitSignIns } from "@/lib/http/sign-in-limit";

export const GET = limitSignIns(handlers.GET);
export const POST = limitSignIns(handlers.POST);
