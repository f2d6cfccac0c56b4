import { redirect } from "next/navigation";
import { loadMe } from "./(console)/_lib/load";

export const dynamic = "force-dynamic";

/** The front door: sign in, then the current organization's settings, or creating a first organization. */
export default async function Home() {
  const me = await loadMe();
  redirect(me.organization ? `/organizations/${me.organization.id}/settings` : "/organizations/new");
}
