import { mulberry32 } from '@crm/core';

export class Random {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A value drawn with the given weights (they need not add up to 1). */
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    const entries = Object.entries(weights) as [T, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries.at(-1)![0];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** Distinct items, each kept with the given probability (at least one). */
  subset<T>(items: readonly T[], probability: number): T[] {
    const kept = items.filter(() => this.chance(probability));
    return kept.length ? kept : [this.pick(items)];
  }
}
