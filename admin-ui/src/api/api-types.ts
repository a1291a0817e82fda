import type { EntityDefinitionDocument, LocalizedText } from '@crm/schemas';

export interface EntitySummary {
  name: string;
  version: number;
  owner: string;
  label: LocalizedText;
  labelPlural: LocalizedText;
  fieldCount: number;
}

/** What the signed-in user may do with an entity (absent when the server has no sign-in). */
export interface EntityAccess {
  actions: string[];
  scope: string;
  readOnly: string[];
  limits: Record<string, { max?: number | string; min?: number | string }>;
}

export interface EntityDescription {
  name: string;
  version: number;
  owner: string;
  definition: EntityDefinitionDocument;
  access?: EntityAccess;
}

/** A record as the API returns it: system columns plus the entity's fields (expanded references become records). */
export interface ApiRecord {
  id: string;
  version: number;
  created_at?: string;
  updated_at?: string;
  [field: string]: unknown;
}

export interface RecordPage {
  data: ApiRecord[];
  page: { limit: number; next_cursor: string | null; has_more: boolean };
  total?: number;
  /** With `total`: true when the server estimated it (many matches) instead of counting. */
  total_estimated?: boolean;
}

export interface DefinitionVersionSummary {
  entity: string;
  version: number;
  change: { op: string; field?: string; converted?: number; cleared?: number };
  createdAt: string;
  createdBy: string | null;
}

export interface ValueChange {
  key: string;
  before: unknown;
  after: unknown;
}

export interface DefinitionDiff {
  entity: ValueChange[];
  fields: {
    added: string[];
    removed: string[];
    restored: string[];
    purged: string[];
    changed: { field: string; changes: ValueChange[] }[];
  };
}

/** How existing values are treated when a field's type changes. */
export interface FieldConversion {
  cast?: boolean;
  onInvalid?: 'refuse' | 'clear';
}

/** One entry of a record's audit trail: who did what, and each field's before and after. */
export interface HistoryEntry {
  id: string;
  occurred_at: string;
  actor_id: string | null;
  action: 'create' | 'update' | 'delete' | 'restore' | 'ownership_transfer' | string;
  changes: Record<string, { before: unknown; after: unknown }>;
}
