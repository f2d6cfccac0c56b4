import { ScimGroups } from "./scim-groups";
import { ScimLog } from "./scim-log";
import { ScimPeople } from "./scim-people";
import type { IdpTarget } from "./idp-target";

/** What SCIM provisioned for a domain or a shared identity provider, for its admins: people, groups and every request. */
export function ScimProvisioning({ target, canEdit }: { target: IdpTarget; canEdit: boolean }) {
  return (
    <>
      <ScimPeople target={target} />
      <ScimGroups target={target} canEdit={canEdit} />
      <ScimLog target={target} />
    </>
  );
}
