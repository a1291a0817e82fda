import type { Locale, LocalizedText } from '../../../i18n/locale.js';

/** What the checker says about each problem, in every supported language. */
const messages = {
  malformed: {
    en: 'An operation must be an object with exactly one function name',
    'zh-CN': '运算必须是只含一个函数名的对象',
    es: 'Una operación debe ser un objeto con exactamente un nombre de función',
  },
  unknown_function: { en: 'Unknown function "{name}"', 'zh-CN': '未知函数"{name}"', es: 'Función desconocida "{name}"' },
  arity: {
    en: '"{name}" takes {expected} arguments, not {count}',
    'zh-CN': '"{name}"需要 {expected} 个参数，而不是 {count} 个',
    es: '"{name}" admite {expected} argumentos, no {count}',
  },
  too_deep: {
    en: 'The expression is nested deeper than {max} levels',
    'zh-CN': '表达式嵌套超过 {max} 层',
    es: 'La expresión está anidada en más de {max} niveles',
  },
  too_big: {
    en: 'The expression has more than {max} parts',
    'zh-CN': '表达式的组成部分超过 {max} 个',
    es: 'La expresión tiene más de {max} partes',
  },
  var_path: {
    en: 'A variable must be named by a text such as "amount" or "customer.name"',
    'zh-CN': '变量必须用文本命名，例如 "amount" 或 "customer.name"',
    es: 'Una variable debe nombrarse con un texto como "amount" o "customer.name"',
  },
  unsafe_path: {
    en: '"{segment}" cannot be used in a variable path',
    'zh-CN': '变量路径中不能使用"{segment}"',
    es: '"{segment}" no puede usarse en la ruta de una variable',
  },
  unknown_root: { en: 'Unknown variable "{name}"', 'zh-CN': '未知变量"{name}"', es: 'Variable desconocida "{name}"' },
  unknown_field: {
    en: '{entity} has no field "{field}"',
    'zh-CN': '{entity}没有字段"{field}"',
    es: '{entity} no tiene el campo "{field}"',
  },
  unknown_entity: {
    en: 'Entity "{entity}" does not exist',
    'zh-CN': '实体"{entity}"不存在',
    es: 'La entidad "{entity}" no existe',
  },
  not_object: {
    en: 'Cannot read "{field}" from a value of type {type}',
    'zh-CN': '无法从 {type} 类型的值读取"{field}"',
    es: 'No se puede leer "{field}" de un valor de tipo {type}',
  },
  through_list: {
    en: 'Cannot read "{field}" from a list: use map, filter, some or sum',
    'zh-CN': '无法从列表读取"{field}"：请使用 map、filter、some 或 sum',
    es: 'No se puede leer "{field}" de una lista: use map, filter, some o sum',
  },
  lookup_before: {
    en: 'Referenced records cannot be read through $before',
    'zh-CN': '不能通过 $before 读取关联记录',
    es: 'No se pueden leer registros referenciados a través de $before',
  },
  lookup_depth: {
    en: 'At most {max} references can be followed in one path',
    'zh-CN': '一条路径最多只能经过 {max} 个引用',
    es: 'Una ruta puede seguir como máximo {max} referencias',
  },
  type: {
    en: '"{name}" expects {expected} here, not {actual}',
    'zh-CN': '"{name}"此处需要 {expected}，而不是 {actual}',
    es: '"{name}" espera {expected} aquí, no {actual}',
  },
  compare: {
    en: 'Cannot compare {left} with {right}',
    'zh-CN': '无法比较 {left} 与 {right}',
    es: 'No se puede comparar {left} con {right}',
  },
  mix: {
    en: 'The possible results have different types: {left} and {right}',
    'zh-CN': '可能的结果类型不同：{left} 和 {right}',
    es: 'Los resultados posibles tienen tipos distintos: {left} y {right}',
  },
  not_a_date: {
    en: '"{value}" is not a {type} (ISO 8601, e.g. 2024-01-31)',
    'zh-CN': '"{value}"不是有效的 {type}（ISO 8601，例如 2024-01-31）',
    es: '"{value}" no es un {type} válido (ISO 8601, p. ej. 2024-01-31)',
  },
  not_integer: {
    en: '"{name}" expects a whole number here',
    'zh-CN': '"{name}"此处需要整数',
    es: '"{name}" espera un número entero aquí',
  },
  result: {
    en: 'The expression must give {expected}, not {actual}',
    'zh-CN': '表达式的结果必须是 {expected}，而不是 {actual}',
    es: 'La expresión debe dar {expected}, no {actual}',
  },
} satisfies Record<string, LocalizedText>;

export type MessageKey = keyof typeof messages;

export function checkerMessage(key: MessageKey, locale: Locale, params: Record<string, string | number>): string {
  return messages[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** JSON Pointer tokens escape `~` and `/` (RFC 6901). */
export function pointer(base: string, ...tokens: (string | number)[]): string {
  return tokens.reduce<string>((path, token) => `${path}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`, base);
}
