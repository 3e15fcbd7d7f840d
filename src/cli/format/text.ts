import type { Finding, Severity } from '../../core/types';
import type { Palette } from '../color';
import { countBySeverity, type FixMode, type ScanResult } from '../scan';

const plural = (n: number, word: string, many = word + 's') => `${n} ${n === 1 ? word : many}`;

/**
 * The familiar linter report: findings grouped by file, one line each with the 1-based line:column,
 * severity, message and rule id, then a summary line.
 */
export function formatText(result: ScanResult, options: { colors: Palette; listSuppressed: boolean; fix: FixMode }): string {
  const c = options.colors;
  const severityColor: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue, hint: c.gray };
  let out = '';
  let fixable = 0;

  for (const file of result.files) {
    const rows: { finding: Finding; suppressed: boolean }[] = file.findings.map((finding) => ({ finding, suppressed: false }));
    if (options.listSuppressed) rows.push(...file.suppressed.map((finding) => ({ finding, suppressed: true })));
    if (!rows.length) continue;
    rows.sort((a, b) => a.finding.range.start.line - b.finding.range.start.line || a.finding.range.start.column - b.finding.range.start.column);
    fixable += file.findings.filter((f) => f.fix).length;

    const cells = rows.map(({ finding, suppressed }) => ({
      position: `${finding.range.start.line + 1}:${finding.range.start.column + 1}`,
      severity: finding.severity,
      message: finding.message.replace(/\s*\n\s*/g, ' '),
      ruleId: finding.ruleId,
      note: suppressed ? `(suppressed${finding.suppressed?.reason ? `: ${finding.suppressed.reason}` : ''})` : '',
      suppressed,
    }));
    const width = (key: 'position' | 'severity' | 'message') => Math.max(...cells.map((cell) => cell[key].length));
    const [wPos, wSev, wMsg] = [width('position'), width('severity'), width('message')];

    out += `\n${c.underline(file.path)}\n`;
    for (const cell of cells) {
      const position = c.dim(cell.position.padEnd(wPos));
      const severity = cell.suppressed ? c.gray(cell.severity.padEnd(wSev)) : severityColor[cell.severity](cell.severity.padEnd(wSev));
      const message = cell.suppressed ? c.gray(cell.message.padEnd(wMsg)) : cell.message.padEnd(wMsg);
      const line = `  ${position}  ${severity}  ${message}  ${c.dim(cell.ruleId)}${cell.note ? `  ${c.gray(cell.note)}` : ''}`;
      out += line.trimEnd() + '\n';
    }
  }

  if (result.skipped.length) {
    const wPath = Math.max(...result.skipped.map((s) => s.path.length));
    out += `\n${c.bold(`Skipped ${plural(result.skipped.length, 'file')}:`)}\n`;
    for (const s of result.skipped) out += `  ${s.path.padEnd(wPath)}  ${c.gray(s.reason)}\n`;
  }

  const counts = countBySeverity(result.files);
  const problems = counts.error + counts.warning + counts.info + counts.hint;
  const suppressed = result.files.reduce((n, f) => n + f.suppressed.length, 0);
  const suppressedNote = suppressed ? `, ${suppressed} suppressed` : '';
  out += '\n';
  if (problems) {
    const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
    if (counts.info) parts.push(`${counts.info} info`);
    if (counts.hint) parts.push(plural(counts.hint, 'hint'));
    const summary = `✖ ${plural(problems, 'problem')} (${parts.join(', ')})${suppressedNote}`;
    out += (counts.error ? c.red : counts.warning ? c.yellow : c.blue)(c.bold(summary)) + '\n';
    if (fixable && options.fix === 'none') out += `  ${plural(fixable, 'problem')} can be fixed with the \`--fix\` option.\n`;
  } else {
    out += c.green(`No problems found (${plural(result.filesScanned, 'file')} scanned)`) + suppressedNote + '\n';
  }
  return out.replace(/^\n/, '');
}
