/**
 * Danish CVR numbers: eight digits, not starting with 0, passing the modulus-11 check with the
 * weights 2, 7, 6, 5, 4, 3, 2, 1 (the Central Business Register's own rule).
 */
export const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

export function isValidCvr(cvr: string): boolean {
  if (!/^[1-9]\d{7}$/.test(cvr)) return false;
  const sum = [...cvr].reduce((acc, digit, i) => acc + Number(digit) * CVR_WEIGHTS[i]!, 0);
  return sum % 11 === 0;
}

/** A valid CVR number drawn from `random`: seven digits, then the check digit that makes it pass. */
export function generateCvr(random: () => number): string {
  for (;;) {
    const digits = [1 + Math.floor(random() * 9), ...Array.from({ length: 6 }, () => Math.floor(random() * 10))];
    const partial = digits.reduce((acc, digit, i) => acc + digit * CVR_WEIGHTS[i]!, 0);
    const check = (11 - (partial % 11)) % 11;
    if (check <= 9) return [...digits, check].join("");
  }
}
