// English UI texts. zh-CN.ts and es.ts must have exactly these keys (typed, and checked by a test).
const en = {
  app: { name: 'CRM Admin', language: 'Language' },
  languages: { 'zh-CN': '中文', en: 'English', es: 'Español' },
  auth: { title: 'Sign in', username: 'Username', password: 'Password', signIn: 'Sign in', signOut: 'Sign out' },
  nav: { records: 'Records', designer: 'Entity designer' },
  home: { title: 'Welcome', intro: 'Pick an entity on the left to browse its records, or open the entity designer to change its fields.' },
  notFound: { title: 'Page not found', home: 'Back to the start page' },
  common: {
    save: 'Save', cancel: 'Cancel', edit: 'Edit', delete: 'Delete', remove: 'Remove', clear: 'Clear', ok: 'OK', yes: 'Yes', no: 'No',
  },
  list: {
    new: 'New', design: 'Design fields', columns: 'Columns', resetColumns: 'Reset to default columns', empty: 'No records',
    sortHint: 'Click to sort; shift-click to add a sort key', total: '{n} record in total | {n} records in total', totalEstimated: 'about {n} records', page: 'Page {n}', pageSize: 'Page size',
    perPage: '{n} / page', previous: 'Previous', next: 'Next',
  },
  filter: {
    add: 'Add condition', apply: 'Apply', clear: 'Clear filter', field: 'Field', operator: 'Operator', value: 'Value',
    op: {
      eq: 'equals', neq: 'does not equal', lt: 'less than', lte: 'at most', gt: 'greater than', gte: 'at least', in: 'is one of',
      nin: 'is none of', contains: 'contains', starts_with: 'starts with', empty: 'is empty', between: 'between',
    },
  },
  fields: {
    invalidJson: 'Not valid JSON yet', addLine: 'Add line', noLines: 'No lines', lineCount: '{n} line | {n} lines',
    bytes: '{n} bytes', chooseFile: 'Choose a file',
  },
  form: {
    newTitle: 'New {entity}', editTitle: 'Edit {entity}', moreFields: 'More fields', saved: 'Saved',
    fixErrors: 'Please correct the highlighted fields', leaveTitle: 'Unsaved changes',
    leaveConfirm: 'You have unsaved changes. Leave this page and lose them?', leave: 'Leave', stay: 'Stay',
  },
  validation: {
    required: 'This field is required', decimal: 'Enter a number with at most 4 decimals, e.g. 1234.56',
    phone: 'Enter a phone number (digits, spaces, + ( ) -)', email: 'Enter a valid email address',
    url: 'Enter a full web address, e.g. https://example.com', date: 'Enter a valid date', datetime: 'Enter a valid date and time',
    reference: 'Pick a record from the list', json: 'Enter a valid JSON object',
  },
  conflict: {
    title: 'Someone else changed this record',
    explain: 'This record was saved by someone else after you opened it. Reload their version (your edits are dropped), or overwrite it with your changes.',
    reloadTheirs: 'Reload their version', overwriteMine: 'Overwrite with mine',
  },
  record: {
    backToList: 'Back to list', related: 'Related records', via: 'by {field}', deleteTitle: 'Delete record',
    deleteConfirm: 'Delete "{title}"? It can be restored later.', deleted: 'Record deleted', meta: 'Version {version}, last changed {updated}',
  },
  designer: {
    title: 'Fields of {entity}', openList: 'Open list', addField: 'Add field', editField: 'Edit field', history: 'Version history',
    name: 'Name', type: 'Type', label: 'Label', labelIn: 'Label ({language})', required: 'Required', indexed: 'Indexed',
    status: 'Status', removed: 'Removed', actions: 'Actions', restore: 'Restore', choices: 'Choices', choiceValue: 'Stored value',
    addChoice: 'Add choice', target: 'Points to', convert: 'Convert existing values', onInvalid: 'Values that do not convert',
    onInvalidRefuse: 'Refuse the change', onInvalidClear: 'Clear them', invalidCount: '{n} existing records do not fit the new type.',
    badName: 'The name must start with a lowercase letter and use only a–z, 0–9 and _',
    labelsRequired: 'Fill in the label in every language', choicesInvalid: 'Give at least one choice; values must be filled in and different',
    targetRequired: 'Choose the entity the field points to', confirmTitle: 'Please confirm',
    removeConfirm: 'Remove the field "{field}"? Its data is kept and the field can be restored.',
    restoreConfirm: 'Restore the field "{field}"?', changed: 'Definition saved',
    pickVersion: 'Pick a version to see what it changed.', firstVersion: 'Version 1 created the entity.', diffTitle: 'Changes from v{from} to v{to}',
    op: {
      create_entity: 'Entity created', replace_definition: 'Definition replaced', add_field: 'Field added', change_field: 'Field changed',
      remove_field: 'Field removed', restore_field: 'Field restored', purge_field: 'Field purged',
    },
    diff: { added: 'Added', removed: 'Removed', restored: 'Restored', purged: 'Purged', changed: 'Changed', entity: 'Entity settings' },
  },
  fieldTypes: {
    text: 'Text', longtext: 'Long text', integer: 'Integer', decimal: 'Decimal', boolean: 'Yes / no', date: 'Date', datetime: 'Date and time',
    choice: 'Choice', multichoice: 'Multiple choice', email: 'Email', phone: 'Phone', url: 'Web address', reference: 'Reference',
    references: 'References', json: 'JSON', attachment: 'Attachment', lines: 'Lines',
  },
};

export type MessageSchema = typeof en;
export default en;
