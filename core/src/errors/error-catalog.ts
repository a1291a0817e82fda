import type { LocalizedText } from '../i18n/locale.js';

export interface ErrorSpec {
  status: number;
  /** Message template; `{name}` placeholders are filled from the error's params. */
  message: LocalizedText;
}

/**
 * Every error the API can answer with. Codes are stable: clients branch on them.
 * docs/errors.md must list each code (a test enforces it).
 */
export const errorCatalog = {
  CRM_ERR_VALIDATION: {
    status: 400,
    message: { en: 'The data is not valid', 'zh-CN': '数据未通过校验', es: 'Los datos no son válidos' },
  },
  CRM_ERR_BAD_REQUEST: {
    status: 400,
    message: { en: 'The request is not valid: {reason}', 'zh-CN': '请求无效：{reason}', es: 'La solicitud no es válida: {reason}' },
  },
  CRM_ERR_MALFORMED_JSON: {
    status: 400,
    message: { en: 'The request body is not valid JSON', 'zh-CN': '请求体不是有效的 JSON', es: 'El cuerpo de la solicitud no es JSON válido' },
  },
  CRM_ERR_BODY_TOO_LARGE: {
    status: 413,
    message: { en: 'The request body is too large', 'zh-CN': '请求体过大', es: 'El cuerpo de la solicitud es demasiado grande' },
  },
  CRM_ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: { en: 'Only application/json is accepted', 'zh-CN': '仅接受 application/json', es: 'Solo se acepta application/json' },
  },
  CRM_ERR_ROUTE_NOT_FOUND: {
    status: 404,
    message: { en: 'No such endpoint: {method} {url}', 'zh-CN': '接口不存在：{method} {url}', es: 'No existe el endpoint: {method} {url}' },
  },
  CRM_ERR_ENTITY_NOT_FOUND: {
    status: 404,
    message: { en: 'Unknown entity "{entity}"', 'zh-CN': '未知的实体"{entity}"', es: 'Entidad desconocida "{entity}"' },
  },
  CRM_ERR_ENTITY_EXISTS: {
    status: 409,
    message: { en: 'Entity "{entity}" already exists', 'zh-CN': '实体"{entity}"已存在', es: 'La entidad "{entity}" ya existe' },
  },
  CRM_ERR_INVALID_DEFINITION: {
    status: 400,
    message: { en: 'The entity definition is not valid', 'zh-CN': '实体定义无效', es: 'La definición de la entidad no es válida' },
  },
  CRM_ERR_DEFINITION_VERSION_NOT_FOUND: {
    status: 404,
    message: { en: 'Entity "{entity}" has no version {version}', 'zh-CN': '实体"{entity}"没有版本 {version}', es: 'La entidad "{entity}" no tiene la versión {version}' },
  },
  CRM_ERR_FIELD_EXISTS: {
    status: 409,
    message: { en: 'Field "{field}" already exists on "{entity}"', 'zh-CN': '字段"{field}"已存在于"{entity}"', es: 'El campo "{field}" ya existe en "{entity}"' },
  },
  CRM_ERR_FIELD_NOT_FOUND: {
    status: 404,
    message: { en: 'Entity "{entity}" has no field "{field}"', 'zh-CN': '实体"{entity}"没有字段"{field}"', es: 'La entidad "{entity}" no tiene el campo "{field}"' },
  },
  CRM_ERR_FIELD_NOT_REMOVED: {
    status: 409,
    message: { en: 'Field "{field}" must be removed before it can be purged', 'zh-CN': '字段"{field}"需先删除才能清除数据', es: 'El campo "{field}" debe eliminarse antes de purgarlo' },
  },
  CRM_ERR_TYPE_CHANGE_REFUSED: {
    status: 409,
    message: {
      en: '{count} existing records do not fit the new type of "{field}"; give a conversion',
      'zh-CN': '有 {count} 条现有记录不符合字段"{field}"的新类型，请提供转换方式',
      es: '{count} registros existentes no encajan con el nuevo tipo de "{field}"; indique una conversión',
    },
  },
  CRM_ERR_UNKNOWN_FIELD: {
    status: 400,
    message: { en: 'Unknown field "{field}" on "{entity}"', 'zh-CN': '实体"{entity}"上没有字段"{field}"', es: 'Campo desconocido "{field}" en "{entity}"' },
  },
  CRM_ERR_FIELD_NOT_FILTERABLE: {
    status: 400,
    message: { en: 'Field "{field}" cannot be used with "{operator}"', 'zh-CN': '字段"{field}"不支持"{operator}"筛选', es: 'El campo "{field}" no admite "{operator}"' },
  },
  CRM_ERR_FIELD_NOT_SORTABLE: {
    status: 400,
    message: { en: 'Field "{field}" cannot be sorted on', 'zh-CN': '字段"{field}"不能排序', es: 'No se puede ordenar por el campo "{field}"' },
  },
  CRM_ERR_INVALID_FILTER: {
    status: 400,
    message: { en: 'The filter is not valid: {reason}', 'zh-CN': '筛选条件无效：{reason}', es: 'El filtro no es válido: {reason}' },
  },
  CRM_ERR_INVALID_CURSOR: {
    status: 400,
    message: { en: 'The page cursor is not valid for this query', 'zh-CN': '分页游标对当前查询无效', es: 'El cursor de página no es válido para esta consulta' },
  },
  CRM_ERR_RECORD_NOT_FOUND: {
    status: 404,
    message: { en: 'No {entity} record with id {id}', 'zh-CN': '找不到 ID 为 {id} 的{entity}记录', es: 'No existe un registro {entity} con id {id}' },
  },
  CRM_ERR_RECORD_EXISTS: {
    status: 409,
    message: { en: 'A {entity} record with id {id} already exists', 'zh-CN': 'ID 为 {id} 的{entity}记录已存在', es: 'Ya existe un registro {entity} con id {id}' },
  },
  CRM_ERR_REFERENCE_NOT_FOUND: {
    status: 400,
    message: { en: 'A referenced record does not exist', 'zh-CN': '引用的记录不存在', es: 'Un registro referenciado no existe' },
  },
  CRM_ERR_VERSION_REQUIRED: {
    status: 428,
    message: {
      en: 'Send the record version you edited (If-Match header or "version" in the body)',
      'zh-CN': '请提供所编辑记录的版本号（If-Match 请求头或请求体中的 "version"）',
      es: 'Envíe la versión del registro que editó (cabecera If-Match o "version" en el cuerpo)',
    },
  },
  CRM_ERR_VERSION_CONFLICT: {
    status: 409,
    message: {
      en: 'The record was changed by someone else (your version {expected}, current {actual})',
      'zh-CN': '记录已被他人修改（您的版本 {expected}，当前版本 {actual}）',
      es: 'Otra persona modificó el registro (su versión {expected}, actual {actual})',
    },
  },
  CRM_ERR_TOO_MANY_RECORDS: {
    status: 400,
    message: { en: 'At most {max} records per request', 'zh-CN': '每次请求最多 {max} 条记录', es: 'Como máximo {max} registros por solicitud' },
  },
  CRM_ERR_UNAUTHENTICATED: {
    status: 401,
    message: { en: 'Sign in first', 'zh-CN': '请先登录', es: 'Inicie sesión primero' },
  },
  CRM_ERR_SIGN_IN_FAILED: {
    status: 401,
    message: { en: 'Wrong user name or password', 'zh-CN': '用户名或密码错误', es: 'Usuario o contraseña incorrectos' },
  },
  CRM_ERR_ACCOUNT_LOCKED: {
    status: 423,
    message: {
      en: 'Too many failed sign-ins; try again after {until}',
      'zh-CN': '登录失败次数过多，请在 {until} 之后重试',
      es: 'Demasiados intentos fallidos; inténtelo de nuevo después de {until}',
    },
  },
  CRM_ERR_TOO_MANY_REQUESTS: {
    status: 429,
    message: { en: 'Too many requests; slow down', 'zh-CN': '请求过于频繁，请稍后再试', es: 'Demasiadas solicitudes; espere un poco' },
  },
  CRM_ERR_FORBIDDEN: {
    status: 403,
    message: { en: 'You may not {action} {entity}', 'zh-CN': '您没有对{entity}执行{action}的权限', es: 'No tiene permiso para {action} {entity}' },
  },
  CRM_ERR_ADMIN_ONLY: {
    status: 403,
    message: { en: 'Only administrators may do this', 'zh-CN': '仅管理员可执行此操作', es: 'Solo los administradores pueden hacer esto' },
  },
  CRM_ERR_FIELD_READ_ONLY: {
    status: 403,
    message: { en: 'You may not change some of these fields', 'zh-CN': '您无权修改其中部分字段', es: 'No puede cambiar algunos de estos campos' },
  },
  CRM_ERR_LIMIT_EXCEEDED: {
    status: 403,
    message: { en: 'A value is beyond what your role may grant', 'zh-CN': '数值超出了您的角色权限范围', es: 'Un valor supera lo que su rol puede conceder' },
  },
  CRM_ERR_WEAK_PASSWORD: {
    status: 400,
    message: { en: 'The password must have at least {min} characters', 'zh-CN': '密码至少需要 {min} 个字符', es: 'La contraseña debe tener al menos {min} caracteres' },
  },
  CRM_ERR_ORG_NOT_FOUND: {
    status: 404,
    message: { en: 'No {kind} with id {id}', 'zh-CN': '找不到 ID 为 {id} 的{kind}', es: 'No existe {kind} con id {id}' },
  },
  CRM_ERR_ORG_CONFLICT: {
    status: 409,
    message: { en: 'Conflict: {reason}', 'zh-CN': '冲突：{reason}', es: 'Conflicto: {reason}' },
  },
  CRM_ERR_VIEW_NOT_FOUND: {
    status: 404,
    message: { en: 'No saved view with id {id}', 'zh-CN': '找不到 ID 为 {id} 的视图', es: 'No existe la vista guardada con id {id}' },
  },
  CRM_ERR_VIEW_NOT_OWNER: {
    status: 403,
    message: {
      en: 'Only the owner of this view (or an administrator) may change it',
      'zh-CN': '只有视图的创建者（或管理员）可以修改它',
      es: 'Solo el propietario de esta vista (o un administrador) puede cambiarla',
    },
  },
  CRM_ERR_INVALID_EXPRESSION: {
    status: 400,
    message: { en: 'The expression is not valid', 'zh-CN': '表达式无效', es: 'La expresión no es válida' },
  },
  CRM_ERR_EXPRESSION_LIMIT: {
    status: 422,
    message: {
      en: 'The expression is too costly to evaluate (limit {limit} exceeded)',
      'zh-CN': '表达式计算量过大（超出上限 {limit}）',
      es: 'La expresión es demasiado costosa de evaluar (se superó el límite de {limit})',
    },
  },
  CRM_ERR_DIVISION_BY_ZERO: {
    status: 422,
    message: { en: 'Division by zero in the expression ({op})', 'zh-CN': '表达式中出现除以零（{op}）', es: 'División por cero en la expresión ({op})' },
  },
  CRM_ERR_EXPRESSION_VALUE: {
    status: 422,
    message: {
      en: 'The expression cannot use the value "{value}" ({op})',
      'zh-CN': '表达式无法使用值"{value}"（{op}）',
      es: 'La expresión no puede usar el valor "{value}" ({op})',
    },
  },
  CRM_ERR_LOOKUP_NOT_LOADED: {
    status: 500,
    message: {
      en: 'The expression reads {entity} record {id}, which was not loaded before evaluation',
      'zh-CN': '表达式读取的{entity}记录 {id} 未在计算前加载',
      es: 'La expresión lee el registro {entity} {id}, que no se cargó antes de evaluarla',
    },
  },
  CRM_ERR_INVALID_CRON: {
    status: 400,
    message: { en: 'The schedule is not a valid cron expression: {reason}', 'zh-CN': '计划不是有效的 cron 表达式：{reason}', es: 'La programación no es una expresión cron válida: {reason}' },
  },
  CRM_ERR_JOB_DEFINITION: {
    status: 500,
    message: { en: 'Job definition error: {reason}', 'zh-CN': '作业定义错误：{reason}', es: 'Error en la definición del trabajo: {reason}' },
  },
  CRM_ERR_JOB_TIMEOUT: {
    status: 500,
    message: { en: 'The job did not finish within {ms} ms', 'zh-CN': '作业未在 {ms} 毫秒内完成', es: 'El trabajo no terminó en {ms} ms' },
  },
  CRM_ERR_JOB_NOT_FOUND: {
    status: 404,
    message: { en: 'No job with id {id}', 'zh-CN': '找不到 ID 为 {id} 的作业', es: 'No existe un trabajo con id {id}' },
  },
  CRM_ERR_JOB_NOT_RETRYABLE: {
    status: 409,
    message: {
      en: 'Only failed or cancelled jobs can be retried (this one is {status})',
      'zh-CN': '只能重试失败或已取消的作业（此作业状态为 {status}）',
      es: 'Solo se pueden reintentar trabajos fallidos o cancelados (este está {status})',
    },
  },
  CRM_ERR_JOB_KEY_TAKEN: {
    status: 409,
    message: {
      en: 'Another pending job already has the key "{key}"',
      'zh-CN': '另一个待执行作业已使用键"{key}"',
      es: 'Otro trabajo pendiente ya tiene la clave "{key}"',
    },
  },
  CRM_ERR_NOTIFICATION_NOT_FOUND: {
    status: 404,
    message: { en: 'No notification with id {id}', 'zh-CN': '找不到 ID 为 {id} 的通知', es: 'No existe una notificación con id {id}' },
  },
  CRM_ERR_UNKNOWN_CHANNEL: {
    status: 400,
    message: { en: 'No message channel "{channel}" is configured', 'zh-CN': '未配置消息通道"{channel}"', es: 'No hay configurado un canal de mensajes "{channel}"' },
  },
  CRM_ERR_NO_RECIPIENT_ADDRESS: {
    status: 400,
    message: {
      en: 'The recipient has no address for channel "{channel}"',
      'zh-CN': '收件人没有通道"{channel}"的地址',
      es: 'El destinatario no tiene dirección para el canal "{channel}"',
    },
  },
  CRM_ERR_OUTBOX_MESSAGE_NOT_FOUND: {
    status: 404,
    message: { en: 'No outgoing message with id {id}', 'zh-CN': '找不到 ID 为 {id} 的外发消息', es: 'No existe un mensaje saliente con id {id}' },
  },
  CRM_ERR_OUTBOX_NOT_RETRYABLE: {
    status: 409,
    message: {
      en: 'Only failed messages can be sent again (this one is {status})',
      'zh-CN': '只能重新发送失败的消息（此消息状态为 {status}）',
      es: 'Solo se pueden reenviar mensajes fallidos (este está {status})',
    },
  },
  CRM_ERR_INVALID_ACTION: {
    status: 400,
    message: {
      en: 'An action of the rule or workflow is not valid',
      'zh-CN': '规则或流程中的动作无效',
      es: 'Una acción de la regla o del flujo no es válida',
    },
  },
  CRM_ERR_ACTION_FAILED: {
    status: 422,
    message: {
      en: 'Action {index} ({type}) of {source} failed: {reason}',
      'zh-CN': '{source} 的第 {index} 个动作（{type}）执行失败：{reason}',
      es: 'La acción {index} ({type}) de {source} falló: {reason}',
    },
  },
  CRM_ERR_INVALID_REPORT: {
    status: 400,
    message: { en: 'The report is not valid: {reason}', 'zh-CN': '报表定义无效：{reason}', es: 'El informe no es válido: {reason}' },
  },
  CRM_ERR_NOT_FOUND: {
    status: 404,
    message: { en: 'No {kind} with id {id}', 'zh-CN': '找不到 ID 为 {id} 的{kind}', es: 'No existe {kind} con id {id}' },
  },
  CRM_ERR_NAME_TAKEN: {
    status: 409,
    message: { en: 'The name "{name}" is already used', 'zh-CN': '名称"{name}"已被使用', es: 'El nombre "{name}" ya está en uso' },
  },
  CRM_ERR_GROUP_NOT_STATIC: {
    status: 409,
    message: { en: 'Group "{name}" is dynamic: its members follow its filter', 'zh-CN': '分组"{name}"是动态分组：成员由筛选条件决定', es: 'El grupo "{name}" es dinámico: sus miembros siguen su filtro' },
  },
  CRM_ERR_INVALID_SEGMENT_CONFIG: {
    status: 400,
    message: { en: 'The configuration is not valid: {reason}', 'zh-CN': '配置无效：{reason}', es: 'La configuración no es válida: {reason}' },
  },
  CRM_ERR_IMPORT_FORMAT: {
    status: 415,
    message: { en: 'Upload a CSV or XLSX file', 'zh-CN': '请上传 CSV 或 XLSX 文件', es: 'Suba un archivo CSV o XLSX' },
  },
  CRM_ERR_IMPORT_ENCODING: {
    status: 400,
    message: { en: 'The file is not valid {encoding} text', 'zh-CN': '文件不是有效的 {encoding} 文本', es: 'El archivo no es texto {encoding} válido' },
  },
  CRM_ERR_IMPORT_FILE_INVALID: {
    status: 400,
    message: { en: 'The file cannot be read: {reason}', 'zh-CN': '无法读取文件：{reason}', es: 'No se puede leer el archivo: {reason}' },
  },
  CRM_ERR_IMPORT_FILE_TOO_LARGE: {
    status: 413,
    message: { en: 'The file is larger than {max} MB', 'zh-CN': '文件超过 {max} MB', es: 'El archivo supera los {max} MB' },
  },
  CRM_ERR_IMPORT_MAPPING: {
    status: 400,
    message: { en: 'The column mapping is not valid', 'zh-CN': '列映射无效', es: 'La asignación de columnas no es válida' },
  },
  CRM_ERR_IMPORT_STATE: {
    status: 409,
    message: { en: 'The import cannot do that now: {reason}', 'zh-CN': '导入当前无法执行该操作：{reason}', es: 'La importación no puede hacer eso ahora: {reason}' },
  },
  CRM_ERR_INTERNAL: {
    status: 500,
    message: { en: 'Internal error (request {requestId})', 'zh-CN': '内部错误（请求 {requestId}）', es: 'Error interno (solicitud {requestId})' },
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalog;
