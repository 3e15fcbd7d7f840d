import * as fs from 'fs';
import * as path from 'path';
import type { Engine } from '../../src/core/engine';

// Scores the engine against labelled files: a comment `expect: CWE-89` (or `ok: CWE-89`) on the line
// before a line says that line must (or must not) be flagged. Any finding on a line not labelled
// `expect` counts as a false positive.

export interface CorpusScore {
  files: number;
  expected: number;
  ok: number;
  truePositives: number;
  falsePositives: { file: string; line: number; message: string }[];
  falseNegatives: { file: string; line: number }[];
  precision: number;
  recall: number;
}

const LABEL = /(?:\/\/|#)\s*(expect|ok):\s*(CWE-\d+)/;

export function listCorpusFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listCorpusFiles(full));
    else if (/\.(js|mjs|cjs|ts|tsx|py)$/.test(e.name)) out.push(full);
  }
  return out.sort();
}

export async function scoreCorpus(engine: Engine, dir: string, cwe = 'CWE-89'): Promise<CorpusScore> {
  const score: CorpusScore = { files: 0, expected: 0, ok: 0, truePositives: 0, falsePositives: [], falseNegatives: [], precision: 0, recall: 0 };
  for (const file of listCorpusFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split(/\r?\n/);
    const expect = new Set<number>();
    lines.forEach((l, i) => {
      const m = LABEL.exec(l);
      if (!m || m[2] !== cwe) return;
      if (m[1] === 'expect') expect.add(i + 2);
      else score.ok++;
    });
    score.files++;
    score.expected += expect.size;
    const result = await engine.analyze(file, text);
    const flagged = new Map<number, string>();
    for (const f of [...result.findings, ...result.suppressed]) if (f.cwe.includes(cwe)) flagged.set(f.range.start.line + 1, `${f.ruleId}: ${f.message}`);
    const rel = path.relative(dir, file);
    for (const line of expect) {
      if (flagged.has(line)) score.truePositives++;
      else score.falseNegatives.push({ file: rel, line });
    }
    for (const [line, message] of flagged) if (!expect.has(line)) score.falsePositives.push({ file: rel, line, message });
  }
  const fp = score.falsePositives.length;
  score.precision = score.truePositives + fp === 0 ? 1 : score.truePositives / (score.truePositives + fp);
  score.recall = score.expected === 0 ? 1 : score.truePositives / score.expected;
  return score;
}
