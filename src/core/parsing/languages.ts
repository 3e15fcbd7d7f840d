import type { LanguageId } from '../types';

/**
 * The language table. Adding Java or PHP later is a row here plus a syntax adapter (see ../flow/syntax).
 * `grammar` is the wasm file of @vscode/tree-sitter-wasm; `family` picks the syntax adapter.
 */
export interface LanguageInfo {
  id: LanguageId;
  grammar: string;
  family: 'js' | 'python';
  extensions: string[];
  /** VS Code language ids that map here. */
  editorIds: string[];
  lineComment: string;
}

export const LANGUAGES: readonly LanguageInfo[] = [
  {
    id: 'javascript',
    grammar: 'tree-sitter-javascript.wasm',
    family: 'js',
    extensions: ['.js', '.mjs', '.cjs', '.jsx'],
    editorIds: ['javascript', 'javascriptreact'],
    lineComment: '//',
  },
  {
    id: 'typescript',
    grammar: 'tree-sitter-typescript.wasm',
    family: 'js',
    extensions: ['.ts', '.mts', '.cts'],
    editorIds: ['typescript'],
    lineComment: '//',
  },
  {
    id: 'tsx',
    grammar: 'tree-sitter-tsx.wasm',
    family: 'js',
    extensions: ['.tsx'],
    editorIds: ['typescriptreact'],
    lineComment: '//',
  },
  {
    id: 'python',
    grammar: 'tree-sitter-python.wasm',
    family: 'python',
    extensions: ['.py', '.pyw'],
    editorIds: ['python'],
    lineComment: '#',
  },
];

export function languageForFile(filename: string): LanguageInfo | undefined {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.d.ts')) return undefined; // declarations hold no code to analyse
  return LANGUAGES.find((l) => l.extensions.some((ext) => lower.endsWith(ext)));
}

export function languageForEditorId(editorId: string): LanguageInfo | undefined {
  return LANGUAGES.find((l) => l.editorIds.includes(editorId));
}

export function languageById(id: LanguageId): LanguageInfo {
  const info = LANGUAGES.find((l) => l.id === id);
  if (!info) throw new Error(`unknown language ${id}`);
  return info;
}

/** Rules name languages loosely ("typescript" covers .tsx too); this says whether a rule applies. */
export function ruleAppliesTo(ruleLanguages: readonly string[], lang: LanguageId): boolean {
  if (ruleLanguages.includes(lang)) return true;
  if (lang === 'tsx') return ruleLanguages.includes('typescript');
  return false;
}
