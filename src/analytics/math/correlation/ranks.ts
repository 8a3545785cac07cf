/** Averaged ranks with ties, kept in integers (doubled), and exact integer sums for rank maths. */

/**
 * Twice the averaged rank of each value (an integer: a tie group over positions s..e has average
 * rank (s + e)/2). Doubling keeps rank arithmetic in integers, hence exact.
 */
export function doubledRanks(values: ReadonlyArray<number>): number[] {
  values.forEach((value, index) => {
    if (Number.isNaN(value)) {
      throw new RangeError(`Cannot rank NaN (at index ${index})`);
    }
  });
  const order = values.map((_, index) => index);
  order.sort((i, j) => (values[i] < values[j] ? -1 : values[i] > values[j] ? 1 : 0));
  const doubled = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) {
      end += 1;
    }
    // Positions start+1 .. end (1-based) share the rank (start + 1 + end)/2.
    for (let k = start; k < end; k += 1) {
      doubled[order[k]] = start + 1 + end;
    }
    start = end;
  }
  return doubled;
}

/** Ranks 1..n in input order, ties given the average of the ranks they span. */
export function averageRanks(values: ReadonlyArray<number>): number[] {
  return doubledRanks(values).map((doubled) => doubled / 2);
}

/** Sum of non-negative safe integers, exact beyond 2^53 (flushes to BigInt as it grows). */
export class ExactSum {
  private big = 0n;
  private small = 0;

  add(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`ExactSum takes non-negative safe integers, got ${value}`);
    }
    this.small += value;
    if (this.small > 2 ** 52) {
      this.big += BigInt(this.small);
      this.small = 0;
    }
  }

  addBig(value: bigint): void {
    this.big += value;
  }

  total(): bigint {
    return this.big + BigInt(this.small);
  }
}
