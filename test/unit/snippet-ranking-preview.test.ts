import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { prefixStart } from '../../src/core/project/completion-token';
import { isSnippetFileName, parseSnippetFile } from '../../src/core/project/snippet-catalog';
import { snippetPreview } from '../../src/core/project/snippet-preview';
import { expandSnippet } from '../snippets/expand';

const SNIPPETS_DIR = path.resolve(__dirname, '..', '..', 'snippets');
const CATALOG = fs
  .readdirSync(SNIPPETS_DIR)
  .filter(isSnippetFileName)
  .flatMap((name) => parseSnippetFile(name, fs.readFileSync(path.join(SNIPPETS_DIR, name), 'utf8')));
const PREFIXES = [...new Set(CATALOG.map((s) => s.prefix))];

describe('project: snippet preview', () => {
  it('shows every real snippet exactly as the snippet tests’ expander inserts it with its defaults', () => {
    assert.equal(CATALOG.length, 95);
    for (const s of CATALOG) {
      const expected = expandSnippet(s.body, { variables: {} }).text.replace(/^\t+/gm, (tabs) => '  '.repeat(tabs.length));
      assert.equal(snippetPreview(s.body), expected, `${s.language} ${s.prefix}`);
    }
  });

  it('takes defaults, mirrors, nested placeholders and the first choice', () => {
    assert.equal(snippetPreview('const ${1:router} = Router();\nexport { $1 };$0'), 'const router = Router();\nexport { router };');
    assert.equal(snippetPreview('${1:app.${2:get}}(${3|a,b|}) $2 $3'), 'app.get(a) get a');
    assert.equal(snippetPreview('${1} then ${1:late default}'), 'late default then late default');
    assert.equal(snippetPreview('${1|one\\,two,three|}'), 'one,two');
  });

  it('unescapes \\$ \\} \\\\ and keeps what is not snippet syntax as written', () => {
    assert.equal(snippetPreview('`\\${id}` \\} \\\\ \\n'), '`${id}` } \\ \\n');
    assert.equal(snippetPreview('cost: $ 5, ${ not, ${1:x'), 'cost: $ 5, ${ not, ${1:x');
    assert.equal(snippetPreview('a ${1:b} }'), 'a b }');
  });

  it('shows a variable’s default, else its name', () => {
    assert.equal(snippetPreview('// ${TM_FILENAME_BASE:file} $CLIPBOARD ${UUID}'), '// file CLIPBOARD UUID');
  });

  it('turns leading tabs into the given indent', () => {
    assert.equal(snippetPreview('if (x) {\n\t\treturn;\n\t}'), 'if (x) {\n    return;\n  }');
    assert.equal(snippetPreview('a\n\tb', '\t'), 'a\n\tb');
  });
});

describe('project: where the typed prefix starts', () => {
  it('covers the dashed prefix, which the editor’s word (`app`) does not', () => {
    assert.equal(prefixStart('ex-app', PREFIXES), 0);
    assert.equal(prefixStart('  ex-app-c', PREFIXES), 2);
    assert.equal(prefixStart('const x = 1; fy-ro', PREFIXES), 13);
    assert.equal(prefixStart('', PREFIXES), 0);
    assert.equal(prefixStart('    ', PREFIXES), 4);
  });

  it('offers nothing after a member access, inside an identifier or after a dash that starts no prefix', () => {
    assert.equal(prefixStart('app.ex', PREFIXES), undefined);
    assert.equal(prefixStart('_ex-app', PREFIXES), undefined);
    assert.equal(prefixStart('$ex', PREFIXES), undefined);
    assert.equal(prefixStart('i--', PREFIXES, '-'), undefined);
    assert.equal(prefixStart('i -', PREFIXES, '-'), undefined);
    assert.equal(prefixStart('a - ', PREFIXES), 4, 'an empty token is fine when invoked');
    assert.equal(prefixStart('x = a -', PREFIXES), undefined);
    assert.equal(prefixStart('9ex', PREFIXES), undefined);
  });

  it('answers a typed dash only when it continues a snippet prefix', () => {
    assert.equal(prefixStart('ex-', PREFIXES, '-'), 0);
    assert.equal(prefixStart('  auth-hash-', PREFIXES, '-'), 2);
    assert.equal(prefixStart('max-', PREFIXES, '-'), undefined);
    assert.equal(prefixStart('ex-app-cjs-', PREFIXES, '-'), undefined);
    assert.equal(prefixStart('count-', PREFIXES), 0, 'typing a letter (no trigger character) leaves filtering to the editor');
  });
});
