import type { MessageSchema } from './en';

const es: MessageSchema = {
  app: { name: 'Administración CRM', language: 'Idioma' },
  languages: { 'zh-CN': '中文', en: 'English', es: 'Español' },
  auth: { title: 'Iniciar sesión', username: 'Usuario', password: 'Contraseña', signIn: 'Entrar', signOut: 'Cerrar sesión' },
  nav: { records: 'Registros', designer: 'Diseñador de entidades' },
  home: { title: 'Bienvenido', intro: 'Elija una entidad a la izquierda para ver sus registros, o abra el diseñador de entidades para cambiar sus campos.' },
  notFound: { title: 'Página no encontrada', home: 'Volver al inicio' },
  common: {
    save: 'Guardar', cancel: 'Cancelar', edit: 'Editar', delete: 'Eliminar', remove: 'Quitar', clear: 'Borrar', ok: 'Aceptar', yes: 'Sí', no: 'No',
  },
  list: {
    new: 'Nuevo', design: 'Diseñar campos', columns: 'Columnas', resetColumns: 'Restablecer columnas', empty: 'Sin registros',
    sortHint: 'Clic para ordenar; Mayús+clic para añadir un criterio', total: '{n} registro en total | {n} registros en total', totalEstimated: 'unos {n} registros', page: 'Página {n}',
    pageSize: 'Tamaño de página', perPage: '{n} / página', previous: 'Anterior', next: 'Siguiente',
  },
  filter: {
    add: 'Añadir condición', apply: 'Aplicar', clear: 'Quitar filtro', field: 'Campo', operator: 'Operador', value: 'Valor',
    op: {
      eq: 'es igual a', neq: 'es distinto de', lt: 'menor que', lte: 'como máximo', gt: 'mayor que', gte: 'como mínimo', in: 'es uno de',
      nin: 'no es ninguno de', contains: 'contiene', starts_with: 'empieza por', empty: 'está vacío', between: 'entre',
    },
  },
  fields: {
    invalidJson: 'Todavía no es JSON válido', addLine: 'Añadir línea', noLines: 'Sin líneas', lineCount: '{n} línea | {n} líneas',
    bytes: '{n} bytes', chooseFile: 'Elegir un archivo',
  },
  form: {
    newTitle: 'Nuevo: {entity}', editTitle: 'Editar: {entity}', moreFields: 'Más campos', saved: 'Guardado',
    fixErrors: 'Corrija los campos marcados', leaveTitle: 'Cambios sin guardar',
    leaveConfirm: 'Tiene cambios sin guardar. ¿Salir de esta página y perderlos?', leave: 'Salir', stay: 'Quedarse',
  },
  validation: {
    required: 'Este campo es obligatorio', decimal: 'Introduzca un número con 4 decimales como máximo, p. ej. 1234.56',
    phone: 'Introduzca un número de teléfono (dígitos, espacios, + ( ) -)', email: 'Introduzca un correo electrónico válido',
    url: 'Introduzca una dirección web completa, p. ej. https://example.com', date: 'Introduzca una fecha válida',
    datetime: 'Introduzca una fecha y hora válidas', reference: 'Elija un registro de la lista', json: 'Introduzca un objeto JSON válido',
  },
  conflict: {
    title: 'Otra persona cambió este registro',
    explain: 'Otra persona guardó este registro después de que usted lo abriera. Cargue su versión (se descartan sus cambios) o sobrescríbala con los suyos.',
    reloadTheirs: 'Cargar su versión', overwriteMine: 'Sobrescribir con lo mío',
  },
  record: {
    backToList: 'Volver a la lista', related: 'Registros relacionados', via: 'por {field}', deleteTitle: 'Eliminar registro',
    deleteConfirm: '¿Eliminar «{title}»? Se podrá restaurar más tarde.', deleted: 'Registro eliminado',
    meta: 'Versión {version}, último cambio {updated}',
  },
  designer: {
    title: 'Campos de {entity}', openList: 'Abrir lista', addField: 'Añadir campo', editField: 'Editar campo', history: 'Historial de versiones',
    name: 'Nombre', type: 'Tipo', label: 'Etiqueta', labelIn: 'Etiqueta ({language})', required: 'Obligatorio', indexed: 'Indexado',
    status: 'Estado', removed: 'Quitado', actions: 'Acciones', restore: 'Restaurar', choices: 'Opciones', choiceValue: 'Valor guardado',
    addChoice: 'Añadir opción', target: 'Apunta a', convert: 'Convertir los valores existentes', onInvalid: 'Valores que no se convierten',
    onInvalidRefuse: 'Rechazar el cambio', onInvalidClear: 'Vaciarlos', invalidCount: '{n} registros existentes no encajan en el nuevo tipo.',
    badName: 'El nombre debe empezar por una minúscula y usar solo a–z, 0–9 y _',
    labelsRequired: 'Rellene la etiqueta en todos los idiomas', choicesInvalid: 'Indique al menos una opción; los valores deben estar rellenos y ser distintos',
    targetRequired: 'Elija la entidad a la que apunta el campo', confirmTitle: 'Confirme, por favor',
    removeConfirm: '¿Quitar el campo «{field}»? Sus datos se conservan y el campo se puede restaurar.',
    restoreConfirm: '¿Restaurar el campo «{field}»?', changed: 'Definición guardada',
    pickVersion: 'Elija una versión para ver qué cambió.', firstVersion: 'La versión 1 creó la entidad.', diffTitle: 'Cambios de v{from} a v{to}',
    op: {
      create_entity: 'Entidad creada', replace_definition: 'Definición sustituida', add_field: 'Campo añadido', change_field: 'Campo cambiado',
      remove_field: 'Campo quitado', restore_field: 'Campo restaurado', purge_field: 'Campo purgado',
    },
    diff: { added: 'Añadidos', removed: 'Quitados', restored: 'Restaurados', purged: 'Purgados', changed: 'Cambiado', entity: 'Ajustes de la entidad' },
  },
  fieldTypes: {
    text: 'Texto', longtext: 'Texto largo', integer: 'Entero', decimal: 'Decimal', boolean: 'Sí / no', date: 'Fecha', datetime: 'Fecha y hora',
    choice: 'Opción', multichoice: 'Opción múltiple', email: 'Correo electrónico', phone: 'Teléfono', url: 'Dirección web', reference: 'Referencia',
    references: 'Referencias', json: 'JSON', attachment: 'Adjunto', lines: 'Líneas',
  },
};

export default es;
