import type { Dialect, ParamType } from './dialect.ts';

/** Collects a compiled query's values and hands out the dialect's numbered placeholders. */
export class Params {
  readonly values: (string | number)[] = [];
  constructor(private readonly dialect: Dialect) {}
  add(value: string | number, type: ParamType): string {
    this.values.push(value);
    return this.dialect.param(this.values.length, type);
  }
}
