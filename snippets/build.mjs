#!/usr/bin/env node
// Builds the VS Code snippet files (snippets/*.json) from their readable sources (snippets/src/*.snippets).
//
//   node snippets/build.mjs           write snippets/<pack>.javascript.json and snippets/<pack>.typescript.json
//   node snippets/build.mjs --check   exit 1 if a JSON file is not what the sources build (CI and tests use it)
//
// Source format: a snippet starts at a line `@snippet <prefix>` and runs to the next one. Directive lines:
//   @name <text>          human name (the snippet's key in the JSON, shown beside the prefix)
//   @description <text>   one line shown in the suggestion details
//   @fragment             code that goes inside an existing file: one JavaScript body, no CommonJS copy
//   @js                   the lines below are the JavaScript body (ES modules for a module snippet)
//   @cjs                  the lines below are the CommonJS body (otherwise it is derived from @js)
//   @ts                   the lines below are the TypeScript body
//   @ts-same              the TypeScript body is the @js body
//   @# ...                a comment
// Bodies are VS Code snippet syntax, written as they are inserted: `$1`, `${1:default}`, `${1|a,b|}`, `$0`,
// and `\$` for a literal dollar sign (so a template literal's `${x}` is written `\${x}`). Indent with two
// spaces: each leading pair becomes a tab, which VS Code turns into the user's indentation.
//
// A module snippet's CommonJS body (prefix `<prefix>-cjs`) is derived from the ES module body by rewriting
// `import` lines to `require` calls and `export` declarations to one `module.exports` at the end, so the two
// never drift apart. The rewrite is deliberately strict: anything it does not understand is an error.

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const srcDir = join(here, 'src');

export const PACKS = ['express', 'fastify', 'auth'];

/** Parses one .snippets source into snippet records. */
export function parseSource(text, file = '<source>') {
  const snippets = [];
  let current;
  let section;
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  lines.forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    if (line.startsWith('@# ') || line === '@#') return;
    const directive = /^@([a-z-]+)(?: (.*))?$/.exec(line);
    if (directive) {
      const [, name, arg = ''] = directive;
      if (name === 'snippet') {
        if (!/^[a-z][a-z0-9-]*$/.test(arg)) throw new Error(`${where}: bad prefix ${JSON.stringify(arg)}`);
        current = { prefix: arg, name: '', description: '', fragment: false, bodies: {}, where };
        snippets.push(current);
        section = undefined;
        return;
      }
      if (!current) throw new Error(`${where}: @${name} before any @snippet`);
      switch (name) {
        case 'name':
        case 'description':
          current[name] = arg.trim();
          return;
        case 'fragment':
          current.fragment = true;
          return;
        case 'js':
        case 'cjs':
        case 'ts':
          if (current.bodies[name]) throw new Error(`${where}: second @${name}`);
          current.bodies[name] = [];
          section = name;
          return;
        case 'ts-same':
          current.tsSame = true;
          section = undefined;
          return;
        default:
          throw new Error(`${where}: unknown directive @${name}`);
      }
    }
    if (section) current.bodies[section].push(line);
    else if (line.trim() !== '') throw new Error(`${where}: text outside a body: ${line}`);
  });

  for (const s of snippets) {
    for (const key of Object.keys(s.bodies)) {
      const body = s.bodies[key];
      while (body.length && body[body.length - 1].trim() === '') body.pop();
      while (body.length && body[0].trim() === '') body.shift();
    }
    if (!s.name) throw new Error(`${s.where}: ${s.prefix} has no @name`);
    if (!s.description) throw new Error(`${s.where}: ${s.prefix} has no @description`);
    if (!s.bodies.js) throw new Error(`${s.where}: ${s.prefix} has no @js body`);
    if (s.tsSame) {
      if (s.bodies.ts) throw new Error(`${s.where}: ${s.prefix} has both @ts and @ts-same`);
      s.bodies.ts = s.bodies.js;
    }
    if (!s.bodies.ts) throw new Error(`${s.where}: ${s.prefix} has no @ts body (use @ts-same if it is the @js one)`);
    if (s.fragment && s.bodies.cjs) throw new Error(`${s.where}: ${s.prefix} is a fragment: it has no CommonJS body`);
  }
  return snippets;
}

const NAME = String.raw`(?:\$\{\d+(?::[A-Za-z_$][\w$]*)?\}[\w$]*|\$\d+[\w$]*|[A-Za-z_$][\w$]*)`;

/** The exported name as module.exports should spell it: `${1:foo}` becomes its mirror `$1`. */
function exportName(raw) {
  return raw.replace(/^\$\{(\d+)(?::[^}]*)?\}/, '$$$1');
}

/** Derives a CommonJS module body from an ES module body (lines of snippet syntax). */
export function esmToCjs(lines, label = 'snippet') {
  const out = [];
  const named = [];
  let defaultExport = false;
  for (const line of lines) {
    const fail = (why) => {
      throw new Error(`${label}: cannot derive CommonJS (${why}): ${line}`);
    };
    if (/import\.meta/.test(line.replace(/import\.meta\.(dirname|filename)/g, ''))) fail('import.meta');
    let l = line.replace(/import\.meta\.dirname/g, '__dirname').replace(/import\.meta\.filename/g, '__filename');
    if (/^await\b/.test(l)) fail('top-level await');

    if (/^import\b/.test(l)) {
      const bare = /^import '([^']+)';$/.exec(l);
      if (bare) {
        out.push(`require('${bare[1]}');`);
        continue;
      }
      const m = /^import (.+) from ('[^']+');$/.exec(l);
      if (!m || /^type\b/.test(m[1])) fail('unsupported import');
      const [, spec, from] = m;
      const ns = new RegExp(`^\\* as (${NAME})$`).exec(spec);
      const braces = /^\{ (.+) \}$/.exec(spec);
      if (ns) out.push(`const ${ns[1]} = require(${from});`);
      else if (braces) out.push(`const { ${braces[1].replace(/ as /g, ': ')} } = require(${from});`);
      else if (new RegExp(`^${NAME}$`).test(spec)) out.push(`const ${spec} = require(${from});`);
      else fail('unsupported import clause');
      continue;
    }
    if (/^export\b/.test(l)) {
      const decl = new RegExp(`^export ((?:async )?function\\*? |const |let |class )(${NAME})`).exec(l);
      const def = /^export default (.*)$/.exec(l);
      const list = /^export \{ (.+) \};$/.exec(l);
      if (decl) {
        named.push(exportName(decl[2]));
        out.push(l.slice('export '.length));
      } else if (def) {
        defaultExport = true;
        out.push(`module.exports = ${def[1]}`);
      } else if (list) {
        named.push(...list[1].split(',').map((n) => exportName(n.trim())));
      } else fail('unsupported export');
      continue;
    }
    out.push(l);
  }
  if (defaultExport && named.length) throw new Error(`${label}: both a default and named exports`);
  if (named.length) out.push('', `module.exports = { ${named.join(', ')} };`);
  while (out.length && out[0] === '') out.shift();
  return ["'use strict';", '', ...out];
}

/** Two leading spaces per indentation level become a tab, which VS Code expands to the user's setting. */
function tabify(lines) {
  return lines.map((line) => {
    const m = /^( +)/.exec(line);
    if (!m) return line;
    const pairs = Math.floor(m[1].length / 2);
    return '\t'.repeat(pairs) + line.slice(pairs * 2);
  });
}

/** "Auth middleware (Express)" + "CommonJS" → "Auth middleware (Express, CommonJS)". */
function withStyle(name, style) {
  return name.endsWith(')') ? `${name.slice(0, -1)}, ${style})` : `${name} (${style})`;
}

/** The JSON objects for one pack: { javascript, typescript }. */
export function buildPack(pack) {
  const file = join(srcDir, `${pack}.snippets`);
  const snippets = parseSource(readFileSync(file, 'utf8'), `snippets/src/${pack}.snippets`);
  const javascript = {};
  const typescript = {};
  const add = (target, key, value) => {
    if (key in target) throw new Error(`${pack}: duplicate snippet name ${key}`);
    target[key] = value;
  };
  for (const s of snippets) {
    if (s.fragment) {
      add(javascript, s.name, { prefix: s.prefix, description: s.description, body: tabify(s.bodies.js) });
    } else {
      add(javascript, withStyle(s.name, 'ES modules'), {
        prefix: s.prefix,
        description: `${s.description} (ES modules)`,
        body: tabify(s.bodies.js),
      });
      add(javascript, withStyle(s.name, 'CommonJS'), {
        prefix: `${s.prefix}-cjs`,
        description: `${s.description} (CommonJS)`,
        body: tabify(s.bodies.cjs ?? esmToCjs(s.bodies.js, s.prefix)),
      });
    }
    add(typescript, s.name, { prefix: s.prefix, description: s.description, body: tabify(s.bodies.ts) });
  }
  return { javascript, typescript };
}

/** Every output file: path relative to snippets/ → its exact text. */
export function buildAll() {
  const files = {};
  const sources = readdirSync(srcDir).filter((f) => f.endsWith('.snippets')).map((f) => f.replace(/\.snippets$/, ''));
  for (const pack of sources) {
    if (!PACKS.includes(pack)) throw new Error(`snippets/src/${pack}.snippets is not listed in PACKS`);
  }
  for (const pack of PACKS) {
    const { javascript, typescript } = buildPack(pack);
    files[`${pack}.javascript.json`] = `${JSON.stringify(javascript, null, 2)}\n`;
    files[`${pack}.typescript.json`] = `${JSON.stringify(typescript, null, 2)}\n`;
  }
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  const files = buildAll();
  let stale = 0;
  for (const [name, text] of Object.entries(files)) {
    const path = join(here, name);
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      /* missing */
    }
    if (current === text) continue;
    if (check) {
      stale += 1;
      console.error(`snippets/${name} is out of date: run \`node snippets/build.mjs\``);
    } else {
      writeFileSync(path, text);
      console.log(`wrote snippets/${name}`);
    }
  }
  if (stale) process.exit(1);
}
