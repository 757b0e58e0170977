export async function runCharts(..._a: unknown[]): Promise<number> { return 0; }
