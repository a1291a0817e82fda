import type { MessageSchema } from './en';

const zhCN: MessageSchema = {
  app: { name: 'CRM 管理后台', language: '语言' },
  languages: { 'zh-CN': '中文', en: 'English', es: 'Español' },
  auth: { title: '登录', username: '用户名', password: '密码', signIn: '登录', signOut: '退出登录' },
  nav: { records: '数据', designer: '实体设计器' },
  home: { title: '欢迎', intro: '在左侧选择一个实体浏览其记录，或打开实体设计器修改字段。' },
  notFound: { title: '页面不存在', home: '返回首页' },
  common: { save: '保存', cancel: '取消', edit: '编辑', delete: '删除', remove: '移除', clear: '清除', ok: '确定', yes: '是', no: '否' },
  list: {
    new: '新建', design: '设计字段', columns: '显示列', resetColumns: '恢复默认列', empty: '暂无记录',
    sortHint: '点击排序；按住 Shift 点击可追加排序字段', total: '共 {n} 条记录', totalEstimated: '约 {n} 条记录', page: '第 {n} 页', pageSize: '每页条数',
    perPage: '{n} 条/页', previous: '上一页', next: '下一页',
  },
  filter: {
    add: '添加条件', apply: '应用', clear: '清除筛选', field: '字段', operator: '运算符', value: '值',
    op: {
      eq: '等于', neq: '不等于', lt: '小于', lte: '小于等于', gt: '大于', gte: '大于等于', in: '属于', nin: '不属于',
      contains: '包含', starts_with: '开头是', empty: '为空', between: '介于',
    },
  },
  fields: { invalidJson: '尚不是有效的 JSON', addLine: '添加明细行', noLines: '暂无明细行', lineCount: '{n} 行', bytes: '{n} 字节', chooseFile: '选择文件' },
  form: {
    newTitle: '新建{entity}', editTitle: '编辑{entity}', moreFields: '更多字段', saved: '已保存',
    fixErrors: '请修正标出的字段', leaveTitle: '有未保存的修改', leaveConfirm: '有尚未保存的修改，确定离开并放弃这些修改吗？',
    leave: '离开', stay: '留在此页',
  },
  validation: {
    required: '此字段为必填项', decimal: '请输入最多 4 位小数的数字，例如 1234.56', phone: '请输入电话号码（数字、空格、+ ( ) -）',
    email: '请输入有效的电子邮箱', url: '请输入完整网址，例如 https://example.com', date: '请输入有效日期', datetime: '请输入有效的日期时间',
    reference: '请从列表中选择一条记录', json: '请输入有效的 JSON 对象',
  },
  conflict: {
    title: '该记录已被他人修改',
    explain: '在你打开此记录之后，其他人保存了它。你可以加载对方的版本（放弃你的修改），或用你的修改覆盖。',
    reloadTheirs: '加载对方的版本', overwriteMine: '用我的修改覆盖',
  },
  record: {
    backToList: '返回列表', related: '相关记录', via: '关联字段：{field}', deleteTitle: '删除记录',
    deleteConfirm: '确定删除“{title}”吗？之后仍可恢复。', deleted: '记录已删除', meta: '版本 {version}，最后修改于 {updated}',
  },
  designer: {
    title: '{entity}的字段', openList: '打开列表', addField: '添加字段', editField: '编辑字段', history: '版本历史',
    name: '名称', type: '类型', label: '显示名', labelIn: '显示名（{language}）', required: '必填', indexed: '索引',
    status: '状态', removed: '已移除', actions: '操作', restore: '恢复', choices: '选项', choiceValue: '存储值',
    addChoice: '添加选项', target: '关联实体', convert: '转换已有数据', onInvalid: '无法转换的值',
    onInvalidRefuse: '拒绝此修改', onInvalidClear: '清空这些值', invalidCount: '有 {n} 条已有记录不符合新类型。',
    badName: '名称须以小写字母开头，只能包含 a–z、0–9 和 _', labelsRequired: '请填写每种语言的显示名',
    choicesInvalid: '至少需要一个选项，且存储值不能为空、不能重复', targetRequired: '请选择该字段关联的实体', confirmTitle: '请确认',
    removeConfirm: '确定移除字段“{field}”吗？数据会保留，字段可以恢复。', restoreConfirm: '确定恢复字段“{field}”吗？', changed: '定义已保存',
    pickVersion: '选择一个版本查看其改动。', firstVersion: '版本 1 创建了该实体。', diffTitle: '从 v{from} 到 v{to} 的改动',
    op: {
      create_entity: '创建实体', replace_definition: '替换定义', add_field: '添加字段', change_field: '修改字段',
      remove_field: '移除字段', restore_field: '恢复字段', purge_field: '清除字段数据',
    },
    diff: { added: '新增', removed: '移除', restored: '恢复', purged: '已清除', changed: '修改', entity: '实体设置' },
  },
  fieldTypes: {
    text: '文本', longtext: '长文本', integer: '整数', decimal: '小数', boolean: '是/否', date: '日期', datetime: '日期时间',
    choice: '单选', multichoice: '多选', email: '电子邮箱', phone: '电话', url: '网址', reference: '关联', references: '多项关联',
    json: 'JSON', attachment: '附件', lines: '明细行',
  },
};

export default zhCN;
