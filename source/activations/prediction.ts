// Turning the last layer's output into "dog 0.93".

export interface Prediction {
  label: string;
  classIndex: number;
  probability: number;
  /** Raw output of the last layer (a sigmoid gives one value: P(class 1)). */
  raw: number[];
}

export function predictionOf(output: Float32Array, classNames: string[]): Prediction {
  const raw = Array.from(output);
  const name = (i: number) => classNames[i] ?? `class ${i}`;
  if (raw.length === 1) {
    const p = raw[0]!;
    const classIndex = p >= 0.5 ? 1 : 0;
    return { label: name(classIndex), classIndex, probability: classIndex === 1 ? p : 1 - p, raw };
  }
  let best = 0;
  for (let i = 1; i < raw.length; i++) if (raw[i]! > raw[best]!) best = i;
  return { label: name(best), classIndex: best, probability: raw[best]!, raw };
}
