"use server";

import { action } from "@/lib/actions/action";
import { createProject, deleteProject, removeProjectMember, setProjectMember, updateProject } from "@/lib/services/projects";

export const createProjectAction = action(createProject);
export const updateProjectAction = action(updateProject);
export const deleteProjectAction = action(deleteProject);
export const setProjectMemberAction = action(setProjectMember);
export const removeProjectMemberAction = action(removeProjectMember);
