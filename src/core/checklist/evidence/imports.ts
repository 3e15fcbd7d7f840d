// What a source file imports, read with regular expressions: enough to tell "this project uses pino"
// without parsing. JavaScript: `import x from 'm'`, `import { a as b } from 'm'`, `import * as x from 'm'`,
// `const x = require('m')`, `const { a } = require('m')`, `import('m')`. Python: `import m`, `import m as x`,
// `from m import a, b as c`, `from m.sub import a`.

/** Does the file import any of the modules (or a subpath of one: `zod/v4`, `pydantic.fields`)? */
export function importedModules(code: string, modules: readonly string[], python: boolean): string[] {
  const specs = moduleSpecifiers(code, python);
  return modules.filter((m) => specs.some((spec) => spec === m || spec.startsWith(`${m}/`) || spec.startsWith(`${m}.`)));
}

/** The local names a module's exports are bound to in this file. */
export function importBindings(code: string, module: string, python: boolean): string[] {
  const names = new Set<string>();
  const m = escape(module);
  const sub = `(?:[/.][\\w./-]+)?`;
  if (python) {
    // `from m import a, b as c` on one line, or a parenthesised list over several.
    for (const match of code.matchAll(new RegExp(`^[ \\t]*from[ \\t]+${m}${sub}[ \\t]+import[ \\t]+(?:\\(([^)]*)\\)|([\\w \\t,]+))`, 'gm'))) {
      for (const part of (match[1] ?? match[2]).split(',')) addName(part.trim().split(/\s+as\s+/).pop() ?? '', names);
    }
    for (const match of code.matchAll(new RegExp(`^[ \\t]*import[ \\t]+${m}(?:[ \\t]+as[ \\t]+(\\w+))?[ \\t]*$`, 'gm'))) addName(match[1] ?? module, names);
    return [...names];
  }
  for (const match of code.matchAll(new RegExp(`import\\s+([^'";]+?)\\s+from\\s*['"]${m}${sub}['"]`, 'g'))) addClause(match[1], names);
  for (const match of code.matchAll(new RegExp(`(?:const|let|var)\\s+([^=;]+?)\\s*=\\s*(?:await\\s+)?(?:require|import)\\s*\\(\\s*['"]${m}${sub}['"]\\s*\\)`, 'g'))) addClause(match[1], names);
  return [...names];
}

/** Is any of these names called, or handed to `use`/`register` (how Express and Fastify wire middleware)? */
export function isUsed(code: string, names: readonly string[]): boolean {
  return names.some((n) => new RegExp(`(?<![\\w$.])${escape(n)}\\s*\\(|\\b(?:use|register)\\s*\\(\\s*${escape(n)}\\b|@${escape(n)}\\b`).test(code));
}

/** A module loaded and used in one expression: `app.use(require('helmet')())`, `register(import('@fastify/helmet'))`. */
export function isUsedInline(code: string, module: string): boolean {
  const m = escape(module);
  return new RegExp(`\\b(?:use|register)\\s*\\(\\s*(?:await\\s+)?(?:require|import)\\s*\\(\\s*['"]${m}['"]\\s*\\)`).test(code);
}

function moduleSpecifiers(code: string, python: boolean): string[] {
  const out: string[] = [];
  if (!python) {
    for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]/g)) out.push(match[1]);
    return out;
  }
  for (const match of code.matchAll(/^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import\b|import[ \t]+([\w., \t]+))/gm)) {
    if (match[1]) out.push(match[1]);
    else for (const part of match[2].split(',')) out.push(part.trim().split(/\s+/)[0]);
  }
  return out;
}

function addClause(clause: string, names: Set<string>): void {
  // `x`, `x, { a as b }`, `* as x`, `{ a, b: c }` (destructuring a require)
  const inner = /\{([^}]*)\}/.exec(clause);
  const outer = clause.replace(/\{[^}]*\}/, '').replace(/\*\s*as\s+/, '');
  for (const part of outer.split(',')) addName(part.trim(), names);
  if (inner) for (const part of inner[1].split(',')) addName(part.trim().split(/\s+as\s+|\s*:\s*/).pop() ?? '', names);
}

function addName(name: string, names: Set<string>): void {
  if (/^[A-Za-z_$][\w$]*$/.test(name) && name !== 'type') names.add(name);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
