"use server";

import { action } from "@/lib/actions/action";
import { removeMember, updateMember } from "@/lib/services/members";

export const updateMemberAction = action(updateMember);
export const removeMemberAction = action(removeMember);
