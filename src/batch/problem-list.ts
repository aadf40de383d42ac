/** How many problems are listed one by one; the rest are counted. */
const LISTED_PROBLEMS = 20;

/** Problems found in a file, by line number: the first few kept in full, the others only counted. */
export class ProblemList {
  private readonly listed: string[] = [];
  private total = 0;

  add(line: number, problem: string): void {
    this.total += 1;
    if (this.listed.length < LISTED_PROBLEMS) this.listed.push(`line ${line}: ${problem}`);
  }

  get count(): number {
    return this.total;
  }

  /** The listed problems, then `and N more` when there were more. */
  lines(): string[] {
    const more = this.total - this.listed.length;
    return more > 0 ? [...this.listed, `and ${more} more`] : [...this.listed];
  }
}

/** `in.jsonl: 3 problems; nothing was sent:` and one indented line per problem. */
export function listProblems(file: string, problems: ProblemList, outcome: string): string {
  const count = problems.count === 1 ? '1 problem' : `${problems.count} problems`;
  return [`${file}: ${count}; ${outcome}:`, ...problems.lines().map((line) => `  ${line}`)].join('\n');
}
