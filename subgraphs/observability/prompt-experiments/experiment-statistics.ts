/**
 * Statistics of prompt experiments: pure functions, two-sided tests at alpha 0.05, sample sizes for power 0.8.
 * No statistics library is among the dependencies and these few formulas are textbook ones, so they are written here
 * and tested against values derived by hand (experiment-statistics.test.ts).
 */

export const ALPHA = 0.05;
export const POWER = 0.8;
/** Standard normal quantiles: z(1 - 0.05/2) and z(0.8). */
const Z_ALPHA = 1.959963984540054;
const Z_POWER = 0.8416212335729143;

/**
 * Standard normal CDF through erf, Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7, ample for a p-value).
 */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface TestResult {
  z: number;
  /** Two-sided. */
  pValue: number;
}

const twoSided = (z: number): TestResult => ({ z, pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) });

/**
 * Two-proportion z-test with the pooled proportion (e.g. Agresti, Categorical Data Analysis, 3.1.3):
 * z = (p1 - p2) / sqrt(p(1 - p)(1/n1 + 1/n2)), p = (x1 + x2) / (n1 + n2). Null when a group is empty or p is 0 or 1
 * (no variation: nothing to test).
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): TestResult | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return null;
  return twoSided((x1 / n1 - x2 / n2) / se);
}

export interface SampleSummary {
  n: number;
  mean: number;
  /** Sample variance (n - 1 denominator). */
  variance: number;
}

/**
 * Welch's statistic for a difference of means, t = (m1 - m2) / sqrt(s1²/n1 + s2²/n2), with its p-value from the normal
 * distribution instead of Student's t with Welch–Satterthwaite degrees of freedom: a large-sample approximation that
 * is close from a few dozen calls per variant on (slightly anti-conservative below that). Null below 2 per group or
 * when both variances are 0.
 */
export function welchZTest(a: SampleSummary, b: SampleSummary): TestResult | null {
  if (a.n < 2 || b.n < 2) return null;
  const se = Math.sqrt(a.variance / a.n + b.variance / b.n);
  if (se === 0) return null;
  return twoSided((a.mean - b.mean) / se);
}

/**
 * Per-group sample size to detect p1 vs p2 (two-sided alpha 0.05, power 0.8), the normal-approximation formula without
 * continuity correction (Fleiss, Statistical Methods for Rates and Proportions, 3rd ed., 4.14):
 * n = (z_a·sqrt(2·pbar·qbar) + z_b·sqrt(p1q1 + p2q2))² / (p1 - p2)², pbar = (p1 + p2) / 2. Null when p1 = p2.
 */
export function sampleSizeForProportions(p1: number, p2: number): number | null {
  if (p1 === p2) return null;
  const pbar = (p1 + p2) / 2;
  const root = Z_ALPHA * Math.sqrt(2 * pbar * (1 - pbar)) + Z_POWER * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((root * root) / ((p1 - p2) * (p1 - p2)));
}

/**
 * Per-group sample size to detect a difference `delta` of means with standard deviation `sd` in each group (two-sided
 * alpha 0.05, power 0.8): n = 2(z_a + z_b)² sd² / delta² (e.g. Chow, Shao & Wang, Sample Size Calculations, 3.2.4).
 */
export function sampleSizeForMeans(delta: number, sd: number): number | null {
  if (delta === 0 || sd === 0) return null;
  const z = Z_ALPHA + Z_POWER;
  return Math.ceil((2 * z * z * sd * sd) / (delta * delta));
}
