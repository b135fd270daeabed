// The HTTP contract of docs/api.md, typed: one module per part of the API, gathered into `api`.
// The types of the answers come from src/api/schema.d.ts (generated from web/openapi.json by
// `npm run gen:api`) wherever the document types them.
import { appealsApi } from './appeals';
import { benefitsApi } from './benefits';
import { chainsApi } from './chains';
import { cultivationApi } from './cultivation';
import { parksApi } from './parks';
import { projectsApi } from './projects';
import { dataApi } from './data';
import { sessionApi } from './session';
import { warningsApi } from './warnings';

export * from './appeals';
export * from './benefits';
export * from './chains';
export * from './cultivation';
export * from './parks';
export * from './projects';
export * from './data';
export * from './http';
export * from './session';
export * from './warnings';

export const api = { ...sessionApi, ...dataApi, ...warningsApi, ...appealsApi, ...chainsApi, ...projectsApi, ...parksApi, ...benefitsApi, ...cultivationApi };
