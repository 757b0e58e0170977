export async function exportAll(..._a: unknown[]): Promise<void> { throw new Error("--export is not implemented yet"); }
