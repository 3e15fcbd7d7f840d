import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DependencyChecker, manifestKind, type DependencyCheckOptions, type ProjectReport } from '../core/deps/check';
import { dependencyFindings } from '../core/deps/findings';
import type { DependencyFinding } from '../core/deps/model';
import { SEVERITY_RANK } from '../core/types';
import { UsageError } from './args';
import { COLORS, NO_COLORS, useColor } from './color';
import { DEPS_HELP, type DepsOptions } from './deps-args';
import { formatDepsJson } from './format/deps-json';
import { formatDepsSarif } from './format/deps-sarif';
import { formatDepsText } from './format/deps-text';
import type { CliIo } from './main';

// `backend-coach deps`: the dependency checker's command-line front. Running it is the user asking
// for the network, unless --offline. Exit codes as for scan: 0 clean, 1 a problem at or above
// --fail-on, 2 usage or configuration error (a manifest that cannot be read included).

/** A manifest with the problems found in it, as the formatters receive it. */
export interface CheckedManifest {
  report: ProjectReport['manifests'][number];
  /** The path shown to the user (relative to the working folder when inside it). */
  display: string;
  findings: DependencyFinding[];
  /** The manifest's text, when it could be read. */
  text?: string;
}

export function defaultCacheDir(env: Record<string, string | undefined>): string {
  return env.XDG_CACHE_HOME ? path.join(env.XDG_CACHE_HOME, 'backend-coach') : path.join(env.HOME || os.homedir(), '.cache', 'backend-coach');
}

export async function runDeps(options: DepsOptions, io: CliIo, checkerOptions: Partial<DependencyCheckOptions> = {}): Promise<number> {
  if (options.help) {
    io.stdout.write(DEPS_HELP);
    return 0;
  }
  const env = io.env ?? process.env;
  const target = path.resolve(io.cwd, options.target);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new UsageError(`${options.target}: no such folder or file`);
  }
  if (stat.isFile() && !manifestKind(target)) throw new UsageError(`${options.target} is not a manifest (package.json, requirements*.txt or pyproject.toml)`);
  const toFile = options.output !== undefined && options.output !== '-';
  if (toFile && !fs.existsSync(path.dirname(path.resolve(io.cwd, options.output as string)))) throw new UsageError(`cannot write --output ${options.output}: its folder does not exist`);

  const checker = new DependencyChecker({
    network: !options.offline,
    configDir: stat.isFile() ? path.dirname(target) : target,
    cacheDir: path.resolve(io.cwd, options.cacheDir ?? defaultCacheDir(env)),
    env,
    // PyPI and OSV mirrors (npm registries come from .npmrc).
    pypiUrl: env.BACKEND_COACH_PYPI_URL || undefined,
    osvUrl: env.BACKEND_COACH_OSV_URL || undefined,
    ...checkerOptions,
  });
  const project = stat.isFile() ? checker.summarise([await checker.checkFile(target)]) : await checker.checkProject(target);
  if (!project.manifests.length) throw new UsageError(`no package.json, requirements*.txt or pyproject.toml in ${options.target}`);

  const manifests: CheckedManifest[] = project.manifests.map((report) => {
    let findings: DependencyFinding[] = [];
    let text: string | undefined;
    try {
      text = fs.readFileSync(report.file, 'utf8');
      if (!report.error) findings = dependencyFindings(report, text);
    } catch (e) {
      report.error ??= `cannot read ${report.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    }
    const rel = path.relative(io.cwd, report.file);
    return { report, findings, text, display: rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : report.file };
  });
  for (const n of project.notices) io.stderr.write(`backend-coach: ${n.feature === 'advisories' ? 'advisories' : 'note'}: ${n.message}\n`);
  for (const e of checker.cache.writeErrors.slice(0, 1)) io.stderr.write(`backend-coach: warning: ${e}\n`);
  for (const m of manifests) if (m.report.error) io.stderr.write(`backend-coach: ${m.display}: ${m.report.error}\n`);

  const report =
    options.format === 'json'
      ? formatDepsJson(manifests, project)
      : options.format === 'sarif'
        ? formatDepsSarif(manifests, { cwd: io.cwd })
        : formatDepsText(manifests, project, { colors: !toFile && useColor({ flag: options.color, isTTY: io.stdout.isTTY, env }) ? COLORS : NO_COLORS });
  if (toFile) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, options.output as string), report);
    } catch (e) {
      throw new UsageError(`cannot write --output ${options.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  } else io.stdout.write(report);

  if (manifests.some((m) => m.report.error)) return 2;
  if (options.failOn === 'never') return 0;
  const threshold = SEVERITY_RANK[options.failOn];
  return manifests.some((m) => m.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold)) ? 1 : 0;
}
