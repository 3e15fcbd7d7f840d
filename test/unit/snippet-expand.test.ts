// The snippet expander (test/snippets/expand.ts) and the pack builder's CommonJS derivation
// (snippets/build.mjs): the snippet tests are only as good as these two.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  applyTransform,
  choicesOf,
  defaultVariables,
  expandEveryChoice,
  expandSnippet,
  parseSnippet,
  type Transform,
} from '../snippets/expand';

const text = (body: string | string[], options?: Parameters<typeof expandSnippet>[1]): string => expandSnippet(body, options).text;

describe('snippet expander', () => {
  describe('tabstops and placeholders', () => {
    it('keeps plain text, and code braces outside placeholders need no escape', () => {
      assert.equal(text('function f() { return {}; }'), 'function f() { return {}; }');
    });

    it('expands tabstops to nothing and placeholders to their defaults', () => {
      assert.equal(text('a$1b${2}c${3:three}d'), 'abcthreed');
    });

    it('mirrors a tabstop: the first occurrence with a default gives every occurrence its value', () => {
      assert.equal(text('$1 = ${1:name}; use($1, ${1})'), 'name = name; use(name, name)');
      assert.equal(text('export const ${1:users}Router = Router(); ${1}Router.get();'), 'export const usersRouter = Router(); usersRouter.get();');
    });

    it('expands nested placeholders, including a default that mirrors another tabstop', () => {
      assert.equal(text('${1:outer ${2:inner} end} / $2'), 'outer inner end / inner');
      assert.equal(text('${1:db} { name: "${3:$1}" }'), 'db { name: "db" }');
      assert.equal(text('${1:a ${2:b ${3:c}}}|$3'), 'a b c|c');
    });

    it('does not loop on a placeholder whose default mirrors itself', () => {
      assert.equal(text('${1:x$1y}'), 'xy');
    });

    it('reports the final cursor ($0) and the tabstop values', () => {
      const e = expandSnippet('ab$0cd ${2:two} ${1:one}');
      assert.equal(e.cursor, 2);
      assert.deepEqual([...e.tabstops], [[1, 'one'], [2, 'two']]);
      assert.equal(expandSnippet('abc').cursor, 3);
      assert.equal(text('x${0:end}y'), 'xendy');
    });

    it('joins an array body with newlines and keeps tabs', () => {
      assert.equal(text(['if (a) {', '\t$0', '}']), 'if (a) {\n\t\n}');
    });
  });

  describe('choices', () => {
    it('takes the first option by default, or the one asked for by text or position', () => {
      const body = "app.${1|get,post,delete|}('/');";
      assert.equal(text(body), "app.get('/');");
      assert.equal(text(body, { choices: { 1: 'post' } }), "app.post('/');");
      assert.equal(text(body, { choices: { 1: 2 } }), "app.delete('/');");
      assert.throws(() => text(body, { choices: { 1: 'put' } }), /no option "put"/);
    });

    it('unescapes \\, \\| and \\\\ inside options', () => {
      assert.deepEqual(choicesOf('${1|a\\,b,c\\|d,e\\\\f|}').get(1), ['a,b', 'c|d', 'e\\f']);
    });

    it('mirrors a choice into other occurrences of its tabstop', () => {
      assert.equal(text("sameSite: '${2|lax,strict|}' … '$2'", { choices: { 2: 'strict' } }), "sameSite: 'strict' … 'strict'");
    });

    it('expands every combination of options', () => {
      const all = expandEveryChoice('${1|a,b|}-${2|x,y,z|}');
      assert.deepEqual(all.map((e) => e.expansion.text), ['a-x', 'a-y', 'a-z', 'b-x', 'b-y', 'b-z']);
      assert.deepEqual(all.map((e) => e.label).slice(0, 2), ['1=a,2=x', '1=a,2=y']);
      assert.deepEqual(expandEveryChoice('plain').map((e) => [e.label, e.expansion.text]), [['', 'plain']]);
      assert.throws(() => expandEveryChoice('${1|a,b,c,d|}${2|a,b,c,d|}${3|a,b,c,d|}${4|a,b|}'), /128 choice combinations/);
    });

    it('treats a malformed choice as text, as VS Code does', () => {
      assert.equal(text('${1|a,b}'), '${1|a,b}');
      assert.equal(text('${0|a,b|}'), '${0|a,b|}');
    });
  });

  describe('variables', () => {
    it('resolves known variables from the file path', () => {
      const variables = defaultVariables('src/routes/users.ts');
      assert.equal(text('$TM_FILENAME ${TM_FILENAME_BASE} $RELATIVE_FILEPATH $TM_DIRECTORY', { variables }), 'users.ts users src/routes/users.ts /project/src/routes');
    });

    it('uses the default of an unset known variable, and nothing without one', () => {
      const variables = defaultVariables('a.js');
      assert.equal(text('[${TM_SELECTED_TEXT:default}][$CLIPBOARD][${TM_CURRENT_LINE:x}]', { variables }), '[default][][]');
    });

    it('turns an unknown variable into its name, but keeps an unknown variable’s default', () => {
      assert.equal(text('$foo ${bar} ${baz:qux}'), 'foo bar qux');
    });

    it('takes a resolver function', () => {
      assert.equal(text('${TM_FILENAME:x}', { variables: (name) => (name === 'TM_FILENAME' ? 'f.js' : undefined) }), 'f.js');
    });

    it('expands placeholders inside a variable default', () => {
      assert.equal(text('${TM_SELECTED_TEXT:${1:fallback}} $1'), 'fallback fallback');
    });
  });

  describe('escapes', () => {
    it('unescapes \\$, \\} and \\\\ and keeps other backslashes', () => {
      assert.equal(text('\\$1 \\${x} \\} \\\\ \\n'), '$1 ${x} } \\ \\n');
    });

    it('writes a template literal as `\\${value}`', () => {
      assert.equal(text('console.log(`Listening on \\${host}:\\${port}`);'), 'console.log(`Listening on ${host}:${port}`);');
    });

    it('keeps a lone or unfinished $ as text', () => {
      assert.equal(text('cost: 5$ ${ x'), 'cost: 5$ ${ x');
      assert.equal(text('price$'), 'price$');
    });

    it('allows an escaped } inside a placeholder default', () => {
      assert.equal(text('${1:{ a: 1 \\}}'), '{ a: 1 }');
    });

    it('keeps an unterminated placeholder as text, with its parsed contents', () => {
      assert.equal(text('${1:abc'), '${1:abc');
      assert.equal(text('${1:a ${2:b} c'), '${1:a b c');
    });
  });

  describe('transforms', () => {
    const transformOf = (body: string): Transform => {
      const node = parseSnippet(body)[0];
      assert.ok(node.kind !== 'text' && node.transform, `no transform parsed from ${body}`);
      return node.transform;
    };

    it('transforms a variable with groups and case shorthands', () => {
      const variables = defaultVariables('user-profile.service.ts');
      assert.equal(text('${TM_FILENAME/(.*?)\\..*$/${1:/pascalcase}/}', { variables }), 'UserProfile');
      assert.equal(text('${TM_FILENAME_BASE/(.*)/${1:/upcase}/}', { variables }), 'USER-PROFILE.SERVICE');
      assert.equal(text('${TM_FILENAME/(.*?)\\..*$/${1:/camelcase}/}', { variables }), 'userProfile');
      assert.equal(text('${TM_FILENAME/(u)(.*)/${1:/capitalize}$2/}', { variables }), 'User-profile.service.ts');
      assert.equal(text('${TM_FILENAME/(.*)/${1:/downcase}/}', { variables: { TM_FILENAME: 'ABC' } }), 'abc');
    });

    it('transforms a mirror of a tabstop', () => {
      assert.equal(text('${1:user} ${1/(.*)/${1:/capitalize}/}'), 'user User');
    });

    it('supports if, else and if-else format groups and the g flag', () => {
      assert.equal(applyTransform(transformOf('${1/(a)?b/${1:+yes}/}'), 'ab'), 'yes');
      assert.equal(applyTransform(transformOf('${1/(a)?b/${1:-no}/}'), 'b'), 'no');
      assert.equal(applyTransform(transformOf('${1/(a)?b/${1:?yes:no}/}'), 'b'), 'no');
      assert.equal(applyTransform(transformOf('${1/(a)?b/${1:else}/}'), 'b'), 'else');
      assert.equal(applyTransform(transformOf('${1/-/_/g}'), 'a-b-c'), 'a_b_c');
      assert.equal(applyTransform(transformOf('${1/-/_/}'), 'a-b-c'), 'a_b-c');
    });

    it('runs else branches when the regex does not match', () => {
      assert.equal(applyTransform(transformOf('${1/x(y)/${1:?Y:none}/}'), 'abc'), 'none');
      assert.equal(applyTransform(transformOf('${1/x(y)/${1}/}'), 'abc'), 'abc');
    });

    it('unescapes \\/ in the regex and the format', () => {
      assert.equal(applyTransform(transformOf('${1/\\//-/g}'), 'a/b'), 'a-b');
      assert.equal(applyTransform(transformOf('${1/-/\\//g}'), 'a-b'), 'a/b');
    });

    it('treats an invalid regex as text', () => {
      assert.equal(text('${1/(/x/}'), '${1/(/x/}');
    });
  });
});

describe('snippet pack builder (snippets/build.mjs)', () => {
  // build.mjs is an ES module; a child process runs it rather than mixing module systems in mocha.
  const builder = path.join(__dirname, '..', '..', 'snippets', 'build.mjs');
  const call = (fn: string, ...args: unknown[]): { ok: boolean; value: unknown; error: string } => {
    const script = `import(${JSON.stringify(`file://${builder}`)}).then((m) => {
      try { process.stdout.write(JSON.stringify({ ok: true, value: m.${fn}(...${JSON.stringify(args)}) })); }
      catch (e) { process.stdout.write(JSON.stringify({ ok: false, error: e.message })); }
    });`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 0, result.stderr);
    return JSON.parse(result.stdout) as { ok: boolean; value: unknown; error: string };
  };

  it('derives CommonJS: imports become requires, exports one module.exports', () => {
    const { value } = call('esmToCjs', [
      "import express from 'express';",
      "import { rateLimit } from 'express-rate-limit';",
      "import { a as b, c } from './x.js';",
      "import * as oidc from 'openid-client';",
      "import { ${1:router} } from '${2:./routes/index.js}';",
      '',
      'export const ${3:users}Router = express.Router();',
      'export async function ${4:load}() {',
      '  return path.join(import.meta.dirname, "public");',
      '}',
      'export class Thing {}',
      '$0',
    ]);
    assert.deepEqual(value, [
      "'use strict';",
      '',
      "const express = require('express');",
      "const { rateLimit } = require('express-rate-limit');",
      "const { a: b, c } = require('./x.js');",
      "const oidc = require('openid-client');",
      "const { ${1:router} } = require('${2:./routes/index.js}');",
      '',
      'const ${3:users}Router = express.Router();',
      'async function ${4:load}() {',
      '  return path.join(__dirname, "public");',
      '}',
      'class Thing {}',
      '$0',
      '',
      'module.exports = { $3Router, $4, Thing };',
    ]);
  });

  it('turns a default export into module.exports =', () => {
    const { value } = call('esmToCjs', ["import fp from 'fastify-plugin';", 'export default fp(async function x() {});']);
    assert.deepEqual(value, ["'use strict';", '', "const fp = require('fastify-plugin');", 'module.exports = fp(async function x() {});']);
  });

  it('refuses what it cannot translate faithfully', () => {
    for (const [lines, why] of [
      [['await app.listen();'], /top-level await/],
      [['const url = import.meta.url;'], /import\.meta/],
      [["import type { X } from 'x';"], /unsupported import/],
      [["import a, { b } from 'x';"], /unsupported import clause/],
      [['export default a;', 'export const b = 1;'], /both a default and named exports/],
      [["export * from 'x';"], /unsupported export/],
    ] as const) {
      const result = call('esmToCjs', lines, 'test');
      assert.equal(result.ok, false, `${lines.join(' ')} should fail`);
      assert.match(result.error, why);
    }
  });

  it('parses the source format and rejects incomplete snippets', () => {
    const ok = call('parseSource', '@snippet ex-x\n@name X\n@description Something\n@js\n  a();\n\n@ts-same\n');
    assert.equal(ok.ok, true, ok.error);
    const [snippet] = ok.value as Array<{ prefix: string; bodies: { js: string[]; ts: string[] } }>;
    assert.equal(snippet.prefix, 'ex-x');
    assert.deepEqual(snippet.bodies.js, ['  a();']);
    assert.deepEqual(snippet.bodies.ts, ['  a();']);
    assert.match(call('parseSource', '@snippet ex-x\n@name X\n@js\na\n@ts-same\n').error, /no @description/);
    assert.match(call('parseSource', '@snippet ex-x\n@name X\n@description D\n@js\na\n').error, /no @ts body/);
    assert.match(call('parseSource', '@snippet ex-x\n@name X\n@description D\n@bogus\n').error, /unknown directive/);
  });
});
