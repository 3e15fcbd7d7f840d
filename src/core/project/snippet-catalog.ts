import { isObject, parseJsonObject } from './file-stamps';

// The shipped snippet packs (snippets/<pack>.<language>.json, VS Code snippet files) with what the ranking
// needs to know about each snippet, derived from the pack's own conventions (docs/snippets.md):
//   - style: TypeScript files hold the TS variants; in JavaScript files a prefix ending in `-cjs` is the
//     CommonJS twin of the plain prefix, which is the ES-module variant; a JavaScript snippet without a
//     twin is a fragment that goes inside an existing file and suits either module system;
//   - framework: the snippet's name says which framework it is written for ("Express app",
//     "Register and login routes (Fastify)", "Cookie session (express-session)"); names that mention
//     neither (pg queries, password hashing, JWTs) are framework-neutral;
//   - framework major: the packs target Express 5 and Fastify 5.

export type SnippetLanguage = 'javascript' | 'typescript';
export type SnippetStyle = 'esm' | 'cjs' | 'either' | 'ts';
export type Framework = 'express' | 'fastify';

export const TARGET_MAJOR: Readonly<Record<Framework, number>> = { express: 5, fastify: 5 };

export interface CatalogSnippet {
  pack: string;
  language: SnippetLanguage;
  /** The snippet's name (its key in the JSON), e.g. "Express app (ES modules)". */
  name: string;
  prefix: string;
  /** The prefix shared by all variants of the snippet: the prefix without `-cjs`. */
  base: string;
  style: SnippetStyle;
  framework?: Framework;
  /** The framework major the snippet is written for. */
  frameworkMajor?: number;
  description: string;
  /** The body in VS Code snippet syntax, lines joined with \n. */
  body: string;
}

const FILE_NAME = /^([\w-]+)\.(javascript|typescript)\.json$/;
const CJS_SUFFIX = '-cjs';

/** Whether a file name is a snippet pack file, `<pack>.<javascript|typescript>.json`. */
export function isSnippetFileName(fileName: string): boolean {
  return FILE_NAME.test(fileName);
}

/**
 * The snippets of one pack file. Throws when the file name is not a pack file name or the text is not a
 * JSON object (the caller reports it); entries without a string prefix and body are skipped.
 */
export function parseSnippetFile(fileName: string, text: string): CatalogSnippet[] {
  const match = FILE_NAME.exec(fileName);
  if (!match) throw new Error(`${fileName}: not a snippet pack file name (<pack>.<javascript|typescript>.json)`);
  const [, pack, language] = match as unknown as [string, string, SnippetLanguage];
  const json = parseJsonObject(text);
  if (!json) throw new Error(`${fileName}: not a JSON object`);

  const entries = Object.entries(json).flatMap(([name, value]) => {
    if (!isObject(value) || typeof value.prefix !== 'string') return [];
    const body = Array.isArray(value.body) && value.body.every((l) => typeof l === 'string') ? value.body.join('\n') : value.body;
    if (typeof body !== 'string') return [];
    return [{ name, prefix: value.prefix, body, description: typeof value.description === 'string' ? value.description : '' }];
  });
  const prefixes = new Set(entries.map((e) => e.prefix));

  return entries.map((entry): CatalogSnippet => {
    const isCjs = language === 'javascript' && entry.prefix.endsWith(CJS_SUFFIX) && prefixes.has(entry.prefix.slice(0, -CJS_SUFFIX.length));
    const style: SnippetStyle =
      language === 'typescript' ? 'ts' : isCjs ? 'cjs' : prefixes.has(entry.prefix + CJS_SUFFIX) ? 'esm' : 'either';
    const framework = frameworkOf(entry.name);
    const snippet: CatalogSnippet = { pack, language, ...entry, base: isCjs ? entry.prefix.slice(0, -CJS_SUFFIX.length) : entry.prefix, style };
    if (framework) {
      snippet.framework = framework;
      snippet.frameworkMajor = TARGET_MAJOR[framework];
    }
    return snippet;
  });
}

function frameworkOf(name: string): Framework | undefined {
  if (/\bfastify\b/i.test(name)) return 'fastify';
  if (/\bexpress\b/i.test(name)) return 'express';
  return undefined;
}
