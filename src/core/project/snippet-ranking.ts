import type { DependencyFacts } from './installed-version';
import type { FileModule } from './module-system';
import type { PackageInfo } from './package-info';
import type { CatalogSnippet, Framework, SnippetLanguage, SnippetStyle } from './snippet-catalog';

// Orders the snippets for one file so that the variant that fits the project comes first, and says why in
// a short detail ("ESM · matches your package.json", "CommonJS — your project is ESM ("type": "module")").
//
// rank = 10 × module fit + framework fit, lower is better:
//   module fit     0 the variant fits the file (or suits either module system, or is the TypeScript one)
//                  1 the file's module system is unknown (no or unreadable package.json)
//                  2 the other module system's variant
//   framework fit  0 written for a framework the project declares, and for the major it runs
//                  1 framework-neutral, or the project declares neither Express nor Fastify
//                  2 written for another major of a framework the project declares (Express 5 in an
//                    Express 4 project): still offered, with a warning, as there is no Express 4 variant
//                  3 written for a framework the project does not declare, while it declares the other
// Only the file's language's snippets are offered: TypeScript variants in TypeScript files, ESM and
// CommonJS variants in JavaScript files.

export interface FileContext {
  language: SnippetLanguage;
  module: FileModule;
}

export interface RankedSnippet {
  snippet: CatalogSnippet;
  rank: number;
  /** rank, then the shared prefix, then ESM before CommonJS. */
  sortText: string;
  /**
   * `<shared prefix>-<esm|cjs|ts|js>`. VS Code ranks by how the typed word matches filterText before it
   * looks at sortText, and a word that is exactly an item's filterText outranks one that merely starts it:
   * with filterText = prefix, typing `ex-app` in a CommonJS project listed `ex-app` above `ex-app-cjs`
   * (VS Code 1.139). With the style tag on every filterText both match alike and sortText decides; typing
   * `ex-app-cjs` still finds only the CommonJS variant.
   */
  filterText: string;
  detail: string;
  /** A sentence for the documentation when the variant does not fit the project. */
  warning?: string;
}

interface Fit {
  score: number;
  text: string;
  warning?: string;
}

const STYLE_LABEL: Record<SnippetStyle, string> = { esm: 'ESM', cjs: 'CommonJS', ts: 'TypeScript', either: 'ESM or CommonJS' };
const STYLE_TAG: Record<SnippetStyle, string> = { esm: 'esm', cjs: 'cjs', ts: 'ts', either: 'js' };
const FRAMEWORK_NAME: Record<Framework, string> = { express: 'Express', fastify: 'Fastify' };

/** The snippets for a file of `file.language`, best first. */
export function rankSnippets(snippets: readonly CatalogSnippet[], file: FileContext, pkg: PackageInfo | undefined): RankedSnippet[] {
  return snippets
    .filter((s) => s.language === file.language)
    .map((snippet) => rankSnippet(snippet, file, pkg))
    .sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
}

export function rankSnippet(snippet: CatalogSnippet, file: FileContext, pkg: PackageInfo | undefined): RankedSnippet {
  const module = moduleFit(snippet, file.module, pkg);
  const framework = frameworkFit(snippet, pkg);
  const rank = module.score * 10 + framework.score;
  const ranked: RankedSnippet = {
    snippet,
    rank,
    sortText: `${String(rank).padStart(2, '0')} ${snippet.base} ${snippet.style === 'cjs' ? 1 : 0}`,
    filterText: `${snippet.base}-${STYLE_TAG[snippet.style]}`,
    detail: module.text + framework.text,
  };
  const warnings = [module.warning, framework.warning].filter((w) => w !== undefined);
  if (warnings.length) ranked.warning = warnings.join(' ');
  return ranked;
}

function moduleFit(snippet: CatalogSnippet, file: FileModule, pkg: PackageInfo | undefined): Fit {
  const label = STYLE_LABEL[snippet.style];
  if (snippet.style === 'ts') {
    const why = pkg?.typescript === 'dependency' ? ' · typescript in package.json' : pkg?.typescript === 'tsconfig' ? ' · tsconfig.json found' : '';
    return { score: 0, text: label + why };
  }
  if (snippet.style === 'either') return { score: 0, text: `${label} · goes inside an existing file` };
  if (file.system === undefined) {
    return { score: 1, text: `${label} · ${file.reason === 'unreadable-package-json' ? 'package.json is not valid JSON' : 'no package.json found'}` };
  }
  if (file.system === snippet.style) {
    return { score: 0, text: `${label} · ${file.reason === 'extension' ? `${file.extension} file` : 'matches your package.json'}` };
  }
  const fileLabel = STYLE_LABEL[file.system];
  const why =
    file.reason === 'extension'
      ? `${file.extension} files are ${fileLabel}`
      : file.system === 'esm'
        ? 'your project is ESM ("type": "module")'
        : `your project is CommonJS (${pkg?.typeField === 'commonjs' ? '"type": "commonjs"' : 'no "type": "module"'})`;
  const twin = snippet.style === 'cjs' ? snippet.base : `${snippet.base}-cjs`;
  return {
    score: 2,
    text: `${label} — ${why}`,
    warning: `This is the ${label} variant, but ${why}: use \`${twin}\` instead.`,
  };
}

function frameworkFit(snippet: CatalogSnippet, pkg: PackageInfo | undefined): Fit {
  const framework = snippet.framework;
  if (!framework || !pkg || (!pkg.express && !pkg.fastify)) return { score: 1, text: '' };
  const name = FRAMEWORK_NAME[framework];
  const dep = pkg[framework];
  if (!dep) {
    const other = FRAMEWORK_NAME[framework === 'express' ? 'fastify' : 'express'];
    return {
      score: 3,
      text: ` — for ${name}; your project uses ${other}`,
      warning: `Written for ${name}; your package.json declares ${other}, not ${name}.`,
    };
  }
  if (dep.major === undefined) return { score: 0, text: ` · ${name} in package.json` };
  if (dep.major === snippet.frameworkMajor) return { score: 0, text: ` · ${name} ${dep.major} ${dep.source === 'range' ? 'in package.json' : 'installed'}` };
  const target = `${name} ${snippet.frameworkMajor}`;
  return {
    score: 2,
    text: ` — written for ${target}, you have ${have(dep)}`,
    warning: `Written for ${target}; your project has ${name} ${have(dep)}.${olderMajorNote(framework, dep.major)}`,
  };
}

function have(dep: DependencyFacts): string {
  return dep.installed ?? dep.range;
}

function olderMajorNote(framework: Framework, major: number): string {
  if (framework === 'express' && major === 4) {
    return ' Express 4 does not pass a rejected promise from an async handler to the error handler (the request hangs) and reads route paths differently: upgrade to Express 5 (see its migration guide) or check the snippet against Express 4.';
  }
  return ` Check the snippet against ${FRAMEWORK_NAME[framework]} ${major} or upgrade.`;
}
