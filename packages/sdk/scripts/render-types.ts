import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

const HEADER = `// Generated from Keyward's served OpenAPI document (GET /openapi.json) by
// \`npm run generate -w @keyward/sdk\`. Do not edit by hand: a test fails when this file and the
// served document disagree.

`;

/**
 * The TypeScript types (`paths`, `components`, `operations`) that `openapi-fetch` reads, for an
 * OpenAPI document. Shared by the generator and the drift test so both render the same way.
 *
 * @example const source = await renderOpenApiTypes(app.swagger())
 */
export async function renderOpenApiTypes(document: object): Promise<string> {
  // openapi-typescript resolves $refs in place; a copy keeps the caller's document untouched.
  const ast = await openapiTS(structuredClone(document) as OpenAPI3);
  return HEADER + astToString(ast);
}
