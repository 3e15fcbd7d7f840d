import type { ChecklistItem, Curriculum, Evidence, ItemState, ItemStatus } from '../../src/core/checklist/types';

// A small curriculum for the checklist view's unit tests (the shipped one changes as content is written).

export function item(id: string, extra: Partial<ChecklistItem> = {}): ChecklistItem {
  return {
    id,
    title: `Title of ${id}`,
    summary: `Summary of ${id}.`,
    why: `Why ${id} matters.`,
    links: [{ title: 'Official docs', url: `https://docs.example.com/${id}` }],
    rules: [],
    snippets: [],
    evidence: [],
    ...extra,
  };
}

export const CURRICULUM: Curriculum = {
  version: 1,
  renamed: { 'tooling.containers': 'tooling.docker' },
  sections: [
    {
      id: 'security',
      title: 'Security',
      summary: 'Keep data and users safe.',
      items: [
        item('security.parameterised-queries', {
          summary: 'Pass values as **parameters**, see [the pg docs](https://node-postgres.com/features/queries) or [this](javascript:alert(1)).',
          rules: ['unparameterised-query-pg', 'unparameterised-query-dbapi'],
          snippets: ['ex-query-pg'],
          evidence: ['parameterised-queries'],
        }),
        item('security.validate-input', { snippets: ['ex-route-zod'], evidence: ['validation-library'] }),
      ],
    },
    {
      id: 'tooling',
      title: 'Tooling',
      summary: 'The tools around the code.',
      items: [item('tooling.docker', { evidence: ['container'] }), item('tooling.ci', { evidence: ['ci'] }), item('tooling.debugging')],
    },
  ],
};

/** A status as the engine's statusOf would give it. */
export function status(id: string, manual: ItemState, evidence: Evidence[] = []): ItemStatus {
  const found = CURRICULUM.sections.flatMap((s) => s.items).find((i) => i.id === id);
  if (!found) throw new Error(id);
  const detected = evidence.length > 0 && evidence.every((e) => e.found);
  const effective = manual === 'done' || manual === 'skipped' ? manual : detected ? 'done' : manual;
  return { item: found, manual, evidence, effective, detected };
}
