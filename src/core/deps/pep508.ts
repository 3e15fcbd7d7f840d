import type { DeclaredDependency } from './model';

// One PEP 508 requirement (`name[extras] specifier ; marker`), as found in requirements.txt and in
// pyproject.toml's PEP 621 arrays, turned into a declared dependency with offsets into the file.

/** PyPI compares names case-insensitively with runs of `-_.` equal (PEP 503). */
export function normalizePyPiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * `text` is the requirement; `offset` is where it starts in the file. Returns undefined when it is not a
 * requirement at all (an empty string).
 */
export function parsePep508(text: string, offset: number, section: string): DeclaredDependency | undefined {
  const m = /^(\s*)([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*/.exec(text);
  if (!m) {
    const trimmed = text.trim();
    if (!trimmed) return undefined;
    const lead = text.length - text.trimStart().length;
    return { ecosystem: 'pypi', name: trimmed, registryName: trimmed, spec: trimmed, range: '', start: offset + lead, end: offset + lead + trimmed.length, section, skipped: 'not a package requirement (a URL or path)' };
  }
  const name = m[2];
  const nameStart = offset + m[1].length;
  const base = { ecosystem: 'pypi' as const, name, registryName: normalizePyPiName(name), section };
  let rest = text.slice(m[0].length);
  const restStart = offset + m[0].length;
  const marker = rest.indexOf(';');
  if (marker >= 0) rest = rest.slice(0, marker);
  if (rest.trimStart().startsWith('@')) {
    return { ...base, spec: rest.trim(), range: '', start: nameStart, end: nameStart + name.length, skipped: 'direct URL reference (name @ url)' };
  }
  let spec = rest.trimEnd();
  let specStart = restStart;
  // The old form `name (>=1.0)` puts the specifier in parentheses.
  const paren = /^\(\s*([^)]*?)\s*\)$/.exec(spec);
  if (paren) {
    specStart += spec.indexOf(paren[1]);
    spec = paren[1];
  }
  if (!spec) return { ...base, spec: '', range: '', start: nameStart, end: nameStart + name.length };
  return { ...base, spec, range: spec, start: specStart, end: specStart + spec.length };
}
