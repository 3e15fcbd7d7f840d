import type { ValuePattern } from '../rules/model';
import { matchPath, matchPathPrefix } from './glob';
import { localPath, type Origin } from './value';

const moduleRegexes = new Map<string, RegExp>();

function moduleRegex(pattern: string): RegExp {
  let re = moduleRegexes.get(pattern);
  if (!re) moduleRegexes.set(pattern, (re = compileModuleRegex(pattern)));
  return re;
}

function compileModuleRegex(pattern: string): RegExp {
  const body = pattern
    .split(/(\{[^}]*\}|\*)/)
    .map((part) =>
      part === '*'
        ? '.*'
        : part.startsWith('{')
          ? '(?:' + part.slice(1, -1).split(',').map(escape).join('|') + ')'
          : escape(part),
    )
    .join('');
  return new RegExp('^' + body + '$');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Module names are compared whole; a dotted Python module also matches a parent import (`import mysql`). */
function pathAfterModule(patternModule: string, origin: Origin): string[] | undefined {
  if (!origin.module) return undefined;
  if (moduleRegex(patternModule).test(origin.module)) return origin.segments;
  // Python: `import django` then `django.db.connection` matches module "django.db".
  if (!patternModule.startsWith(origin.module + '.')) return undefined;
  const full = [...origin.module.split('.'), ...origin.segments];
  const wanted = patternModule.split('.');
  if (wanted.length <= full.length && wanted.every((w, i) => w === full[i])) return full.slice(wanted.length);
  return undefined;
}

export function isResolved(origin: Origin | undefined): boolean {
  return !!origin?.module;
}

export function matchesValue(pattern: ValuePattern, origin: Origin | undefined): boolean {
  if (!origin) return false;
  const resolved = isResolved(origin);
  if (pattern.resolved === false && resolved) return false;
  if (pattern.resolved === true && !resolved) return false;
  if (pattern.exceptModule && resolved && pattern.exceptModule.some((m) => pathAfterModule(m, origin))) return false;
  if (pattern.module && resolved) {
    for (const m of pattern.module) {
      const rest = pathAfterModule(m, origin);
      if (rest && matchPath(pattern.path ?? '', rest) && !(pattern.exceptPath && matchPath(pattern.exceptPath, rest))) return true;
    }
  }
  if (pattern.name) return matchPath(pattern.name, localPath(origin));
  return false;
}

/** For `member` sources: how many leading segments of the value's syntactic path the pattern covers (0: none). */
export function memberPrefix(pattern: string, origin: Origin | undefined): number {
  if (!origin) return 0;
  return matchPathPrefix(pattern, localPath(origin));
}
