import { UsageError } from './usage-error';

// The command-line grammar every subcommand shares: `--name value`, `--name=value`, short aliases,
// flags that take no value, and `--` ending the options. A subcommand says which names it knows and
// gets tokens back; what they mean stays with it.

export type OptionToken = { kind: 'positional'; value: string } | { kind: 'flag'; name: string } | { kind: 'value'; name: string; value: string };

export interface OptionGrammar {
  flags: ReadonlySet<string>;
  values: ReadonlySet<string>;
  short?: Readonly<Record<string, string>>;
  /** Names the command in "unknown option" messages, e.g. "for deps (see backend-coach deps --help)". */
  unknownHint: string;
}

export function* optionTokens(argv: readonly string[], grammar: OptionGrammar): Generator<OptionToken> {
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (arg === '--') {
      for (const rest of argv.slice(i + 1)) yield { kind: 'positional', value: rest };
      return;
    }
    if (!arg.startsWith('-') || arg === '-') {
      yield { kind: 'positional', value: arg };
      continue;
    }
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    arg = grammar.short?.[arg] ?? arg;
    if (grammar.flags.has(arg)) {
      if (inline !== undefined) throw new UsageError(`option ${arg} takes no value`);
      yield { kind: 'flag', name: arg };
      continue;
    }
    if (!grammar.values.has(arg)) throw new UsageError(`unknown option ${JSON.stringify(argv[i].split('=')[0])} ${grammar.unknownHint}`);
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= argv.length || (argv[i + 1].startsWith('-') && argv[i + 1] !== '-')) throw new UsageError(`option ${arg} needs a value`);
      value = argv[++i];
    }
    if (value === '') throw new UsageError(`option ${arg} needs a value`);
    yield { kind: 'value', name: arg, value };
  }
}
