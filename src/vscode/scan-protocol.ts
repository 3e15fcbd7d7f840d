import { LANGUAGES } from '../core/parsing/languages';
import type { FileResult, ScanResult, SkippedFile } from '../cli/scan';
import { SKIP_DIRS } from '../cli/walk';
import type { CoachSettings } from '../core/config/settings';

// The messages between Scan Workspace (extension host) and its worker thread (scan-worker.ts), and the
// accumulator that turns the streamed messages back into the CLI's ScanResult, so the SARIF export can use
// the CLI's formatter as is. No `vscode` import: both sides and the tests share this file.

/** Data the worker is started with. */
export interface ScanWorkerOptions {
  /** Extra rule folders, as the extension host's engine has them. */
  ruleDirs: string[];
  /** The rules on and their severities, as the extension host's engine has them. */
  settings?: CoachSettings;
}

/** Analyse `files` (absolute paths); paths in the results are relative to `cwd`. */
export interface ScanRequest {
  type: 'scan';
  scanId: number;
  files: string[];
  cwd: string;
}

/** Stop scan `scanId` after the file being analysed (queued scans end without analysing anything). */
export interface CancelRequest {
  type: 'cancel';
  scanId: number;
}

export type ToWorker = ScanRequest | CancelRequest;

/** One analysed file, sent as soon as it is done. `result.text` is present only when it has findings. */
export interface FileMessage {
  type: 'file';
  scanId: number;
  result: FileResult;
}

export interface SkippedMessage {
  type: 'skipped';
  scanId: number;
  skipped: SkippedFile;
}

/** The last message of a scan that ran to its end or was cancelled. */
export interface DoneMessage {
  type: 'done';
  scanId: number;
  cancelled: boolean;
}

/** The last message of a scan that failed (the engine could not load, ...). */
export interface ErrorMessage {
  type: 'error';
  scanId: number;
  message: string;
}

export type FromWorker = FileMessage | SkippedMessage | DoneMessage | ErrorMessage;

export function isFinal(m: FromWorker): m is DoneMessage | ErrorMessage {
  return m.type === 'done' || m.type === 'error';
}

/** Collects a scan's messages into the ScanResult the CLI's formatters take. */
export class ScanAccumulator {
  private readonly files = new Map<string, FileResult>();
  private readonly skipped = new Map<string, SkippedFile>();

  add(m: FromWorker): void {
    if (m.type === 'file') {
      this.skipped.delete(m.result.file);
      this.files.set(m.result.file, m.result);
    } else if (m.type === 'skipped') {
      this.files.delete(m.skipped.file);
      this.skipped.set(m.skipped.file, m.skipped);
    }
  }

  get findingCount(): number {
    let n = 0;
    for (const f of this.files.values()) n += f.findings.length;
    return n;
  }

  result(): ScanResult {
    const byPath = <T extends { path: string }>(a: T, b: T) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    const files = [...this.files.values()].sort(byPath);
    return { files, skipped: [...this.skipped.values()].sort(byPath), filesScanned: files.length, fixesApplied: 0, filesFixed: 0, diff: '', warnings: [] };
  }
}

/** `**∕*.{js,mjs,...,py,pyw}`: every file the engine has a language for. */
export function scanIncludeGlob(): string {
  const exts = [...new Set(LANGUAGES.flatMap((l) => l.extensions.map((e) => e.replace(/^\./, ''))))];
  return `**/*.{${exts.join(',')}}`;
}

/** Dependencies, VCS data and build output, as the CLI skips them; files.exclude applies on top. */
export function scanExcludeGlob(): string {
  return `**/{${[...SKIP_DIRS].join(',')}}/**`;
}

/** The folder SARIF paths are relative to: the workspace folder, or the deepest folder holding them all. */
export function commonRoot(folders: readonly string[], sep = '/'): string | undefined {
  if (!folders.length) return undefined;
  const split = folders.map((f) => f.split(sep));
  const first = split[0];
  let n = first.length;
  for (const parts of split.slice(1)) {
    let i = 0;
    while (i < n && i < parts.length && parts[i] === first[i]) i++;
    n = i;
  }
  if (n === 0) return folders[0]; // nothing in common (two drives): relative to the first folder
  const root = first.slice(0, n).join(sep);
  return root === '' ? sep : root;
}
