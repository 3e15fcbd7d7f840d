import type { DependencyFinding, ManifestReport } from '../../core/deps/model';

// The last dependency report of each manifest document, with the document version it was computed
// for: hovers and quick fixes use offsets, which are only valid in that exact text.

export interface StoredManifest {
  version: number;
  report: ManifestReport;
  findings: DependencyFinding[];
}

export class ManifestStore {
  private readonly byUri = new Map<string, StoredManifest>();

  set(uri: string, entry: StoredManifest): void {
    this.byUri.set(uri, entry);
  }

  /** The entry for this version of the document, or undefined if it changed since. */
  get(uri: string, version: number): StoredManifest | undefined {
    const entry = this.byUri.get(uri);
    return entry && entry.version === version ? entry : undefined;
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }
}
