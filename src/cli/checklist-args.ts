import { optionTokens, type OptionGrammar } from './option-tokens';
import { UsageError } from './usage-error';

// `backend-coach checklist [dir] [options]`: its own options, parsed here so the scan parser stays as it is.

export type ChecklistFormat = 'text' | 'json' | 'markdown';
export const CHECKLIST_FORMATS: readonly ChecklistFormat[] = ['text', 'json', 'markdown'];

export interface ChecklistOptions {
  command: 'checklist';
  /** The workspace folder whose evidence is collected. */
  dir: string;
  format: ChecklistFormat;
  color: boolean;
  help: boolean;
}

const GRAMMAR: OptionGrammar = {
  values: new Set(['--format']),
  flags: new Set(['--no-color', '--help']),
  short: { '-f': '--format', '-h': '--help' },
  unknownHint: 'for checklist (see backend-coach checklist --help)',
};

/** Parses what follows `checklist`. `--format json` or `--format=json`; `--` ends the options. */
export function parseChecklistArgs(argv: readonly string[]): ChecklistOptions {
  const opts: ChecklistOptions = { command: 'checklist', dir: '.', format: 'text', color: true, help: false };
  const positional: string[] = [];
  for (const token of optionTokens(argv, GRAMMAR)) {
    if (token.kind === 'positional') positional.push(token.value);
    else if (token.kind === 'flag') {
      if (token.name === '--no-color') opts.color = false;
      else opts.help = true;
    } else {
      if (!(CHECKLIST_FORMATS as string[]).includes(token.value)) throw new UsageError(`--format must be one of ${CHECKLIST_FORMATS.join(', ')}, not ${JSON.stringify(token.value)}`);
      opts.format = token.value as ChecklistFormat;
    }
  }
  if (positional.length > 1) throw new UsageError(`checklist takes one folder, not ${positional.length} (${positional.map((p) => JSON.stringify(p)).join(', ')})`);
  if (positional.length) opts.dir = positional[0];
  return opts;
}

export const CHECKLIST_HELP = `Usage: backend-coach checklist [dir] [options]

Shows the learning checklist with what the workspace's evidence says: which
items tick themselves (a Dockerfile, CI configuration, migrations, a validation
library, helmet and rate limiting wired in, every SQL query parameterised, ...).
Your own ticks live in the editor's checklist; this command reads only the
folder (default: the current one) and changes nothing.

Options:
  -f, --format <text|json|markdown>  output format (default: text); markdown is
                                     the report a learner can share
      --no-color                     no colours in text output (NO_COLOR too)
  -h, --help                         show this help

Exit codes:
  0  the checklist was shown
  2  usage error, a folder that does not exist, or a broken curriculum file

Docs: https://github.com/backend-coach/backend-coach/blob/main/docs/checklist.md
`;
