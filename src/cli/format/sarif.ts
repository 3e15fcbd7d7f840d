import { createHash } from 'crypto';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Rule } from '../../core/rules/model';
import type { Finding, Range, RuleLoadError, Severity } from '../../core/types';
import type { FileResult, ScanResult } from '../scan';
import { LineIndex } from '../text-index';

// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. See docs/cli.md for the mapping.

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/backend-coach/backend-coach';
export const RULE_DOCS_BASE = 'https://github.com/backend-coach/backend-coach/blob/main/docs/rules/';
export const FINGERPRINT_KEY = 'backendCoach/v1';
const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** GitHub's scale: 9.0+ critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. */
export const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.8', warning: '5.3', info: '2.0', hint: '2.0' };

type Json = Record<string, unknown>;

export interface SarifOptions {
  cwd: string;
  toolVersion: string;
  rules: readonly Rule[];
  ruleErrors: readonly RuleLoadError[];
  listSuppressed: boolean;
}

function pascalCase(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** The first paragraph of the rule's docs that is not a heading, on one line. */
function firstParagraph(markdown: string): string | undefined {
  for (const block of markdown.split(/\n\s*\n/)) {
    const text = block
      .split('\n')
      .filter((l) => !/^\s*#/.test(l))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (text && !text.startsWith('```')) return text;
  }
  return undefined;
}

export function cweTags(cwe: readonly string[]): string[] {
  return cwe.map((c) => `external/cwe/${c.toLowerCase()}`);
}

function sarifRule(rule: Rule): Json {
  const security = rule.category === 'security';
  const properties: Json = {
    tags: [...new Set([rule.category, ...cweTags(rule.cwe)])],
    // Taint rules follow the data from its source; structural (query) rules match a shape only.
    precision: rule.match.kind === 'taint' ? 'high' : 'medium',
  };
  if (security) properties['security-severity'] = SECURITY_SEVERITY[rule.severity];
  if (rule.checklist) properties.checklist = rule.checklist;
  if (rule.owasp.length) properties.owasp = rule.owasp;
  const out: Json = {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: firstParagraph(rule.docs) ?? rule.title },
    help: { text: rule.docs || rule.title, markdown: rule.docs || rule.title },
    defaultConfiguration: { level: LEVEL[rule.severity], ...(rule.enabled ? {} : { enabled: false }) },
    properties,
  };
  // Only the bundled rules have a page in the project's docs.
  if (rule.source.builtin) out.helpUri = `${RULE_DOCS_BASE}${rule.id}.md`;
  return out;
}

function uriOf(relPath: string): string {
  return relPath.split('/').map(encodeURIComponent).join('/');
}

function region(range: Range): Json {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.column + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.column + 1,
  };
}

function physicalLocation(file: FileResult, range: Range): Json {
  return { artifactLocation: { uri: uriOf(file.path), uriBaseId: SRCROOT }, region: region(range) };
}

function fingerprint(ruleId: string, file: string, lineText: string): string {
  return createHash('sha256').update(`${ruleId}\u0000${file}\u0000${lineText.trim()}`).digest('hex').slice(0, 32);
}

function sarifResult(f: Finding, file: FileResult, index: LineIndex | undefined, ruleIndex: Map<string, number>, seen: Map<string, number>): Json {
  const hash = fingerprint(f.ruleId, file.path, index?.lineText(f.range.start.line) ?? '');
  const occurrence = (seen.get(hash) ?? 0) + 1;
  seen.set(hash, occurrence);
  const result: Json = {
    ruleId: f.ruleId,
    ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: physicalLocation(file, f.range) }],
    partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${occurrence}` },
  };
  if (f.trace.length > 1) {
    result.codeFlows = [
      {
        threadFlows: [
          {
            locations: f.trace.map((step) => ({
              location: { physicalLocation: physicalLocation(file, step.range), message: { text: step.note } },
            })),
          },
        ],
      },
    ];
  }
  if (f.fix && f.fix.edits.length && index) {
    const edits = [...f.fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
    result.fixes = [
      {
        description: { text: f.fix.title },
        artifactChanges: [
          {
            artifactLocation: { uri: uriOf(file.path), uriBaseId: SRCROOT },
            replacements: edits.map((e) => ({
              deletedRegion: region({ start: index.positionAt(e.start), end: index.positionAt(e.end) }),
              insertedContent: { text: e.text },
            })),
          },
        ],
      },
    ];
  }
  if (f.suppressed) {
    result.suppressions = [
      {
        kind: 'inSource',
        ...(f.suppressed.reason ? { justification: f.suppressed.reason } : {}),
        location: { physicalLocation: physicalLocation(file, f.suppressed.range) },
      },
    ];
  }
  if (f.checklist) result.properties = { checklist: f.checklist };
  return result;
}

function fileArtifact(file: string, cwd: string): Json {
  const rel = path.relative(cwd, file);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: uriOf(rel.split(path.sep).join('/')), uriBaseId: SRCROOT };
  return { uri: pathToFileURL(file).href };
}

export function buildSarif(result: ScanResult, options: SarifOptions): Json {
  const rules = [...options.rules].sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: Json[] = [];
  for (const file of result.files) {
    const index = file.text !== undefined ? new LineIndex(file.text) : undefined;
    const seen = new Map<string, number>();
    const findings = options.listSuppressed ? [...file.findings, ...file.suppressed] : [...file.findings];
    findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
    for (const f of findings) results.push(sarifResult(f, file, index, ruleIndex, seen));
  }

  const invocation: Json = { executionSuccessful: true };
  if (options.ruleErrors.length) {
    invocation.toolConfigurationNotifications = options.ruleErrors.map((e) => ({
      level: 'warning',
      message: { text: e.message },
      locations: [{ physicalLocation: { artifactLocation: fileArtifact(e.file, options.cwd), region: { startLine: Math.max(1, e.line), startColumn: Math.max(1, e.column) } } }],
    }));
  }
  if (result.skipped.length) {
    invocation.toolExecutionNotifications = result.skipped.map((s) => ({
      level: 'note',
      message: { text: `Skipped: ${s.reason}` },
      locations: [{ physicalLocation: { artifactLocation: fileArtifact(s.file, options.cwd) } }],
    }));
  }

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Backend Coach',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: INFORMATION_URI,
            rules: rules.map(sarifRule),
          },
        },
        invocations: [invocation],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(options.cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(result: ScanResult, options: SarifOptions): string {
  return JSON.stringify(buildSarif(result, options), null, 2) + '\n';
}
