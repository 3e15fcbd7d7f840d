import * as assert from 'assert';
import { parsePackageJson, ManifestError } from '../../src/core/deps/npm-manifest';
import { parsePackageLock } from '../../src/core/deps/npm-lockfile';
import { parseRequirementsTxt } from '../../src/core/deps/requirements-txt';
import { parsePyprojectToml } from '../../src/core/deps/pyproject-toml';
import type { DeclaredDependency } from '../../src/core/deps/model';

// Manifests → declared dependencies: what each spec means and exactly where its version string sits.

/** The text each dependency's offsets cover, which must be its version string and nothing else. */
const covered = (text: string, deps: DeclaredDependency[]) => Object.fromEntries(deps.map((d) => [d.name, text.slice(d.start, d.end)]));

describe('deps: package.json', () => {
  const text = [
    '{',
    '  "name": "hand-formatted",',
    '  "dependencies"  :  {',
    '      "lodash":"^4.17.11" ,',
    '    "express" :   "~4.16.0",',
    '\t"@scope/pkg": "1.2.3",',
    '    "left": "npm:left-pad@^1.1.0",',
    '    "scoped-alias": "npm:@types/node@>=18 <21",',
    '    "tagged": "next"',
    '  },',
    '  "devDependencies": { "mocha": "*", "local": "file:../local", "ws": "workspace:^1.0.0", "ln": "link:../ln" },',
    '  "optionalDependencies": {"gitdep": "git+https://github.com/a/b.git#v1", "short": "user/repo#main", "tar": "https://example.com/x.tgz"},',
    '  "peerDependencies": {',
    '    "react": ">=16.8.0 <19"',
    '  }',
    '}',
  ].join('\n');
  const deps = parsePackageJson(text);

  it('finds every dependency of the four sections, in order', () => {
    assert.deepStrictEqual(
      deps.map((d) => `${d.section}:${d.name}`),
      [
        'dependencies:lodash',
        'dependencies:express',
        'dependencies:@scope/pkg',
        'dependencies:left',
        'dependencies:scoped-alias',
        'dependencies:tagged',
        'devDependencies:mocha',
        'devDependencies:local',
        'devDependencies:ws',
        'devDependencies:ln',
        'optionalDependencies:gitdep',
        'optionalDependencies:short',
        'optionalDependencies:tar',
        'peerDependencies:react',
      ],
    );
  });

  it('places each version string exactly, whatever the spacing (aliases: the range after the name)', () => {
    assert.deepStrictEqual(covered(text, deps.filter((d) => !d.skipped)), {
      lodash: '^4.17.11',
      express: '~4.16.0',
      '@scope/pkg': '1.2.3',
      left: '^1.1.0',
      'scoped-alias': '>=18 <21',
      tagged: 'next',
      mocha: '*',
      react: '>=16.8.0 <19',
    });
    const lodash = deps[0];
    assert.strictEqual(lodash.start, text.indexOf('^4.17.11'));
  });

  it('looks aliases up under their real name', () => {
    const left = deps.find((d) => d.name === 'left');
    assert.strictEqual(left?.registryName, 'left-pad');
    assert.strictEqual(left?.range, '^1.1.0');
    assert.strictEqual(deps.find((d) => d.name === 'scoped-alias')?.registryName, '@types/node');
  });

  it('skips specs that are not registry versions, with a reason', () => {
    const reasons = Object.fromEntries(deps.filter((d) => d.skipped).map((d) => [d.name, d.skipped]));
    assert.match(reasons.local as string, /^file:/);
    assert.match(reasons.ws as string, /^workspace:/);
    assert.match(reasons.ln as string, /^link:/);
    assert.match(reasons.gitdep as string, /^git dependency/);
    assert.match(reasons.short as string, /GitHub shorthand/);
    assert.match(reasons.tar as string, /^tarball URL/);
    assert.strictEqual(Object.keys(reasons).length, 6);
    // A skipped dependency still points at its spec, for the editor.
    assert.strictEqual(covered(text, deps).local, 'file:../local');
  });

  it('rejects a malformed package.json with a clear error naming the place', () => {
    assert.throws(() => parsePackageJson('{\n  "dependencies": {\n    "a": "1.0.0",\n  }\n}'), (e: Error) => e instanceof ManifestError && /not valid JSON: .* at line 4, column 3/.test(e.message));
    assert.throws(() => parsePackageJson('{ "dependencies": ['), ManifestError);
    assert.throws(() => parsePackageJson('[]'), /must hold a JSON object/);
    assert.throws(() => parsePackageJson('{"dependencies": "x"}'), /"dependencies" in package.json must be an object/);
    assert.throws(() => parsePackageJson(''), ManifestError);
  });

  it('skips a non-string version instead of failing', () => {
    const [d] = parsePackageJson('{"dependencies": {"a": 1}}');
    assert.strictEqual(d.skipped, 'the version is not a string');
  });
});

describe('deps: package-lock.json', () => {
  it('reads v3 (packages only), top-level installs only, aliases under their manifest name', () => {
    const lock = parsePackageLock(
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { name: 'x', dependencies: { lodash: '^4.17.11' } },
          'node_modules/lodash': { version: '4.17.11' },
          'node_modules/@scope/pkg': { version: '1.2.3' },
          'node_modules/left': { name: 'left-pad', version: '1.1.3' },
          'node_modules/express/node_modules/lodash': { version: '3.0.0' },
        },
      }),
    );
    assert.strictEqual(lock.lockfileVersion, 3);
    assert.deepStrictEqual([...lock.installed], [
      ['lodash', '4.17.11'],
      ['@scope/pkg', '1.2.3'],
      ['left', '1.1.3'],
    ]);
  });

  it('reads v2 (packages and dependencies: packages wins) and v1 (dependencies, alias versions)', () => {
    const v2 = parsePackageLock(JSON.stringify({ lockfileVersion: 2, packages: { 'node_modules/a': { version: '2.0.0' } }, dependencies: { a: { version: '1.0.0' } } }));
    assert.strictEqual(v2.installed.get('a'), '2.0.0');
    const v1 = parsePackageLock(JSON.stringify({ lockfileVersion: 1, dependencies: { a: { version: '1.0.0' }, left: { version: 'npm:left-pad@1.1.3' } } }));
    assert.deepStrictEqual([...v1.installed], [
      ['a', '1.0.0'],
      ['left', '1.1.3'],
    ]);
  });

  it('rejects a broken lockfile clearly', () => {
    assert.throws(() => parsePackageLock('{"lockfileVersion": 3,'), /package-lock.json is not valid JSON/);
  });
});

describe('deps: requirements.txt', () => {
  const text = [
    '# pinned',
    'requests==2.25.1  # inline comment',
    'Django>=3.2,<4',
    'uvicorn[standard]~=0.20.0 ; python_version >= "3.8"',
    '  flask',
    '-r base.txt',
    '--requirement=dev.txt',
    '--index-url https://pypi.example.com/simple',
    '-e git+https://github.com/a/b.git#egg=b',
    'pkg @ https://example.com/pkg.whl',
    'numpy == 1.24.0 \\',
    '    --hash=sha256:abc',
    'old (>=1.0)',
    'Some_Name.Thing===1.0',
  ].join('\n');
  const parsed = parseRequirementsTxt(text);

  it('reads requirements with their specifier offsets exact', () => {
    assert.deepStrictEqual(covered(text, parsed.dependencies.filter((d) => !d.skipped && d.spec)), {
      requests: '==2.25.1',
      Django: '>=3.2,<4',
      uvicorn: '~=0.20.0',
      numpy: '== 1.24.0',
      old: '>=1.0',
      'Some_Name.Thing': '===1.0',
    });
  });

  it('keeps a requirement without a version (pointing at its name), and normalises names for PyPI', () => {
    const flask = parsed.dependencies.find((d) => d.name === 'flask');
    assert.ok(flask && !flask.skipped && flask.spec === '');
    assert.strictEqual(text.slice(flask.start, flask.end), 'flask');
    assert.strictEqual(parsed.dependencies.find((d) => d.name === 'Some_Name.Thing')?.registryName, 'some-name-thing');
  });

  it('returns -r includes and skips editables and direct URLs with a reason', () => {
    assert.deepStrictEqual(parsed.includes, ['base.txt', 'dev.txt']);
    assert.match(parsed.dependencies.find((d) => d.spec.startsWith('-e'))?.skipped ?? '', /editable/);
    assert.match(parsed.dependencies.find((d) => d.name === 'pkg')?.skipped ?? '', /direct URL/);
    assert.strictEqual(parsed.dependencies.length, 9);
  });
});

describe('deps: pyproject.toml', () => {
  const text = [
    '[build-system]',
    'requires = ["setuptools>=61"]',
    '',
    '[project]',
    'name = "demo"',
    'dependencies = [',
    '  "requests>=2.28,<3",  # HTTP',
    "  'click==8.1.3',",
    '  "rich",',
    ']',
    '',
    '[project.optional-dependencies]',
    'dev = ["pytest ~= 7.0"]',
    '',
    '[tool.poetry.dependencies]',
    'python = "^3.10"',
    'fastapi = "^0.95.0"',
    'pydantic = { version = "1.10.2", extras = ["email"] }',
    'mylib = { path = "../mylib" }',
    '',
    '[tool.poetry.group.test.dependencies]',
    '"pytest-cov" = "~4.0"',
  ].join('\n');
  const deps = parsePyprojectToml(text);

  it('reads PEP 621 arrays and Poetry tables, offsets exact', () => {
    assert.deepStrictEqual(
      deps.map((d) => `${d.section}:${d.name}`),
      [
        'project.dependencies:requests',
        'project.dependencies:click',
        'project.dependencies:rich',
        'project.optional-dependencies.dev:pytest',
        'poetry.dependencies:fastapi',
        'poetry.dependencies:pydantic',
        'poetry.dependencies:mylib',
        'poetry.group.test.dependencies:pytest-cov',
      ],
    );
    assert.deepStrictEqual(covered(text, deps.filter((d) => !d.skipped && d.spec)), {
      requests: '>=2.28,<3',
      click: '==8.1.3',
      pytest: '~= 7.0',
      fastapi: '^0.95.0',
      pydantic: '1.10.2',
      'pytest-cov': '~4.0',
    });
    assert.match(deps.find((d) => d.name === 'mylib')?.skipped ?? '', /path/);
  });

  it('rejects invalid TOML with a clear error', () => {
    assert.throws(() => parsePyprojectToml('[project\nname = "x"'), /pyproject.toml is not valid TOML/);
  });
});
