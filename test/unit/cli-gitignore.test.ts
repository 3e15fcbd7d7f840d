import * as assert from 'assert';
import * as fs from 'fs';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { IgnoreFile, IgnoreStack } from '../../src/cli/gitignore';
import { collectFiles } from '../../src/cli/walk';
import { cleanup, PG_VULNERABLE, project, run } from './cli-helpers';

function ignores(patterns: string, rel: string, isDir = false): boolean {
  return new IgnoreStack().with(new IgnoreFile('', patterns)).ignores(rel, isDir);
}

describe('cli: .gitignore matcher', () => {
  it('matches a name without a slash at any depth', () => {
    assert.ok(ignores('*.log', 'a.log'));
    assert.ok(ignores('*.log', 'deep/er/a.log'));
    assert.ok(ignores('secret.js', 'src/secret.js'));
    assert.ok(!ignores('*.log', 'a.log.js'));
    assert.ok(!ignores('secret.js', 'src/notsecret.js'));
  });

  it('anchors a pattern with a leading or middle slash', () => {
    assert.ok(ignores('/root.js', 'root.js'));
    assert.ok(!ignores('/root.js', 'sub/root.js'));
    assert.ok(ignores('src/gen.js', 'src/gen.js'));
    assert.ok(!ignores('src/gen.js', 'lib/src/gen.js'));
  });

  it('applies a trailing slash to folders only', () => {
    assert.ok(ignores('cache/', 'cache', true));
    assert.ok(ignores('cache/', 'a/cache', true));
    assert.ok(!ignores('cache/', 'cache', false));
    assert.ok(ignores('/tmp/', 'tmp', true));
    assert.ok(!ignores('/tmp/', 'x/tmp', true));
  });

  it('handles ** at the start, in the middle and at the end', () => {
    assert.ok(ignores('**/fixtures', 'fixtures', true));
    assert.ok(ignores('**/fixtures', 'a/b/fixtures', true));
    assert.ok(ignores('a/**/z.js', 'a/z.js'));
    assert.ok(ignores('a/**/z.js', 'a/b/c/z.js'));
    assert.ok(!ignores('a/**/z.js', 'b/a/z.js'));
    assert.ok(ignores('logs/**', 'logs/x.js'));
    assert.ok(ignores('logs/**', 'logs/deep/x.js'));
    assert.ok(!ignores('logs/**', 'logs', true));
    assert.ok(ignores('**', 'anything/at/all.js'));
    // any other ** is a plain *
    assert.ok(ignores('foo**.js', 'foobar.js'));
    assert.ok(!ignores('foo**.js', 'foo/bar.js'));
  });

  it('keeps * and ? within one path segment', () => {
    assert.ok(ignores('src/*.js', 'src/a.js'));
    assert.ok(!ignores('src/*.js', 'src/sub/a.js'));
    assert.ok(ignores('file?.js', 'file1.js'));
    assert.ok(!ignores('file?.js', 'file12.js'));
    assert.ok(!ignores('a?b', 'a/b'));
  });

  it('supports character classes and their negation', () => {
    assert.ok(ignores('v[0-9].js', 'v3.js'));
    assert.ok(!ignores('v[0-9].js', 'vx.js'));
    assert.ok(ignores('v[!0-9].js', 'vx.js'));
    assert.ok(!ignores('v[!0-9].js', 'v3.js'));
    assert.ok(!ignores('a[!x]b', 'a/b'));
    assert.ok(ignores('[[:digit:]]*.py', '1_setup.py'));
  });

  it('lets a later negation re-include, and the last match wins', () => {
    const patterns = '*.gen.js\n!keep.gen.js\n';
    assert.ok(ignores(patterns, 'a.gen.js'));
    assert.ok(!ignores(patterns, 'keep.gen.js'));
    assert.ok(!ignores(patterns, 'sub/keep.gen.js'));
    assert.ok(ignores('!keep.js\n*.js', 'keep.js'), 'a negation before the pattern does not help');
  });

  it('reads comments, blank lines, escapes and trailing spaces as git does', () => {
    assert.ok(!ignores('# comment.js\n\n', 'comment.js'));
    assert.ok(ignores('\\#hash.js', '#hash.js'));
    assert.ok(ignores('\\!bang.js', '!bang.js'));
    assert.ok(ignores('trail.js   ', 'trail.js'));
    assert.ok(ignores('space\\ ', 'space '));
    assert.ok(ignores('a.js\r\nb.js\r\n', 'b.js'), 'CRLF files');
  });

  it('lets a deeper .gitignore override a shallower one, relative to its own folder', () => {
    const stack = new IgnoreStack().with(new IgnoreFile('', '*.gen.js\n')).with(new IgnoreFile('pkg', '!*.gen.js\n/local.js\n'));
    assert.ok(stack.ignores('a.gen.js', false));
    assert.ok(!stack.ignores('pkg/a.gen.js', false));
    assert.ok(stack.ignores('pkg/local.js', false));
    assert.ok(!stack.ignores('local.js', false));
    assert.ok(!stack.ignores('pkg/sub/local.js', false), '/local.js is anchored to pkg/');
  });
});

describe('cli: walking folders', () => {
  after(cleanup);

  const rel = (dir: string, files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/'));

  it('skips node_modules, .git, build output and virtual environments, and files of other languages', () => {
    const dir = project({
      'src/app.js': '',
      'src/app.test.ts': '',
      'src/view.tsx': '',
      'src/types.d.ts': '',
      'tools/job.py': '',
      'README.md': '',
      'data.json': '',
      'node_modules/pg/index.js': '',
      'src/node_modules/x/index.js': '',
      '.git/hooks/pre-commit.js': '',
      'dist/cli.js': '',
      'build/x.js': '',
      'out/x.js': '',
      'coverage/x.js': '',
      '.next/x.js': '',
      'tools/__pycache__/job.py': '',
      '.venv/lib/site.py': '',
      'venv/lib/site.py': '',
    });
    const { files, skipped } = collectFiles(['.'], dir);
    assert.deepStrictEqual(rel(dir, files), ['src/app.js', 'src/app.test.ts', 'src/view.tsx', 'tools/job.py']);
    assert.deepStrictEqual(skipped, []);
  });

  it('honours the root and nested .gitignore files, with negation, anchors and folder-only patterns', () => {
    const dir = project({
      '.gitignore': 'generated/\n*.gen.js\n!keep.gen.js\n/root-only.js\nlogs/**\n',
      'src/a.js': '',
      'src/b.gen.js': '',
      'src/keep.gen.js': '',
      'src/root-only.js': '',
      'root-only.js': '',
      'generated/x.js': '',
      'src/generated/y.js': '',
      'src/generated.js': '',
      'logs/z.js': '',
      'pkg/.gitignore': '/local.js\n!*.gen.js\n',
      'pkg/local.js': '',
      'pkg/sub/local.js': '',
      'pkg/c.gen.js': '',
    });
    const { files } = collectFiles(['.'], dir);
    assert.deepStrictEqual(rel(dir, files), ['pkg/c.gen.js', 'pkg/sub/local.js', 'src/a.js', 'src/generated.js', 'src/keep.gen.js', 'src/root-only.js']);
  });

  it('applies the .gitignore files above a folder named on the command line, up to the repository root', () => {
    const dir = project({
      '.git/info/exclude': 'excluded.js\n',
      '.gitignore': '*.gen.js\n',
      'app/.gitignore': 'private/\n',
      'app/src/a.js': '',
      'app/src/b.gen.js': '',
      'app/src/excluded.js': '',
      'app/src/private/c.js': '',
    });
    const { files } = collectFiles(['app/src'], path.join(dir));
    assert.deepStrictEqual(rel(dir, files), ['app/src/a.js']);
  });

  it('cannot re-include a file inside an ignored folder', () => {
    const dir = project({ '.gitignore': 'vendor/\n!vendor/keep.js\n', 'vendor/keep.js': '', 'a.js': '' });
    assert.deepStrictEqual(rel(dir, collectFiles(['.'], dir).files), ['a.js']);
  });

  it('takes files named explicitly even when ignored, and lists each file once', () => {
    const dir = project({ '.gitignore': 'ignored.js\n', 'ignored.js': '', 'node_modules/lib/index.js': '', 'a.js': '' });
    const { files } = collectFiles(['ignored.js', 'node_modules/lib/index.js', '.', 'a.js'], dir);
    assert.deepStrictEqual(rel(dir, files), ['a.js', 'ignored.js', 'node_modules/lib/index.js']);
  });

  it('does not follow linked folders and reports broken links', () => {
    const dir = project({ 'real/a.js': '' });
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'loop'));
    fs.symlinkSync(path.join(dir, 'real', 'a.js'), path.join(dir, 'link.js'));
    fs.symlinkSync(path.join(dir, 'gone.js'), path.join(dir, 'broken.js'));
    const { files, skipped } = collectFiles(['.'], dir);
    assert.deepStrictEqual(rel(dir, files), ['link.js', 'real/a.js']);
    assert.deepStrictEqual(
      skipped.map((s) => [path.basename(s.file), s.reason]),
      [['broken.js', 'broken symbolic link']],
    );
  });

  it('agrees with git about which files are ignored', function () {
    try {
      execFileSync('git', ['--version'], { stdio: 'ignore' });
    } catch {
      this.skip(); // no git on this machine
    }
    const files: Record<string, string> = {
      '.gitignore': ['**/**/t?', 'a/**/deep.js', '*.min.js', '!keep.min.js', '/top.js', 'cache/', 'b/[!x]*/z.js', 'docs/**', '\\#lit.js', 'sp\\ ace.js'].join('\n'),
      'pkg/.gitignore': '!*.min.js\nlocal/\n/only-here.js\n',
    };
    for (const f of [
      'top.js', 'sub/top.js', 'a/deep.js', 'a/x/y/deep.js', 'x/a/deep.js', 'lib.min.js', 'keep.min.js', 'pkg/lib.min.js',
      'cache/c.js', 'src/cache/c.js', 'src/cache.js', 'b/y/z.js', 'b/x/z.js', 'docs/d.js', 'docs/e/f.js', '#lit.js', 'sp ace.js',
      'tt/a.js', 'u/tx/b.js', 'pkg/local/l.js', 'pkg/only-here.js', 'pkg/sub/only-here.js', 'only-here.js', 'ok.js',
    ]) files[f] = '';
    const dir = project(files);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const git = execFileSync('git', ['-c', 'core.excludesFile=/dev/null', 'ls-files', '--others', '--exclude-standard'], { cwd: dir, encoding: 'utf8' })
      .split('\n')
      .map((l) => l.replace(/^"(.*)"$/, '$1'))
      .filter((l) => l.endsWith('.js'))
      .sort();
    assert.deepStrictEqual(rel(dir, collectFiles(['.'], dir).files), git);
  });

  it('scan: ignored and skipped folders are not analysed', async () => {
    const dir = project({
      '.gitignore': 'generated/\n',
      'src/app.js': PG_VULNERABLE,
      'generated/app.js': PG_VULNERABLE,
      'node_modules/lib/app.js': PG_VULNERABLE,
      'dist/app.js': PG_VULNERABLE,
    });
    const r = await run(['scan', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout);
    assert.strictEqual(report.summary.filesScanned, 1);
    assert.deepStrictEqual([...new Set(report.findings.map((f: { file: string }) => f.file))], ['src/app.js']);
  });
});
