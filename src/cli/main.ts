import * as fs from 'fs';
import * as path from 'path';
import { Engine } from '../core/engine';
import { packageRoot } from '../core/paths';
import type { RuleLoadError } from '../core/types';
import { HELP, parseArgs, UsageError, type ScanOptions } from './args';
import { COLORS, NO_COLORS, useColor } from './color';
import { runDeps } from './deps';
import { parseDepsArgs } from './deps-args';
import { runChecklist } from './checklist';
import { parseChecklistArgs } from './checklist-args';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { displayPath, failed, scanFiles, type FixMode, type ScanResult } from './scan';
import { collectFiles } from './walk';
import { findProjectConfig, parseProjectConfig, type ProjectConfig } from '../core/config/project-config';
import { excludeFilter } from '../core/config/path-filter';
import { mergeSettings, unknownRuleIds, type CoachSettings } from '../core/config/settings';

// `backend-coach scan`: the command-line front of the engine. `main` returns the exit code instead of
// exiting, so tests run it in-process: 0 clean, 1 findings at or above --fail-on, 2 usage or
// configuration error.

export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  cwd: string;
  /** Environment variables (NO_COLOR); defaults to process.env. */
  env?: Record<string, string | undefined>;
}

/** A configuration problem found after parsing (bad --rules folder, unwritable --output): exit 2. */
class ConfigError extends Error {}

export function toolVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export async function main(argv: string[], io?: Partial<CliIo>): Promise<number> {
  const full: CliIo = {
    stdout: io?.stdout ?? process.stdout,
    stderr: io?.stderr ?? process.stderr,
    cwd: io?.cwd ?? process.cwd(),
    env: io?.env ?? process.env,
  };
  const fail = (message: string) => {
    full.stderr.write(`backend-coach: ${message.split('\n')[0]}\n`);
    return 2;
  };
  try {
    if (argv[0] === 'deps') return await runDeps(parseDepsArgs(argv.slice(1)), full);
    if (argv[0] === 'checklist') return await runChecklist(parseChecklistArgs(argv.slice(1)), full, toolVersion());
    const command = parseArgs(argv);
    if (command.command === 'help') {
      full.stdout.write(HELP);
      return 0;
    }
    if (command.command === 'version') {
      full.stdout.write(`${toolVersion()}\n`);
      return 0;
    }
    return await runScan(command, full);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) return fail(e.message);
    return fail(`internal error: ${(e as Error)?.message ?? String(e)}`);
  }
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The project's `.backend-coach.yaml` (or --config's): its mistakes are printed and only those entries are
 * ignored; a file that is not YAML at all stops the run, since the team's settings could not be honoured.
 */
function loadConfig(options: ScanOptions, io: CliIo): ProjectConfig | undefined {
  if (options.noConfig) return undefined;
  let config: ProjectConfig | undefined;
  if (options.config !== undefined) {
    const file = path.resolve(io.cwd, options.config);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError(`--config ${options.config}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    config = parseProjectConfig(text, file);
  } else {
    config = findProjectConfig(io.cwd);
  }
  if (!config) return undefined;
  const where = isInside(config.file, io.cwd) ? displayPath(config.file, io.cwd) : config.file;
  for (const p of config.problems) io.stderr.write(`${where}:${p.line}:${p.column}: ${p.message}\n`);
  if (config.problems.length && !Object.keys(config.settings).length) throw new ConfigError(`${where}: no setting could be read (errors above)`);
  return config;
}

/** Loads the built-in rules and the --rules folders; load errors are printed, fatal only when a folder gave nothing. */
async function loadEngine(options: ScanOptions, io: CliIo, settings: CoachSettings): Promise<{ engine: Engine; errors: RuleLoadError[] }> {
  const dirs = [...settings.rulesFolders, ...options.rules]
    .map((r) => ({ arg: r, dir: path.resolve(io.cwd, r) }))
    .filter((d, i, all) => all.findIndex((other) => other.dir === d.dir) === i);
  for (const { arg, dir } of dirs) {
    let isDir = false;
    try {
      isDir = fs.statSync(dir).isDirectory();
    } catch {
      // reported below
    }
    if (!isDir) throw new ConfigError(`--rules ${arg}: no such folder`);
  }
  const engine = Engine.create({ ruleDirs: dirs.map((d) => d.dir), settings });
  for (const id of unknownRuleIds(settings, engine.rules)) io.stderr.write(`backend-coach: warning: settings name an unknown rule "${id}"\n`);
  const errors = [...engine.errors, ...(await engine.checkQueries())];
  for (const e of errors) {
    const file = isInside(e.file, io.cwd) ? displayPath(e.file, io.cwd) : e.file;
    io.stderr.write(`${file}:${e.line}:${e.column}: ${e.message}\n`);
  }
  for (const { arg, dir } of dirs) {
    const loaded = engine.rules.filter((r) => isInside(r.source.file, dir)).length;
    const broken = errors.filter((e) => isInside(e.file, dir)).length;
    if (!loaded && broken) throw new ConfigError(`--rules ${arg}: no rule could be loaded (${broken} error${broken === 1 ? '' : 's'} above)`);
    if (!loaded) io.stderr.write(`backend-coach: warning: --rules ${arg}: no rules found in this folder\n`);
  }
  if (!engine.rules.length && errors.length) throw new ConfigError('no rule could be loaded (errors above)');
  return { engine, errors };
}

async function runScan(options: ScanOptions, io: CliIo): Promise<number> {
  const toFile = options.output !== undefined && options.output !== '-';
  if (toFile) {
    // Checked before anything is scanned or fixed, so a typo does not cost a whole run.
    const dir = path.dirname(path.resolve(io.cwd, options.output as string));
    if (!fs.existsSync(dir)) throw new ConfigError(`cannot write --output ${options.output}: folder ${displayPath(dir, io.cwd)} does not exist`);
  }
  const config = loadConfig(options, io);
  const settings = mergeSettings(config?.settings ?? {}, options.reviewer ? { reviewerMode: true } : {});
  const walked = collectFiles(options.paths, io.cwd);
  if (config && settings.exclude.length) {
    // Excluded files go quietly, as ignored ones do; a file named on the command line is still taken.
    const excluded = excludeFilter(settings.exclude);
    const named = new Set(options.paths.map((p) => path.resolve(io.cwd, p)));
    const base = path.dirname(config.file);
    walked.files = walked.files.filter((f) => named.has(f) || !isInside(f, base) || !excluded(displayPath(f, base)));
  }
  const { engine, errors } = await loadEngine(options, io, settings);
  const fixMode: FixMode = options.fix ? 'fix' : options.fixDryRun ? 'dry-run' : 'none';
  const result = await scanFiles(engine, walked.files, { cwd: io.cwd, fix: fixMode, skipped: walked.skipped });
  for (const w of result.warnings) io.stderr.write(`backend-coach: warning: ${w}\n`);

  const report = render(result, options, {
    colors: !toFile && options.format === 'text' && useColor({ flag: options.color, isTTY: io.stdout.isTTY, env: io.env ?? {} }),
    cwd: io.cwd,
    rules: engine,
    errors,
  });

  if (fixMode === 'dry-run') {
    // stdout carries the patch alone, so it can be piped to `git apply`; the report only goes to --output.
    io.stdout.write(result.diff);
    if (toFile) writeOutput(options.output as string, report, io);
    const remaining = result.files.reduce((n, f) => n + f.findings.length, 0);
    io.stderr.write(
      result.fixesApplied
        ? `--fix-dry-run: ${plural(result.fixesApplied, 'fix', 'fixes')} would change ${plural(result.filesFixed, 'file')}; ${plural(remaining, 'problem')} would remain.\n`
        : `--fix-dry-run: no fixes available; ${plural(remaining, 'problem')} found.\n`,
    );
  } else {
    if (toFile) writeOutput(options.output as string, report, io);
    else io.stdout.write(report);
    if (fixMode === 'fix') {
      io.stderr.write(
        result.fixesApplied ? `Fixed ${plural(result.fixesApplied, 'problem')} in ${plural(result.filesFixed, 'file')}.\n` : 'No fixes available.\n',
      );
    }
  }
  return failed(result.files, options.failOn) ? 1 : 0;
}

function plural(n: number, word: string, many = word + 's'): string {
  return `${n} ${n === 1 ? word : many}`;
}

function render(result: ScanResult, options: ScanOptions, ctx: { colors: boolean; cwd: string; rules: Engine; errors: RuleLoadError[] }): string {
  switch (options.format) {
    case 'json':
      return formatJson(result, { listSuppressed: options.listSuppressed, toolVersion: toolVersion() });
    case 'sarif':
      return formatSarif(result, {
        cwd: ctx.cwd,
        toolVersion: toolVersion(),
        rules: ctx.rules.rules,
        ruleErrors: ctx.errors,
        listSuppressed: options.listSuppressed,
      });
    default:
      return formatText(result, { colors: ctx.colors ? COLORS : NO_COLORS, listSuppressed: options.listSuppressed, fix: options.fix ? 'fix' : 'none' });
  }
}

function writeOutput(output: string, report: string, io: CliIo): void {
  const file = path.resolve(io.cwd, output);
  try {
    fs.writeFileSync(file, report);
  } catch (e) {
    throw new ConfigError(`cannot write --output ${output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`backend-coach: internal error: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
