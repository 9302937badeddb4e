import { readFile } from 'node:fs/promises';
import type { RollbackPlanReading } from '../gates/rollback-plan.js';

/** Reads the rollback plan file; a file that vanished since the configuration was checked is recorded, not thrown. */
export async function readRollbackPlan(file: string | null): Promise<RollbackPlanReading> {
  if (file === null) return null;
  try {
    return { file, text: await readFile(file, 'utf8') };
  } catch (error) {
    return { file, error: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  }
}
