import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import curriculumSchema from '../../../schemas/curriculum.schema.json';
import { packageRoot } from '../paths';
import { bestSchemaError, describeSchemaError, errorPlace, pathOf, positionOf } from '../yaml-errors';
import { DETECTOR_IDS } from './evidence/detectors';
import { followRenames } from './progress-parse';
import type { ChecklistItem, Curriculum, CurriculumError, CurriculumLoadResult } from './types';

// The curriculum is data (checklist/curriculum.yaml), validated against schemas/curriculum.schema.json and
// then for what a schema cannot say: ids unique, item ids under their section, renames pointing at real
// items, evidence naming real detectors. Every error carries the line it is about.

export function builtinCurriculumFile(): string {
  return path.join(packageRoot(), 'checklist', 'curriculum.yaml');
}

let validator: ValidateFunction | undefined;

/** Compiled on first use: one small schema, a few milliseconds, once per process. */
function validate(data: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(curriculumSchema);
  return validator(data) ? [] : (validator.errors ?? []);
}

export function loadCurriculum(file: string = builtinCurriculumFile()): CurriculumLoadResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { errors: [{ file, line: 1, column: 1, message: `cannot read the curriculum: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }] };
  }
  return parseCurriculum(text, file);
}

interface RawItem extends Partial<Pick<ChecklistItem, 'rules' | 'snippets' | 'evidence'>>, Omit<ChecklistItem, 'rules' | 'snippets' | 'evidence'> {}

export function parseCurriculum(text: string, file: string): CurriculumLoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const { line, col } = lines.linePos(doc.errors[0].pos[0]);
    return { errors: [{ file, line, column: col, message: `YAML syntax: ${doc.errors[0].message.split('\n')[0]}` }] };
  }
  const data = doc.toJS() as unknown;
  const at = (where: (string | number)[], message: string): CurriculumError => ({ file, ...positionOf(doc, lines, where), message });

  const schemaErrors = validate(data);
  if (schemaErrors.length) {
    const e = bestSchemaError(schemaErrors);
    return { errors: [at(pathOf(e.instancePath), describe(e))] };
  }

  const raw = data as { version: number; renamed: Record<string, string>; sections: { id: string; title: string; summary: string; items: RawItem[] }[] };
  const errors: CurriculumError[] = [];
  const sectionIds = new Set<string>();
  const itemIds = new Set<string>();
  raw.sections.forEach((section, s) => {
    if (sectionIds.has(section.id)) errors.push(at(['sections', s, 'id'], `section id "${section.id}" is used twice`));
    sectionIds.add(section.id);
    section.items.forEach((item, i) => {
      const where = ['sections', s, 'items', i];
      if (!item.id.startsWith(`${section.id}.`)) errors.push(at([...where, 'id'], `item id "${item.id}" must start with its section's id "${section.id}."`));
      if (itemIds.has(item.id)) errors.push(at([...where, 'id'], `item id "${item.id}" is used twice`));
      itemIds.add(item.id);
      (item.evidence ?? []).forEach((id, e) => {
        if (!DETECTOR_IDS.includes(id)) errors.push(at([...where, 'evidence', e], `unknown evidence detector "${id}" (known: ${DETECTOR_IDS.join(', ')})`));
      });
    });
  });
  for (const [from, to] of Object.entries(raw.renamed)) {
    if (itemIds.has(from)) errors.push(at(['renamed', from], `"${from}" is renamed but is still an item id`));
    if (!itemIds.has(to) && !Object.prototype.hasOwnProperty.call(raw.renamed, to)) errors.push(at(['renamed', from], `"${from}" is renamed to "${to}", which is not an item`));
  }
  if (errors.length) return { errors };

  const curriculum: Curriculum = {
    version: raw.version,
    renamed: raw.renamed,
    sections: raw.sections.map((section) => ({
      id: section.id,
      title: section.title,
      summary: section.summary.trim(),
      items: section.items.map((item) => ({
        id: item.id,
        title: item.title,
        summary: item.summary.trim(),
        why: item.why.trim(),
        links: item.links,
        rules: item.rules ?? [],
        snippets: item.snippets ?? [],
        evidence: item.evidence ?? [],
      })),
    })),
  };
  return { curriculum, errors: [] };
}

/** Every item, in curriculum order. */
export function allItems(curriculum: Curriculum): ChecklistItem[] {
  return curriculum.sections.flatMap((s) => s.items);
}

/** The item with this id, following `renamed` for an old id. */
export function findItem(curriculum: Curriculum, id: string): ChecklistItem | undefined {
  const current = followRenames(id, curriculum.renamed);
  return allItems(curriculum).find((item) => item.id === current);
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'pattern') return `${errorPlace(e, 'the curriculum')}: ${JSON.stringify(valueAt(e))} does not have the expected shape (${(e.params as { pattern: string }).pattern})`;
  return describeSchemaError(e, 'the curriculum');
}

/** The offending value (ajv's `verbose` option keeps it on the error). */
function valueAt(e: ErrorObject): unknown {
  return e.data;
}
