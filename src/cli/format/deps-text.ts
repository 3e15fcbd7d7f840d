import type { ProjectReport } from '../../core/deps/check';
import { worstAdvisory } from '../../core/deps/findings';
import type { DependencyReport } from '../../core/deps/model';
import type { Palette } from '../color';
import type { CheckedManifest } from '../deps';

// The text report of `deps`: per manifest, a table like `npm outdated`'s (current, wanted, latest) with
// what is wrong with each dependency, then the problems with their line:column, then a summary.

const plural = (n: number, word: string, many = word + 's') => `${n} ${n === 1 ? word : many}`;

function status(d: DependencyReport, c: Palette): string {
  if (d.skipped) return c.gray(`skipped: ${d.skipped}`);
  if (d.unavailable) return c.gray(`unknown: ${d.unavailable}`);
  const parts: string[] = [];
  const worst = worstAdvisory(d);
  if (worst) parts.push(c.red(`${plural(d.advisories.length, 'vulnerability', 'vulnerabilities')} (${worst})`));
  if (d.deprecated) parts.push(c.yellow('deprecated'));
  if (d.distance) parts.push(d.distance === 'major' ? c.yellow('major') : c.blue(d.distance));
  if (!parts.length) parts.push(c.green('up to date'));
  if (d.stale) parts.push(c.gray('(cached)'));
  return parts.join(', ');
}

export function formatDepsText(manifests: CheckedManifest[], project: ProjectReport, options: { colors: Palette }): string {
  const c = options.colors;
  let out = '';
  for (const m of manifests) {
    out += `\n${c.underline(m.display)}\n`;
    if (m.report.error) {
      out += `  ${c.red('error')}  ${m.report.error}\n`;
      continue;
    }
    if (!m.report.dependencies.length) {
      out += '  no dependencies\n';
      continue;
    }
    const rows = [['Package', 'Current', 'Wanted', 'Latest', ''], ...m.report.dependencies.map((d) => [d.name, d.current ?? '-', d.wanted ?? '-', d.latest ?? '-', status(d, c)])];
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
    for (const [i, r] of rows.entries()) {
      const line = `  ${r.slice(0, 4).map((cell, j) => cell.padEnd(widths[j])).join('  ')}  ${r[4]}`.trimEnd();
      out += `${i === 0 ? c.bold(line) : line}\n`;
    }
    if (m.findings.length) out += '\n';
    const at = (f: (typeof m.findings)[number]) => `${f.range.start.line + 1}:${f.range.start.column + 1}`;
    const wAt = Math.max(0, ...m.findings.map((f) => at(f).length));
    const wSev = Math.max(0, ...m.findings.map((f) => f.severity.length));
    for (const f of m.findings) {
      const sev = { error: c.red, warning: c.yellow, info: c.blue, hint: c.gray }[f.severity](f.severity.padEnd(wSev));
      out += `  ${c.dim(at(f).padEnd(wAt))}  ${sev}  ${f.message}  ${c.dim(f.id)}\n`;
    }
  }
  const all = manifests.flatMap((m) => m.findings);
  const deps = manifests.reduce((n, m) => n + m.report.dependencies.filter((d) => !d.skipped).length, 0);
  const count = (id: string) => all.filter((f) => f.id === id).length;
  out += `\n${plural(deps, 'dependency', 'dependencies')} checked in ${plural(manifests.length, 'manifest')}: ${count('dependency-outdated')} outdated, ${count('dependency-deprecated')} deprecated, ${count('dependency-vulnerable')} vulnerable.\n`;
  if (project.stale) out += c.gray(project.network ? 'Some results come from the cache because the registry could not be reached (see the notes above).\n' : 'Offline: results come from the cache and may be out of date.\n');
  return out;
}
