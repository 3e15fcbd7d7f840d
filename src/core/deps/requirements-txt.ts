import type { DeclaredDependency } from './model';
import { parsePep508 } from './pep508';

// requirements.txt → declared dependencies with offsets. Comments, line continuations, extras and
// environment markers are understood; `-r other.txt` / `-c other.txt` are returned as includes for the
// caller to check as manifests of their own; other pip options are ignored.

export interface RequirementsFile {
  dependencies: DeclaredDependency[];
  /** Files named by `-r`/`--requirement` (relative to this file), in order. */
  includes: string[];
}

export function parseRequirementsTxt(text: string): RequirementsFile {
  const dependencies: DeclaredDependency[] = [];
  const includes: string[] = [];
  for (const { content, start } of logicalLines(text)) {
    const comment = /(^|\s)#/.exec(content);
    const line = comment ? content.slice(0, comment.index) : content;
    const trimmed = line.trim();
    if (!trimmed) continue;
    const include = /^(?:-r|--requirement)(?:\s+|=)(\S+)/.exec(trimmed);
    if (include) {
      includes.push(include[1]);
      continue;
    }
    if (trimmed.startsWith('-e ') || trimmed.startsWith('--editable')) {
      const lead = line.length - line.trimStart().length;
      dependencies.push({ ecosystem: 'pypi', name: trimmed, registryName: trimmed, spec: trimmed, range: '', start: start + lead, end: start + lead + trimmed.length, section: 'requirements', skipped: 'editable install (-e)' });
      continue;
    }
    if (trimmed.startsWith('-')) continue; // --index-url, -c constraints, --hash ... : not dependencies
    // `--hash=...` options may follow the requirement on the same line.
    const options = /\s--?[a-z]/.exec(line);
    const requirement = parsePep508(options ? line.slice(0, options.index) : line, start, 'requirements');
    if (requirement) dependencies.push(requirement);
  }
  return { dependencies, includes };
}

/** Physical lines joined at a trailing backslash (replaced by spaces, so offsets stay exact). */
function* logicalLines(text: string): Generator<{ content: string; start: number }> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    while (/\\\r?$/.test(text.slice(start, end)) && end < text.length) {
      const next = text.indexOf('\n', end + 1);
      end = next < 0 ? text.length : next;
    }
    const content = text
      .slice(start, end)
      .replace(/\\(\r?\n)/g, (m) => ' '.repeat(m.length))
      .replace(/\r$/, '');
    yield { content, start };
    start = end + 1;
  }
}
