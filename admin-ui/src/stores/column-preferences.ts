const storageKey = (entity: string, userId: string | undefined) => `crm.columns.${userId ?? 'anonymous'}.${entity}`;

/** The columns (and their order) a user chose for an entity's list, remembered in this browser per user. */
export function loadColumnChoice(entity: string, userId?: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(storageKey(entity, userId)) ?? 'null');
    return Array.isArray(parsed) && parsed.every((name) => typeof name === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function saveColumnChoice(entity: string, columns: string[] | undefined, userId?: string): void {
  if (columns) globalThis.localStorage?.setItem(storageKey(entity, userId), JSON.stringify(columns));
  else globalThis.localStorage?.removeItem(storageKey(entity, userId));
}
