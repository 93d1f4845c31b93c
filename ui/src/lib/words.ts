/** Words as a writer counts them: runs of non-whitespace. Matches the backend's count. */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (const ch of text) {
    const space = /\s/.test(ch);
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

export function formatCount(n: number, unit: string): string {
  return `${n.toLocaleString("en-US")} ${unit}${n === 1 ? "" : "s"}`;
}
