import { join, type Value } from './value';

/**
 * Variables of one function (block scoping is folded into the function: the analysis is
 * flow-sensitive in statement order, which matters more for `q += ...` than block scoping does).
 */
export class Scope {
  vars = new Map<string, Value>();

  constructor(readonly parent?: Scope) {}

  lookup(name: string): Value | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }

  declare(name: string, value: Value): void {
    this.vars.set(name, value);
  }

  /** Assignment updates the nearest scope that knows the name, like the language does. */
  assign(name: string, value: Value): void {
    let owner: Scope | undefined = this.parent;
    while (owner && !owner.vars.has(name)) owner = owner.parent;
    (this.vars.has(name) || !owner ? this.vars : owner.vars).set(name, value);
  }

  /** A copy for one branch of an `if`/`try`/loop; outer scopes stay shared. */
  fork(): Scope {
    const copy = new Scope(this.parent);
    copy.vars = new Map(this.vars);
    return copy;
  }

  /** After a branch point: each variable may hold what any surviving branch left in it. */
  mergeBranches(branches: Scope[]): void {
    if (branches.length === 0) return;
    const names = new Set<string>();
    for (const b of branches) for (const k of b.vars.keys()) names.add(k);
    const merged = new Map<string, Value>();
    for (const name of names) {
      let v: Value | undefined;
      for (const b of branches) v = join(v, b.vars.get(name) ?? this.vars.get(name));
      if (v) merged.set(name, v);
    }
    this.vars = merged;
  }
}
