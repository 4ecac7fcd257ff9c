/** Addresses of the progress pages, shared by the pages that link to them. */
export function gridPath(groupId: number, search = "") {
  return `/trainer/groups/${groupId}/progress${search}`;
}

/** One learner's attempts at one assigned module. */
export function cellPath(groupId: number, userId: number, module: { courseId: string; moduleId: string }) {
  return `/trainer/groups/${groupId}/progress/${userId}/${encodeURIComponent(module.courseId)}/${encodeURIComponent(module.moduleId)}`;
}

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The grid as a file, sorted and filtered like the page it is downloaded from (`search`). */
export function exportPath(groupId: number, format: ExportFormat, search = "") {
  return `/trainer/groups/${groupId}/progress/export/${format}${search}`;
}
