import { route, routes } from "@/lib/http/route";
import { getMemberGithubLogin } from "@/lib/services/members";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ GET: route(getMemberGithubLogin) });
