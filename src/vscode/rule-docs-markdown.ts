import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Rule } from '../core/rules/model';

// A rule's documentation page as Markdown, from the loaded rule itself (so it works offline, for the
// user's own rules too). The same parts as the generated docs/rules/<id>.md pages: title, severity,
// CWE/OWASP, the rule's docs, its references. No `vscode` import: tested as plain text.

const CWE = /^CWE-(\d+)$/i;

function cweLink(cwe: string): string {
  const m = CWE.exec(cwe);
  return m ? `[${cwe}](https://cwe.mitre.org/data/definitions/${m[1]}.html)` : cwe;
}

/** A reference as a Markdown link when it is a URL, as text otherwise. */
function reference(ref: string): string {
  return /^https?:\/\/\S+$/.test(ref) ? `<${ref}>` : ref;
}

export function ruleDocsMarkdown(rule: Rule): string {
  const facts = [`\`${rule.id}\``, `Severity: **${rule.severity}**`, `Category: ${rule.category}`, `Languages: ${rule.languages.join(', ')}`];
  const tags: string[] = [];
  if (rule.cwe.length) tags.push(`**CWE:** ${rule.cwe.map(cweLink).join(', ')}`);
  if (rule.owasp.length) tags.push(`**OWASP:** ${rule.owasp.join(', ')}`);
  if (rule.checklist) tags.push(`**Checklist:** \`${rule.checklist}\``);
  const lines = [`# ${rule.title}`, '', facts.join(' · '), ''];
  if (tags.length) lines.push(tags.join(' · '), '');
  lines.push(rule.docs.trim() || '_This rule has no documentation._', '');
  if (rule.references.length) lines.push('## References', '', ...rule.references.map((r) => `- ${reference(r)}`), '');
  const file = path.basename(rule.source.file);
  const origin = rule.source.builtin ? 'a rule that ships with Backend Coach' : 'one of your rules';
  lines.push('---', '', `_From [\`${file}\`](${pathToFileURL(rule.source.file).href}), ${origin}. Silence it on one line with \`coach-ignore-next-line ${rule.id} -- reason\`._`, '');
  return lines.join('\n');
}
