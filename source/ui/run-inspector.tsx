export async function runInspector(..._a: unknown[]): Promise<number> { return 0; }
