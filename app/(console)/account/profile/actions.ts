"use server";

import { action } from "@/lib/actions/action";
import { updateMe } from "@/lib/services/users";

/** The profile form and the organization switcher (`set_current_organization`). */
export const updateMeAction = action(updateMe);
