import { FAIL_ON, FORMATS, UsageError, type FailOn, type Format } from './args';
import { optionTokens, type OptionGrammar } from './option-tokens';

// `backend-coach deps [dir] [options]`: its own options, parsed here so the scan parser stays as it is.

export interface DepsOptions {
  command: 'deps';
  /** A folder holding manifests, or one manifest file. */
  target: string;
  format: Format;
  output?: string;
  failOn: FailOn;
  offline: boolean;
  cacheDir?: string;
  color: boolean;
  help: boolean;
}

const GRAMMAR: OptionGrammar = {
  flags: new Set(['--offline', '--no-color', '--help']),
  values: new Set(['--format', '--output', '--fail-on', '--cache-dir']),
  short: { '-f': '--format', '-o': '--output', '-h': '--help' },
  unknownHint: 'for deps (see backend-coach deps --help)',
};

/** Parses what follows `deps`. Values as `--format json` or `--format=json`; `--` ends the options. */
export function parseDepsArgs(argv: readonly string[]): DepsOptions {
  const opts: DepsOptions = { command: 'deps', target: '.', format: 'text', failOn: 'error', offline: false, color: true, help: false };
  const positional: string[] = [];
  for (const token of optionTokens(argv, GRAMMAR)) {
    if (token.kind === 'positional') positional.push(token.value);
    else if (token.kind === 'flag') {
      if (token.name === '--offline') opts.offline = true;
      else if (token.name === '--no-color') opts.color = false;
      else opts.help = true;
    } else if (token.name === '--format') {
      if (!(FORMATS as string[]).includes(token.value)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not ${JSON.stringify(token.value)}`);
      opts.format = token.value as Format;
    } else if (token.name === '--fail-on') {
      if (!(FAIL_ON as string[]).includes(token.value)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not ${JSON.stringify(token.value)}`);
      opts.failOn = token.value as FailOn;
    } else if (token.name === '--output') opts.output = token.value;
    else opts.cacheDir = token.value;
  }
  if (positional.length > 1) throw new UsageError(`deps takes one folder or manifest, not ${positional.length} (${positional.join(', ')})`);
  if (positional.length) opts.target = positional[0];
  return opts;
}

export const DEPS_HELP = `Usage: backend-coach deps [dir | manifest] [options]

Checks the dependencies of package.json (with package-lock.json), requirements*.txt
and pyproject.toml (PEP 621 and Poetry): outdated (patch, minor, major), deprecated
or yanked, and known vulnerabilities (npm advisories, OSV). Asks the registries
named in .npmrc (project, user, global; proxies and tokens honoured) and PyPI,
through a cache on disk.

Options:
  -f, --format <text|json|sarif>  output format (default: text)
  -o, --output <file>             write the report to a file instead of stdout
      --fail-on <level>           exit 1 when a problem is at or above this level:
                                  error, warning, info or never (default: error).
                                  Vulnerabilities: critical/high = error, moderate =
                                  warning; deprecated = warning; outdated: major =
                                  warning, minor = info, patch = hint
      --offline                   use the cache only; open no network connection
      --cache-dir <dir>           the cache folder (default: $XDG_CACHE_HOME/backend-coach
                                  or ~/.cache/backend-coach)
      --no-color                  no colours in text output (NO_COLOR is honoured too)
  -h, --help                      show this help

Exit codes:
  0  no problem at or above --fail-on
  1  at least one problem at or above --fail-on
  2  usage or configuration error, or a manifest that cannot be read

Docs: https://github.com/backend-coach/backend-coach/blob/main/docs/dependencies.md
`;
