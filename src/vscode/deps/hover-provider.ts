import * as vscode from 'vscode';
import { dependencyHoverMarkdown } from '../../core/deps/hover';
import type { DependencyReport } from '../../core/deps/model';
import type { ManifestStore } from './manifest-store';

/** The dependency declared at a position: on its version string, or anywhere on its line. */
export function dependencyAt(document: vscode.TextDocument, position: vscode.Position, deps: readonly DependencyReport[]): DependencyReport | undefined {
  const offset = document.offsetAt(position);
  const exact = deps.find((d) => d.start <= offset && offset <= d.end);
  return exact ?? deps.find((d) => document.positionAt(d.start).line === position.line);
}

/** Fills in publication dates the report lacks (may ask the registry); resolves to the dates to show. */
export type DatesResolver = (manifestFile: string, d: DependencyReport) => Promise<DependencyReport['published']>;

const DATES_WAIT_MS = 2_500;

export class DependencyHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly store: ManifestStore,
    private readonly resolveDates: DatesResolver,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const entry = this.store.get(document.uri.toString(), document.version);
    const d = entry && dependencyAt(document, position, entry.report.dependencies);
    if (!d) return undefined;
    // A hover must not hang on a slow registry: without the dates in time, it shows what it has.
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), DATES_WAIT_MS));
    const dates = await Promise.race([this.resolveDates(document.uri.fsPath, d).catch(() => undefined), timeout]);
    if (dates) d.published = dates;
    const markdown = new vscode.MarkdownString(dependencyHoverMarkdown(d));
    markdown.isTrusted = false;
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(d.start), document.positionAt(d.end)));
  }
}
