import * as path from 'path';
import type * as vscode from 'vscode';
import { type Curriculum, type ItemStatus, loadCurriculum, statusOf } from '../../core/checklist';
import type { CatalogSnippet } from '../../core/project/snippet-catalog';
import { readSnippetCatalog } from '../snippet-completions';
import type { EvidenceService } from './evidence-service';
import { knownChecklist, type KnownChecklist } from './messages';
import type { ProgressStore } from './progress-store';
import { toChecklistView, type ChecklistView } from './view-model';

// The checklist as the editor holds it: the shipped curriculum (loaded once, on first use), the learner's
// progress and the workspace evidence, combined into statuses and the view model.

const EMPTY: Curriculum = { version: 0, sections: [], renamed: {} };

export class ChecklistModel {
  private loaded: { curriculum: Curriculum; known: KnownChecklist; error?: string } | undefined;
  private catalog: CatalogSnippet[] | undefined;

  constructor(
    private readonly extensionPath: string,
    readonly store: ProgressStore,
    readonly evidence: EvidenceService,
    private readonly output: vscode.OutputChannel,
  ) {}

  private load() {
    if (this.loaded) return this.loaded;
    let curriculum = EMPTY;
    let error: string | undefined;
    const started = Date.now();
    try {
      const result = loadCurriculum();
      if (result.curriculum) curriculum = result.curriculum;
      this.output.appendLine(`Checklist: curriculum loaded in ${Date.now() - started} ms (${curriculum.sections.length} sections).`);
      if (result.errors.length) {
        for (const e of result.errors) this.output.appendLine(`Checklist: ${e.file}:${e.line}:${e.column}: ${e.message}`);
        const first = result.errors[0];
        error = `The checklist could not be loaded: ${path.basename(first.file)}:${first.line}: ${first.message}`;
      }
    } catch (e) {
      this.output.appendLine(`Checklist: could not load the curriculum: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      error = 'The checklist could not be loaded; see the Backend Coach output.';
    }
    return (this.loaded = { curriculum, known: knownChecklist(curriculum), ...(error ? { error } : {}) });
  }

  /** Loads the curriculum now (while the page loads, say), so the first render does not wait for it. */
  preload(): void {
    this.load();
  }

  get curriculum(): Curriculum {
    return this.load().curriculum;
  }

  get known(): KnownChecklist {
    return this.load().known;
  }

  /** The renames of the curriculum, for reading progress stored under old ids. */
  renamed(): Readonly<Record<string, string>> {
    return this.load().curriculum.renamed;
  }

  statuses(): ItemStatus[] {
    return statusOf(this.curriculum, this.store.read(), this.evidence.current);
  }

  view(): ChecklistView {
    const statuses = this.statuses(); // reads the store, which notes what it repaired
    const { error } = this.load();
    const repaired = this.store.recovered.length
      ? `Your stored progress was in an older or damaged form and was read as far as possible (${this.store.recovered.length} note${this.store.recovered.length === 1 ? '' : 's'} in the Backend Coach output). The original is kept as a backup.`
      : undefined;
    return toChecklistView(this.curriculum, statuses, this.evidence.state, error ?? repaired);
  }

  snippets(): CatalogSnippet[] {
    return (this.catalog ??= readSnippetCatalog(path.join(this.extensionPath, 'snippets'), this.output));
  }
}
