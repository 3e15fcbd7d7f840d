// The checklist's engine side, as the fronts (the sidebar webview, the CLI) use it. Pure functions over
// plain values, plus collectEvidence, which reads the workspace. No `vscode` import anywhere here.
//
//   const { curriculum, errors } = loadCurriculum();               // checklist/curriculum.yaml, validated
//   const { progress, recovered } = parseProgress(stored, curriculum.renamed); // any stored shape, never wiped
//   const evidence = await collectEvidence(workspaceRoot, { findings, dependencyHealth });
//   const statuses = statusOf(curriculum, progress, evidence);      // manual + evidence → effective
//   const summary = summarize(curriculum, statuses);                // overall and per-section counts
//   store(setItemState(progress, 'security.parameterised-queries', 'done'));

export * from './types';
export { allItems, builtinCurriculumFile, findItem, loadCurriculum, parseCurriculum } from './curriculum';
export { emptyProgress, manualState, PROGRESS_FORMAT, resetAll, resetItem, resetSection, setItemState } from './progress';
export { followRenames, parseProgress, UNKNOWN_TIME } from './progress-parse';
export { exportProgress, importProgress, mergeProgress } from './progress-transfer';
export { markdownReport, type ReportOptions } from './report';
export { effectiveState, statusOf, summarize } from './status';
export { collectEvidence } from './evidence/collect';
export { DETECTOR_IDS, detectorInfo } from './evidence/detectors';
