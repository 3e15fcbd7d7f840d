import type { ChecklistItem, Curriculum, ItemState } from '../../core/checklist';
import { isHttpsUrl, markdownUrls } from './inline-markdown';
import type { ChecklistView } from './view-model';

// The messages between the checklist webview and the extension. What the webview sends is untrusted
// input (its page runs scripts, and a message is just a JSON value): each one is checked against the
// schema below, by hand, and against the loaded curriculum before anything acts on it. No `vscode`
// import, so the unit tests run it directly.

/** Extension → webview. */
export type ToWebview = { type: 'render'; view: ChecklistView } | { type: 'reveal'; itemId: string };

/** Webview → extension, once validated. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'setState'; itemId: string; state: ItemState }
  | { type: 'insertSnippet'; itemId: string; prefix: string }
  | { type: 'showFindings'; itemId: string }
  | { type: 'showRuleDocs'; itemId: string; ruleId: string }
  | { type: 'openLink'; itemId: string; url: string }
  | { type: 'reset'; scope: 'item' | 'section' | 'all'; id?: string };

export type Validation = { ok: true; message: FromWebview } | { ok: false; reason: string };

/** What a message may refer to: the loaded curriculum's items and sections. */
export interface KnownChecklist {
  item(id: string): ChecklistItem | undefined;
  hasSection(id: string): boolean;
}

export function knownChecklist(curriculum: Curriculum): KnownChecklist {
  const items = new Map<string, ChecklistItem>();
  for (const section of curriculum.sections) for (const item of section.items) items.set(item.id, item);
  const sections = new Set(curriculum.sections.map((s) => s.id));
  return { item: (id) => items.get(id), hasSection: (id) => sections.has(id) };
}

const SETTABLE_STATES: readonly ItemState[] = ['todo', 'learning', 'done', 'skipped'];
const RESET_SCOPES = ['item', 'section', 'all'] as const;
const MAX_ID = 200;
const MAX_URL = 2048;

type Field = 'id' | 'url' | 'state' | 'scope';
/** Each message type, its fields and their kinds; a field marked `?` is optional. Nothing else is allowed. */
const SCHEMA: Record<FromWebview['type'], Record<string, Field | `${Field}?`>> = {
  ready: {},
  setState: { itemId: 'id', state: 'state' },
  insertSnippet: { itemId: 'id', prefix: 'id' },
  showFindings: { itemId: 'id' },
  showRuleDocs: { itemId: 'id', ruleId: 'id' },
  openLink: { itemId: 'id', url: 'url' },
  reset: { scope: 'scope', id: 'id?' },
};

const ID = /^[A-Za-z0-9][\w.@/-]*$/;

function fieldError(kind: Field, value: unknown): string | undefined {
  if (typeof value !== 'string') return 'is not a string';
  switch (kind) {
    case 'id':
      return value.length <= MAX_ID && ID.test(value) ? undefined : 'is not an id';
    case 'url':
      return value.length <= MAX_URL && isHttpsUrl(value) ? undefined : 'is not an https URL';
    case 'state':
      return (SETTABLE_STATES as readonly string[]).includes(value) ? undefined : 'is not an item state';
    case 'scope':
      return (RESET_SCOPES as readonly string[]).includes(value) ? undefined : 'is not a reset scope';
  }
}

/** The URLs an item may open: its links, and links inside its explanation. */
function linksOf(item: ChecklistItem): string[] {
  return [...item.links.map((l) => l.url), ...markdownUrls(item.summary), ...markdownUrls(item.why)];
}

/** Checks the message's shape against SCHEMA. */
function checkShape(value: unknown): Validation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not an object' };
  const record = value as Record<string, unknown>;
  const type = record.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(SCHEMA, type)) return { ok: false, reason: `unknown type ${JSON.stringify(type)?.slice(0, 40)}` };
  const fields = SCHEMA[type as FromWebview['type']];
  for (const key of Object.keys(record)) {
    if (key !== 'type' && !Object.prototype.hasOwnProperty.call(fields, key)) return { ok: false, reason: `${type}: unexpected field "${key.slice(0, 40)}"` };
  }
  for (const [key, spec] of Object.entries(fields)) {
    const optional = spec.endsWith('?');
    const present = Object.prototype.hasOwnProperty.call(record, key) && record[key] !== undefined;
    if (!present) {
      if (optional) continue;
      return { ok: false, reason: `${type}: missing "${key}"` };
    }
    const error = fieldError(spec.replace('?', '') as Field, record[key]);
    if (error) return { ok: false, reason: `${type}: "${key}" ${error}` };
  }
  return { ok: true, message: record as FromWebview };
}

/**
 * Validates a message from the webview: its shape, then that what it names exists in the curriculum
 * (the item, and the snippet, rule or link it asks for belongs to that item). Returns a fresh object
 * holding only the schema's fields.
 */
export function validateWebviewMessage(value: unknown, known: KnownChecklist): Validation {
  const shaped = checkShape(value);
  if (!shaped.ok) return shaped;
  const m = shaped.message;
  const item = 'itemId' in m ? known.item(m.itemId) : undefined;
  if ('itemId' in m && !item) return { ok: false, reason: `${m.type}: unknown item "${m.itemId}"` };
  switch (m.type) {
    case 'ready':
      return { ok: true, message: { type: m.type } };
    case 'setState':
      return { ok: true, message: { type: m.type, itemId: m.itemId, state: m.state } };
    case 'showFindings':
      return item!.rules.length ? { ok: true, message: { type: m.type, itemId: m.itemId } } : { ok: false, reason: `showFindings: item "${m.itemId}" has no rules` };
    case 'insertSnippet':
      return item!.snippets.includes(m.prefix) ? { ok: true, message: { type: m.type, itemId: m.itemId, prefix: m.prefix } } : { ok: false, reason: `insertSnippet: "${m.prefix}" is not a snippet of "${m.itemId}"` };
    case 'showRuleDocs':
      return item!.rules.includes(m.ruleId) ? { ok: true, message: { type: m.type, itemId: m.itemId, ruleId: m.ruleId } } : { ok: false, reason: `showRuleDocs: "${m.ruleId}" is not a rule of "${m.itemId}"` };
    case 'openLink':
      return linksOf(item!).includes(m.url) ? { ok: true, message: { type: m.type, itemId: m.itemId, url: m.url } } : { ok: false, reason: `openLink: the URL is not a link of "${m.itemId}"` };
    case 'reset':
      if (m.scope === 'all') return m.id === undefined ? { ok: true, message: { type: 'reset', scope: 'all' } } : { ok: false, reason: 'reset: scope "all" takes no id' };
      if (m.id === undefined) return { ok: false, reason: `reset: scope "${m.scope}" needs an id` };
      if (m.scope === 'item' ? !known.item(m.id) : !known.hasSection(m.id)) return { ok: false, reason: `reset: unknown ${m.scope} "${m.id}"` };
      return { ok: true, message: { type: 'reset', scope: m.scope, id: m.id } };
  }
}
