import * as assert from 'assert';
import * as path from 'path';
import { Engine } from '../../src/core/engine';
import { scoreCorpus } from '../support/corpus';

describe('labelled corpus (CWE-89)', () => {
  it('scores precision and recall of at least 0.95', async function () {
    this.timeout(120_000);
    const score = await scoreCorpus(Engine.create(), path.join(__dirname, '..', 'corpus'));
    const detail = [
      ...score.falseNegatives.map((m) => `missed   ${m.file}:${m.line}`),
      ...score.falsePositives.map((m) => `wrong    ${m.file}:${m.line}  ${m.message}`),
    ].join('\n');
    console.log(
      `      corpus: ${score.files} files, ${score.expected} expect / ${score.ok} ok labels, ` +
        `precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}`,
    );
    assert.ok(score.expected >= 75 && score.ok >= 75, 'the corpus holds at least 150 labelled lines');
    assert.ok(score.precision >= 0.95 && score.recall >= 0.95, `below the bar:\n${detail}`);
  });
});
