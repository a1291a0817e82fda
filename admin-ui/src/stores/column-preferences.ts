const storageKey = (entity: string) => `crm.columns.${entity}`;

/** The columns a user chose for an entity's list, remembered in this browser. */
export function loadColumnChoice(entity: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(storageKey(entity)) ?? 'null');
    return Array.isArray(parsed) && parsed.every((name) => typeof name === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function saveColumnChoice(entity: string, columns: string[] | undefined): void {
  if (columns) globalThis.localStorage?.setItem(storageKey(entity), JSON.stringify(columns));
  else globalThis.localStorage?.removeItem(storageKey(entity));
}
