import { parseTree, findNodeAtLocation, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js'; // the ESM build: esbuild cannot bundle the UMD one's dynamic requires
import type { DeclaredDependency } from './model';
import { classifyNpmSpec } from './npm-spec';
import { LineIndex } from '../line-index';

// package.json → declared dependencies with the exact offsets of each version string, read from the
// text itself (jsonc-parser keeps offsets) so hand-formatted files get diagnostics in the right place.

export const NPM_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** A manifest that cannot be read: the message says where and why. */
export class ManifestError extends Error {}

export function parsePackageJson(text: string): DeclaredDependency[] {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length || !root) {
    const first = errors[0];
    const at = new LineIndex(text).positionAt(first?.offset ?? 0);
    throw new ManifestError(`package.json is not valid JSON: ${first ? printParseErrorCode(first.error) : 'empty file'} at line ${at.line + 1}, column ${at.column + 1}`);
  }
  if (root.type !== 'object') throw new ManifestError('package.json must hold a JSON object');
  const out: DeclaredDependency[] = [];
  for (const section of NPM_SECTIONS) {
    const node = findNodeAtLocation(root, [section]);
    if (!node) continue;
    if (node.type !== 'object') throw new ManifestError(`"${section}" in package.json must be an object`);
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key || !value) continue;
      out.push(declared(String(key.value), value, section));
    }
  }
  return out;
}

function declared(name: string, value: Node, section: string): DeclaredDependency {
  const base = { ecosystem: 'npm' as const, name, registryName: name, section };
  if (value.type !== 'string') {
    return { ...base, spec: String(value.value ?? ''), range: '', start: value.offset, end: value.offset + value.length, skipped: 'the version is not a string' };
  }
  const spec = String(value.value);
  // The string's characters start after the opening quote. Escapes (\u...) would shift offsets; a spec
  // holding one is simply skipped rather than placed wrongly.
  const contentStart = value.offset + 1;
  if (value.length - 2 !== spec.length) return { ...base, spec, range: spec, start: contentStart, end: value.offset + value.length - 1, skipped: 'the version string contains escapes' };
  const parsed = classifyNpmSpec(name, spec);
  if (parsed.type === 'skip') return { ...base, spec, range: spec, start: contentStart, end: contentStart + spec.length, skipped: parsed.reason };
  const rangeText = spec.slice(parsed.rangeOffset).trimEnd();
  return {
    ...base,
    registryName: parsed.registryName,
    spec,
    range: parsed.range,
    start: contentStart + parsed.rangeOffset,
    end: contentStart + parsed.rangeOffset + rangeText.length,
  };
}
