import type { Rule } from '../rules/model';
import { SEVERITY_RANK, type Severity } from '../types';

// Which rules run and how loud they are. The same settings come from three places, later ones winning
// key by key: the defaults, the team's `.backend-coach.yaml`, then the user's editor settings (or CLI flags).

/** A per-rule setting: `off`, `on` (the rule's own severity, even a hint-level rule), or a severity. */
export type RuleSetting = 'off' | 'on' | Severity;

export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'on', 'error', 'warning', 'info', 'hint'];

export interface CoachSettings {
  /** Turns on every hint-level rule (off by default): lint-style hints for people reviewing code. */
  reviewerMode: boolean;
  /** By rule id. */
  rules: Record<string, RuleSetting>;
  /** By category (`security`, `performance`, ...): false turns the whole category off. */
  categories: Record<string, boolean>;
  /** Files never analysed: globs relative to the workspace (or config file) folder, gitignore-style. */
  exclude: string[];
  /** Extra folders of YAML rules, relative to the folder of the file that names them. */
  rulesFolders: string[];
}

export const DEFAULT_SETTINGS: CoachSettings = { reviewerMode: false, rules: {}, categories: {}, exclude: [], rulesFolders: [] };

/** Later layers win: per key for `rules` and `categories`, as a whole for the others. Lists add up. */
export function mergeSettings(...layers: Partial<CoachSettings>[]): CoachSettings {
  const out: CoachSettings = { ...DEFAULT_SETTINGS, rules: {}, categories: {}, exclude: [], rulesFolders: [] };
  for (const layer of layers) {
    if (layer.reviewerMode !== undefined) out.reviewerMode = layer.reviewerMode;
    Object.assign(out.rules, layer.rules);
    Object.assign(out.categories, layer.categories);
    out.exclude.push(...(layer.exclude ?? []).filter((g) => !out.exclude.includes(g)));
    out.rulesFolders.push(...(layer.rulesFolders ?? []).filter((d) => !out.rulesFolders.includes(d)));
  }
  return out;
}

/**
 * Is `rule` on under `settings`? A rule's own setting decides first; then its category; then its default:
 * on unless it is hint-level, which reviewer mode turns on.
 */
export function isRuleOn(rule: Rule, settings: CoachSettings): boolean {
  const own = settings.rules[rule.id];
  if (own !== undefined) return own !== 'off';
  if (settings.categories[rule.category] === false) return false;
  return rule.enabled || settings.reviewerMode;
}

/** The severity a finding of `rule` is shown with: the rule's setting when it names one. */
export function severityFor(rule: Rule, found: Severity, settings: CoachSettings): Severity {
  const own = settings.rules[rule.id];
  return own !== undefined && own in SEVERITY_RANK ? (own as Severity) : found;
}

/** Rule ids named in `settings` that no loaded rule has (a typo in the settings). */
export function unknownRuleIds(settings: CoachSettings, rules: readonly Rule[]): string[] {
  const known = new Set(rules.map((r) => r.id));
  return Object.keys(settings.rules).filter((id) => !known.has(id));
}
