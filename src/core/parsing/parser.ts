import * as path from 'path';
import * as fs from 'fs';
import { Parser, Language, Tree } from '@vscode/tree-sitter-wasm';
import { wasmDir } from '../paths';
import type { LanguageId } from '../types';
import { languageById } from './languages';

export type { Tree, Node as SyntaxNode } from '@vscode/tree-sitter-wasm';

// The runtime initialises once; each grammar loads on first use, so opening a Python file never pays for
// TypeScript's 1.4 MB grammar.
let runtime: Promise<void> | undefined;
const grammars = new Map<LanguageId, Promise<Language>>();
const parsers = new Map<LanguageId, Parser>();

function initRuntime(): Promise<void> {
  runtime ??= Parser.init({ locateFile: (file: string) => path.join(wasmDir(), file) });
  return runtime;
}

async function loadGrammar(lang: LanguageId): Promise<Language> {
  await initRuntime();
  let grammar = grammars.get(lang);
  if (!grammar) {
    const file = path.join(wasmDir(), languageById(lang).grammar);
    grammar = Language.load(new Uint8Array(fs.readFileSync(file)));
    grammars.set(lang, grammar);
    grammar.catch(() => grammars.delete(lang)); // a failed load may be retried later
  }
  return grammar;
}

export async function parserFor(lang: LanguageId): Promise<Parser> {
  let parser = parsers.get(lang);
  if (!parser) {
    const grammar = await loadGrammar(lang);
    parser = new Parser();
    parser.setLanguage(grammar);
    parsers.set(lang, parser);
  }
  return parser;
}

/**
 * Parses `text`, reusing `oldTree` when the caller has already applied its edits with `tree.edit`.
 * Tree-sitter never throws on bad syntax: it returns a tree with ERROR nodes, which the analysis skips.
 */
export async function parse(lang: LanguageId, text: string, oldTree?: Tree | null): Promise<Tree> {
  const parser = await parserFor(lang);
  const tree = parser.parse(text, oldTree ?? null);
  if (!tree) throw new Error(`tree-sitter returned no tree for a ${lang} file`);
  return tree;
}
