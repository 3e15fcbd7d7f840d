import { optionTokens, type OptionGrammar } from './option-tokens';
import { UsageError } from './usage-error';
import type { Severity } from '../core/types';

export type Format = 'text' | 'json' | 'sarif';
export type FailOn = Severity | 'never';

export const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

export interface ScanOptions {
  command: 'scan';
  paths: string[];
  format: Format;
  output?: string;
  failOn: FailOn;
  rules: string[];
  fix: boolean;
  fixDryRun: boolean;
  color: boolean;
  listSuppressed: boolean;
  /** A .backend-coach.yaml to use instead of the one found from the working folder up. */
  config?: string;
  /** Ignore any .backend-coach.yaml. */
  noConfig: boolean;
  /** Reviewer mode: hint-level rules on too. */
  reviewer: boolean;
}

export type Command = ScanOptions | { command: 'help' } | { command: 'version' };

export { UsageError };

const GRAMMAR: OptionGrammar = {
  values: new Set(['--format', '--output', '--fail-on', '--rules', '--config']),
  flags: new Set(['--fix', '--fix-dry-run', '--no-color', '--help', '--version', '--list-suppressed', '--no-config', '--reviewer']),
  short: { '-f': '--format', '-o': '--output', '-h': '--help', '-v': '--version' },
  unknownHint: '(see --help)',
};

/**
 * Parses `backend-coach [scan] [options] [paths...]`. Options may come before or after paths, values
 * as `--format json` or `--format=json`; `--` ends the options.
 */
export function parseArgs(argv: readonly string[]): Command {
  const opts: ScanOptions = {
    command: 'scan',
    paths: [],
    format: 'text',
    failOn: 'error',
    rules: [],
    fix: false,
    fixDryRun: false,
    color: true,
    listSuppressed: false,
    noConfig: false,
    reviewer: false,
  };
  let help = false;
  let version = false;
  let command: string | undefined;
  const positional: string[] = [];

  for (const token of optionTokens(argv, GRAMMAR)) {
    if (token.kind === 'positional') {
      if (command === undefined) command = token.value;
      else positional.push(token.value);
    } else if (token.kind === 'flag') {
      if (token.name === '--fix') opts.fix = true;
      else if (token.name === '--fix-dry-run') opts.fixDryRun = true;
      else if (token.name === '--no-color') opts.color = false;
      else if (token.name === '--list-suppressed') opts.listSuppressed = true;
      else if (token.name === '--no-config') opts.noConfig = true;
      else if (token.name === '--reviewer') opts.reviewer = true;
      else if (token.name === '--help') help = true;
      else if (token.name === '--version') version = true;
    } else {
      const { name, value } = token;
      if (name === '--format') {
        if (!(FORMATS as string[]).includes(value)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not ${JSON.stringify(value)}`);
        opts.format = value as Format;
      } else if (name === '--fail-on') {
        if (!(FAIL_ON as string[]).includes(value)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not ${JSON.stringify(value)}`);
        opts.failOn = value as FailOn;
      } else if (name === '--output') opts.output = value;
      else if (name === '--rules') opts.rules.push(value);
      else if (name === '--config') opts.config = value;
    }
  }

  if (help) return { command: 'help' };
  if (version) return { command: 'version' };
  if (command === undefined) throw new UsageError('missing command: try "backend-coach scan [paths...]" (see --help)');
  if (command !== 'scan') throw new UsageError(`unknown command ${JSON.stringify(command)}: the commands are "scan", "deps" and "checklist" (see --help)`);
  if (opts.fix && opts.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  if (opts.config !== undefined && opts.noConfig) throw new UsageError('--config and --no-config cannot be used together');
  opts.paths = positional.length ? positional : ['.'];
  return opts;
}

export const HELP = `Usage: backend-coach scan [options] [paths...]

Finds unparameterised SQL queries and other backend mistakes in JavaScript,
TypeScript and Python files. Paths default to the current folder; folders are
walked, skipping node_modules, .git, build output and what .gitignore ignores.

\`backend-coach deps [dir]\` checks dependencies instead: outdated, deprecated and
vulnerable ones in package.json, requirements.txt and pyproject.toml (see
backend-coach deps --help).

\`backend-coach checklist [dir]\` shows which items of the learning checklist the
folder's evidence ticks (see backend-coach checklist --help).

Options:
  -f, --format <text|json|sarif>  output format (default: text)
  -o, --output <file>             write the report to a file instead of stdout
      --fail-on <level>           exit 1 when a finding is at or above this level:
                                  error, warning, info or never (default: error)
      --rules <dir>               also load the YAML rules in this folder (repeatable)
      --config <file>             use this .backend-coach.yaml (default: the one in
                                  the working folder or the nearest one above it,
                                  up to the repository root)
      --no-config                 ignore .backend-coach.yaml
      --reviewer                  reviewer mode: hint-level rules on too
      --fix                       apply the available fixes to the files, then
                                  re-analyse them and report what remains
      --fix-dry-run               print a unified diff of what --fix would change;
                                  change nothing
      --list-suppressed           include findings silenced by coach-ignore
                                  comments in the report, marked as suppressed
      --no-color                  no colours in text output (NO_COLOR is honoured too)
  -h, --help                      show this help
  -v, --version                   show the version

Exit codes:
  0  no finding at or above --fail-on
  1  at least one finding at or above --fail-on
  2  usage or configuration error (the reason is printed on stderr)

Docs: https://github.com/backend-coach/backend-coach/blob/main/docs/cli.md
`;
