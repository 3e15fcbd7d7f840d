import { parse as parseToml } from 'smol-toml';
import type { DeclaredDependency } from './model';
import { ManifestError } from './npm-manifest';
import { normalizePyPiName, parsePep508 } from './pep508';

// pyproject.toml → declared dependencies: PEP 621 (`[project] dependencies`, `[project.optional-dependencies]`)
// and Poetry (`[tool.poetry.dependencies]`, `dev-dependencies`, `group.<name>.dependencies`). smol-toml
// validates the file; the offsets of each version string come from a small scan of the text itself,
// since the TOML parser does not keep positions.

interface StringToken {
  value: string;
  /** Offsets of the characters between the quotes. */
  start: number;
  end: number;
}

interface Table {
  name: string;
  /** Offsets of the table's body: from after its header to the next header. */
  start: number;
  end: number;
}

export function parsePyprojectToml(text: string): DeclaredDependency[] {
  try {
    parseToml(text);
  } catch (e) {
    throw new ManifestError(`pyproject.toml is not valid TOML: ${(e as Error).message.split('\n')[0]}`);
  }
  const out: DeclaredDependency[] = [];
  for (const table of tables(text)) {
    if (table.name === 'project') {
      const array = keyValue(text, table, 'dependencies');
      if (array?.startsWith('[')) for (const s of stringsIn(text, array.offset)) push(out, parsePep508(s.value, s.start, 'project.dependencies'));
    } else if (table.name === 'project.optional-dependencies') {
      for (const entry of entries(text, table)) {
        if (text[entry.valueOffset] !== '[') continue;
        for (const s of stringsIn(text, entry.valueOffset)) push(out, parsePep508(s.value, s.start, `project.optional-dependencies.${entry.key}`));
      }
    } else if (/^tool\.poetry\.(?:dependencies|dev-dependencies|group\.[^.]+\.dependencies)$/.test(table.name)) {
      for (const entry of entries(text, table)) {
        if (entry.key === 'python') continue;
        out.push(poetryDependency(text, entry, table.name.replace(/^tool\./, '')));
      }
    }
  }
  return out;
}

function push(out: DeclaredDependency[], d: DeclaredDependency | undefined): void {
  if (d) out.push(d);
}

function poetryDependency(text: string, entry: { key: string; keyOffset: number; valueOffset: number }, section: string): DeclaredDependency {
  const base = { ecosystem: 'pypi' as const, name: entry.key, registryName: normalizePyPiName(entry.key), section };
  const first = text[entry.valueOffset];
  let version: StringToken | undefined;
  if (first === '"' || first === "'") version = readString(text, entry.valueOffset);
  else if (first === '{') {
    const inline = text.slice(entry.valueOffset, text.indexOf('}', entry.valueOffset) + 1);
    if (/\b(?:git|path|url)\s*=/.test(inline)) return { ...base, spec: inline, range: '', start: entry.keyOffset, end: entry.keyOffset + entry.key.length, skipped: 'git, path or URL dependency' };
    const v = /\bversion\s*=\s*(["'])/.exec(inline);
    if (v) version = readString(text, entry.valueOffset + v.index + v[0].length - 1);
  }
  if (!version) return { ...base, spec: '', range: '', start: entry.keyOffset, end: entry.keyOffset + entry.key.length, skipped: 'no single version constraint (a list of constraints per Python version)' };
  return { ...base, spec: version.value, range: version.value, start: version.start, end: version.end };
}

/** Every `[table]` header with the span of its body (array-of-tables headers end a body too). */
function tables(text: string): Table[] {
  const headers = [...text.matchAll(/^[ \t]*(\[\[?)[ \t]*([^\]\n]+?)[ \t]*\]\]?[ \t]*(?:#.*)?$/gm)];
  return headers.map((h, i) => ({
    name: h[1] === '[[' ? '' : h[2].replace(/\s*\.\s*/g, '.').replace(/"/g, ''),
    start: h.index + h[0].length,
    end: i + 1 < headers.length ? headers[i + 1].index : text.length,
  }));
}

/** The `key = value` pairs at the start of lines of a table body (values may span lines). */
function entries(text: string, table: Table): { key: string; keyOffset: number; valueOffset: number }[] {
  const body = text.slice(table.start, table.end);
  return [...body.matchAll(/^[ \t]*(?:"([^"\n]+)"|'([^'\n]+)'|([A-Za-z0-9_.-]+))[ \t]*=[ \t]*/gm)].map((m) => ({
    key: m[1] ?? m[2] ?? m[3],
    keyOffset: table.start + m.index + m[0].indexOf(m[1] ?? m[2] ?? m[3]),
    valueOffset: table.start + m.index + m[0].length,
  }));
}

function keyValue(text: string, table: Table, key: string): { offset: number; startsWith(s: string): boolean } | undefined {
  const entry = entries(text, table).find((e) => e.key === key);
  return entry && { offset: entry.valueOffset, startsWith: (s: string) => text.startsWith(s, entry.valueOffset) };
}

/** A basic ("...") or literal ('...') string starting at `offset`, or undefined for escapes/multi-line. */
function readString(text: string, offset: number): StringToken | undefined {
  const quote = text[offset];
  if (text.startsWith(quote.repeat(3), offset)) return undefined;
  const close = text.indexOf(quote, offset + 1);
  if (close < 0) return undefined;
  const value = text.slice(offset + 1, close);
  if (value.includes('\n') || (quote === '"' && value.includes('\\'))) return undefined;
  return { value, start: offset + 1, end: close };
}

/** The strings of the array opening at `offset`, skipping comments and nested arrays' brackets. */
function stringsIn(text: string, offset: number): StringToken[] {
  const out: StringToken[] = [];
  let depth = 0;
  for (let i = offset; i < text.length; i++) {
    const c = text[i];
    if (c === '#') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (c === '[') depth++;
    else if (c === ']') {
      if (--depth === 0) break;
    } else if (c === '"' || c === "'") {
      const s = readString(text, i);
      if (!s) break;
      out.push(s);
      i = s.end;
    }
  }
  return out;
}
