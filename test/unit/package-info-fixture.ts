// Fixture projects for the package-info and snippet-ranking tests: a temp folder laid out from a map of
// relative path → contents (objects are written as JSON). Each test cleans up its own folder.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { clearPackageInfoCache } from '../../src/core/project/package-info';

export type Tree = Record<string, string | object>;

export interface Fixture {
  root: string;
  /** Absolute path of a file inside the fixture. */
  at(rel: string): string;
  write(rel: string, contents: string | object): void;
}

const made: string[] = [];

export function project(tree: Tree): Fixture {
  clearPackageInfoCache();
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'backend-coach-project-')));
  made.push(root);
  const fixture: Fixture = {
    root,
    at: (rel) => path.join(root, ...rel.split('/')),
    write(rel, contents) {
      const file = fixture.at(rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, typeof contents === 'string' ? contents : JSON.stringify(contents, null, 2));
    },
  };
  for (const [rel, contents] of Object.entries(tree)) fixture.write(rel, contents);
  return fixture;
}

export function removeFixtures(): void {
  for (const root of made.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}

/** A package-lock.json (lockfileVersion 3 unless told) recording `packages` (lock key → version). */
export function lockfile(packages: Record<string, string>, lockfileVersion = 3): object {
  const entries = Object.fromEntries(Object.entries(packages).map(([key, version]) => [key, { version }]));
  return { name: 'fixture', lockfileVersion, requires: true, packages: { '': { name: 'fixture' }, ...entries } };
}
