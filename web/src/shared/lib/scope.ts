// Whether a region lies in the user's scope: needs both the session (auth) and the region tree
// (catalog), so it lives here rather than in either of them (they would import each other).
import { COUNTRY, scope } from './auth';
import { regionPath } from './catalog';

/** Whether a region is the scope or below it (aggregates above the scope are refused). */
export function inScope(code: string): boolean {
  if (!code) return false;
  if (scope.value === COUNTRY) return true;
  return regionPath(code).includes(scope.value);
}
