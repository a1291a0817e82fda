export type DefinitionChangeOp =
  | 'create_entity'
  | 'replace_definition'
  | 'add_field'
  | 'change_field'
  | 'remove_field'
  | 'restore_field'
  | 'purge_field';

/** What a definition version changed, stored with the version for the history screen. */
export interface DefinitionChange {
  op: DefinitionChangeOp;
  field?: string;
  /** Records rewritten by a type conversion, when one was applied. */
  converted?: number;
  cleared?: number;
}
