import { notFound } from "next/navigation";
import { TwoFactorRequired } from "@/components/shell/two-factor-required";
import { loadMe, organizationGate } from "../../_lib/load";

/** The door of every organization page: members only, and a second factor where the organization requires it. */
export default async function OrganizationLayout({ children, params }: { children: React.ReactNode; params: Promise<{ organization_id: string }> }) {
  const { organization_id } = await params;
  const gate = await organizationGate(organization_id);
  if (gate.status === "not_found") notFound();
  if (gate.status === "two_factor_required") {
    const me = await loadMe();
    const name = me.organizations.find((o) => o.id === organization_id.toLowerCase())?.name ?? null;
    return <TwoFactorRequired organizationName={name} />;
  }
  return children;
}
