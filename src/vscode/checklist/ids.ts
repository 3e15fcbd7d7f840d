// The checklist's names shared with the manifest (package.json) and the end-to-end tests, without a
// `vscode` import.

/** The checklist's commands, each contributed with the category "Backend Coach". */
export const CHECKLIST_COMMANDS = {
  open: 'backendCoach.openChecklist',
  reset: 'backendCoach.resetChecklistProgress',
  exportProgress: 'backendCoach.exportChecklistProgress',
  importProgress: 'backendCoach.importChecklistProgress',
  exportReport: 'backendCoach.exportChecklistReport',
  refreshEvidence: 'backendCoach.refreshChecklistEvidence',
} as const;

/** The activity-bar container and the webview view inside it. */
export const CHECKLIST_CONTAINER = 'backendCoachChecklist';
export const CHECKLIST_VIEW = 'backendCoach.checklist';

/** globalState: the learner's progress (synced by Settings Sync), and the last raw value that did not parse. */
export const PROGRESS_KEY = 'backendCoach.checklist.progress';
export const PROGRESS_BACKUP_KEY = 'backendCoach.checklist.progress.unreadable';
/** workspaceState: the last evidence collected, so the view shows it at once after a reload. */
export const EVIDENCE_CACHE_KEY = 'backendCoach.checklist.evidence';
