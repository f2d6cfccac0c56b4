"use server";

import { action } from "@/lib/actions/action";
import { getMemberOrigin } from "@/lib/services/member-origin";
import { listMemberPictures } from "@/lib/services/member-pictures";
import { removeMember, updateMember } from "@/lib/services/members";

export const updateMemberAction = action(updateMember);
export const removeMemberAction = action(removeMember);
/** How a member joined: read through an action because the documented member object does not carry it. */
export const memberOriginAction = action(getMemberOrigin);
/** The pictures of the members on a page: read beside the list because the documented user object has none. */
export const listMemberPicturesAction = action(listMemberPictures);
