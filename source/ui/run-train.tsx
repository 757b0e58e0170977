export async function runTrainInteractive(..._a: unknown[]): Promise<number> { return 0; }
