import type { DependencyReport } from './model';

// The hover of a dependency in a manifest, as Markdown: versions with their dates, deprecation,
// advisories with links, and where to read more. The editor only displays it.

const day = (iso: string | undefined) => (iso ? ` (${iso.slice(0, 10)})` : '');

/** Escapes the Markdown characters that registry text (titles, deprecation messages) may hold. */
function text(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+!|<>]/g, (c) => `\\${c}`);
}

export function dependencyHoverMarkdown(d: DependencyReport): string {
  const lines: string[] = [];
  const name = d.registryName !== d.name && d.ecosystem === 'npm' ? `${d.name} → ${d.registryName}` : d.name;
  lines.push(`**${text(name)}** \`${d.spec.replace(/`/g, "'")}\``);
  if (d.skipped) {
    lines.push('', `Not checked: ${text(d.skipped)}.`);
    return lines.join('\n');
  }
  if (d.unavailable) lines.push('', `No registry data: ${text(d.unavailable)}.`);
  const rows: [string, string | undefined, string | undefined][] = [
    [d.installed ? 'Installed' : 'Resolves to', d.current, d.published.current],
    ['Wanted (newest the range allows)', d.wanted, d.published.wanted],
    ['Latest', d.latest, d.published.latest],
  ];
  const shown = rows.filter(([, v]) => v);
  if (shown.length) {
    lines.push('', '| | version | published |', '|---|---|---|');
    for (const [label, v, date] of shown) lines.push(`| ${label} | ${v} | ${date ? date.slice(0, 10) : ''} |`);
  }
  if (d.distance) lines.push('', `${d.distance === 'major' ? '**Major update (breaking)**' : `A ${d.distance} update`} is available${d.distance === 'major' && d.releaseNotes ? `: [release notes](${d.releaseNotes})` : ''}.`);
  if (d.deprecated) lines.push('', `⚠️ **Deprecated**${day(d.published.current)}: ${text(d.deprecated)}`);
  if (d.advisories.length) {
    lines.push('', `**${d.advisories.length === 1 ? 'Known vulnerability' : `${d.advisories.length} known vulnerabilities`}**`);
    for (const a of d.advisories) {
      const id = a.url ? `[${a.id}](${a.url})` : a.id;
      lines.push(`- ${a.severity}: ${text(a.title || a.id)} (${id})${a.firstFixed ? `, fixed in ${a.firstFixed}` : ''}`);
    }
  }
  const links = [d.homepage && `[homepage](${d.homepage})`, d.repository && /^https?:/.test(d.repository) && `[repository](${d.repository})`, d.releaseNotes && d.distance !== 'major' && `[releases](${d.releaseNotes})`].filter(Boolean);
  if (links.length) lines.push('', links.join(' · '));
  if (d.stale) lines.push('', `_From the cache; may be out of date${d.staleReason && d.staleReason !== 'offline' ? ` (${text(d.staleReason)})` : ''}._`);
  return lines.join('\n');
}
