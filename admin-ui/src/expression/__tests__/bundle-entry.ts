// The entry of the browser bundle check (expression-bundle.test.ts): what the admin UI imports.
export * from '@crm/core/expression';
