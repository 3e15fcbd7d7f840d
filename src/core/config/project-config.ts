import * as fs from 'fs';
import * as path from 'path';
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { RULE_SETTINGS, type CoachSettings, type RuleSetting } from './settings';

// `.backend-coach.yaml` at the root of a project: one configuration shared by the team, read by the CLI
// and the extension alike. A mistake in it is reported with its line and column and skips only that entry.

export const CONFIG_FILE = '.backend-coach.yaml';

export interface ConfigProblem {
  file: string;
  line: number; // 1-based
  column: number; // 1-based
  message: string;
}

export interface ProjectConfig {
  file: string;
  settings: Partial<CoachSettings>;
  problems: ConfigProblem[];
}

const KEYS = ['reviewerMode', 'rules', 'categories', 'exclude', 'rulesFolders'] as const;

/** Parses the text of a `.backend-coach.yaml`; never throws. */
export function parseProjectConfig(text: string, file: string): ProjectConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const problems: ConfigProblem[] = [];
  const at = (node: YamlNode | null | undefined, message: string, offset?: number) => {
    const pos = lines.linePos(offset ?? node?.range?.[0] ?? 0);
    problems.push({ file, line: pos.line, column: pos.col, message });
  };
  for (const e of doc.errors) at(undefined, e.message.split('\n')[0], e.pos[0]);
  const settings: Partial<CoachSettings> = {};
  if (doc.errors.length) return { file, settings, problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { file, settings, problems }; // an empty file
  if (!isMap(root)) {
    at(root, `${CONFIG_FILE} must be a mapping of settings (${KEYS.join(', ')})`);
    return { file, settings, problems };
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as YamlNode | null;
    const plain = value && 'toJSON' in value ? (value as { toJSON(): unknown }).toJSON() : null;
    switch (key) {
      case 'reviewerMode':
        if (typeof plain === 'boolean') settings.reviewerMode = plain;
        else at(value, 'reviewerMode must be true or false');
        break;
      case 'rules':
        settings.rules = mapOf(value, 'rules', (v) => (RULE_SETTINGS as unknown[]).includes(v), `one of ${RULE_SETTINGS.join(', ')}`, at) as Record<string, RuleSetting>;
        break;
      case 'categories':
        settings.categories = mapOf(value, 'categories', (v) => typeof v === 'boolean', 'true or false', at) as Record<string, boolean>;
        break;
      case 'exclude':
      case 'rulesFolders': {
        const list = stringList(value, key, at);
        if (key === 'exclude') settings.exclude = list;
        else settings.rulesFolders = list.map((d) => (path.isAbsolute(d) ? d : path.join(path.dirname(file), d)));
        break;
      }
      default:
        at(pair.key as YamlNode, `unknown setting "${key}" (known: ${KEYS.join(', ')})`);
    }
  }
  return { file, settings, problems };
}

type Report = (node: YamlNode | null | undefined, message: string) => void;

function mapOf(node: YamlNode | null, name: string, ok: (v: unknown) => boolean, expected: string, at: Report): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isMap(node)) {
    at(node, `${name} must be a mapping (id: value)`);
    return out;
  }
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    if (ok(value)) out[key] = value;
    else at((pair.value as YamlNode) ?? (pair.key as YamlNode), `${name}.${key} must be ${expected}`);
  }
  return out;
}

function stringList(node: YamlNode | null, name: string, at: Report): string[] {
  const plain = node && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : null;
  if (!Array.isArray(plain) || !plain.every((s) => typeof s === 'string' && s.length > 0)) {
    at(node, `${name} must be a list of non-empty strings`);
    return [];
  }
  return plain as string[];
}

/** Reads `.backend-coach.yaml` in `dir`; undefined when there is none. An unreadable file is a problem, not a throw. */
export function loadProjectConfig(dir: string): ProjectConfig | undefined {
  const file = path.join(dir, CONFIG_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { file, settings: {}, problems: [{ file, line: 1, column: 1, message: `cannot read: ${(e as Error).message}` }] };
  }
  return parseProjectConfig(text, file);
}

/**
 * The `.backend-coach.yaml` that applies to `dir`: in it or the nearest folder above, stopping at the
 * repository root (a folder holding `.git`) so a stray file in the home folder does not apply everywhere.
 */
export function findProjectConfig(dir: string): ProjectConfig | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const found = loadProjectConfig(d);
    if (found) return found;
    if (fs.existsSync(path.join(d, '.git')) || path.dirname(d) === d) return undefined;
  }
}
