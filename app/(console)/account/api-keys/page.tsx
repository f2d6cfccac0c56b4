import type { Metadata } from "next";
import { loadMe } from "../../_lib/load";
import { ApiKeysManager } from "./_components/api-keys-manager";

export const metadata: Metadata = { title: "Personal API keys" };

export default async function ApiKeysPage() {
  const me = await loadMe();
  return <ApiKeysManager organizations={me.organizations} />;
}
