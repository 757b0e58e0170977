export async function runPlainTrain(..._a: unknown[]): Promise<number> { return 0; }
