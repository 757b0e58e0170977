export async function runPlainInspect(..._a: unknown[]): Promise<number> { return 0; }
