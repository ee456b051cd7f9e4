/**
 * The catalogue of check messages: one entry per rule id, Chinese for the clerk and
 * English alongside. Rules never write message text themselves; tests compare these
 * strings exactly. (JSON-syntax messages live with the reader in json.ts, schema
 * messages with the schema stage in validate-schema.ts.)
 */
export interface Text {
  zh: string;
  en: string;
}

const diffZh = (a: string, b: string, d: string) => `所印 ${a}，按明细计算为 ${b}，相差 ${d}`;

/**
 * A code checked against a reference that is not the year's own confirmed table: the document's
 * year has none (an earlier year's is used) or the table used is provisional.
 */
export interface Tentative {
  /** The document's year. */
  docYear: number;
  /** The year of the reference used. */
  used: number;
  provisional: boolean;
}

function tentativeZh(t: Tentative | undefined, what: 'code' | 'name'): string {
  if (!t) return '';
  const which = t.docYear !== t.used ? `没有 ${t.docYear} 年的科目表，这里按 ${t.used} 年${t.provisional ? '暂定的' : '的'}科目表核对` : `${t.used} 年的科目表是暂定的`;
  const doubt = what === 'code' ? `${t.docYear} 年新设或调整的科目可能没有收录，所以只作警告` : `${t.docYear} 年的名称可能已经调整`;
  return `（${which}，${doubt}；核实后请补入 data/_reference/${t.docYear}.json，见 data/_reference/README.md。）`;
}

export const messages = {
  'ref.file-path': (p: { expected: string; found: string }): Text => ({
    zh: `文件位置与内容不符：单位标识和年度对应的文件应为 ${p.expected}，实际是 ${p.found}。`,
    en: `file should be at ${p.expected}, found ${p.found}`,
  }),
  'ref.duplicate-unit-year': (p: { unit: string; year: number; other: string }): Text => ({
    zh: `单位“${p.unit}”的 ${p.year} 年度已有数据文件 ${p.other}；一个单位一个年度只能有一个文件。`,
    en: `unit ${p.unit} year ${p.year} already has a data file: ${p.other}`,
  }),
  'ref.profile-unknown': (p: { profile: string; kind: string; known: string }): Text => ({
    zh: `表式“${p.profile}”不存在或不适用于${p.kind}。可用的表式：${p.known}。`,
    en: `profile ${p.profile} is unknown or has no ${p.kind} layout`,
  }),
  'ref.reference-year': (p: { year: number }): Text => ({
    zh: `没有 ${p.year} 年的政府收支分类科目表（data/_reference/${p.year}.json），也没有更早年度的，科目编码和名称无法核对。`,
    en: `no classification reference for ${p.year} or any earlier year`,
  }),
  'ref.reference-fallback': (p: { year: number; used: number }): Text => ({
    zh:
      `没有 ${p.year} 年的政府收支分类科目表（data/_reference/${p.year}.json），改用最近的 ${p.used} 年科目表` +
      `（data/_reference/${p.used}.json）核对科目编码和名称，公开表中没有写出名称的科目也按 ${p.used} 年的名称印出；` +
      `${p.year} 年新设或改名的科目可能报为编码未知或名称不符。`,
    en: `no classification reference for ${p.year}; using ${p.used} (data/_reference/${p.used}.json)`,
  }),
  'ref.reference-provisional': (p: { used: number; basis: number | undefined }): Text => ({
    zh:
      `${p.used} 年的政府收支分类科目表（data/_reference/${p.used}.json）是暂定的：尚未按财政部《${p.used}年政府收支分类科目》核对，` +
      `${p.basis === undefined ? '沿用更早年度的科目' : `沿用 ${p.basis} 年的科目`}，当年新设、撤销或改名的科目可能没有反映，科目编码和名称的核对结果仅供参考。`,
    en: `the ${p.used} classification reference is provisional${p.basis === undefined ? '' : ` (carried forward from ${p.basis})`}`,
  }),
  'ref.unknown-code': (p: { code: string; year: number; what: string; tentative?: Tentative }): Text => ({
    zh: `${p.what}编码 ${p.code} 不在 ${p.year} 年政府收支分类科目中，请核对编码。${tentativeZh(p.tentative, 'code')}`,
    en: `${p.code} is not a ${p.year} ${p.what} code${p.tentative ? ' (provisional reference: warning only)' : ''}`,
  }),
  'ref.name-mismatch': (p: { code: string; printed: string; official: string; year: number; tentative?: Tentative }): Text => ({
    zh: `科目 ${p.code} 印为“${p.printed}”，${p.year} 年科目名称为“${p.official}”（名称可能已过时或有误）。${tentativeZh(p.tentative, 'name')}`,
    en: `${p.code} printed as ${p.printed}; the ${p.year} name is ${p.official}`,
  }),
  'ref.project-unit': (p: { unit: string; known: string }): Text => ({
    zh: `项目单位“${p.unit}”不是本部门的单位。本部门的单位：${p.known}。`,
    en: `project unit ${p.unit} is not one of the department's units`,
  }),
  'ref.duplicate-row': (p: { code: string; fund: string }): Text => ({
    zh: `科目 ${p.code}（${p.fund}）重复出现；同一科目同一资金来源只能有一行。`,
    en: `duplicate row ${p.code} (${p.fund})`,
  }),
  'ref.wording-key': (p: { key: string; profile: string; known: string }): Text => ({
    zh: `措辞编号“${p.key}”不是表式“${p.profile}”的句式。数据文件只能替换表式已有的编号（${p.known || '该表式没有自己的编号'}）或默认措辞的编号（见 docs/profiles.md“说明的措辞”）。`,
    en: `wording key ${p.key} is not one of profile ${p.profile}'s`,
  }),
  'ref.wording-template': (p: { key: string; problem: string }): Text => ({
    zh: `措辞“${p.key}”的句式有误：${p.problem}。占位符见 docs/profiles.md“说明的措辞”。`,
    en: `wording ${p.key}: bad template`,
  }),
  'ref.figure-key': (p: { key: string }): Text => ({
    zh: `数字编号“${p.key}”不存在，请对照 docs/figures.md 检查拼写。`,
    en: `unknown figure key ${p.key}`,
  }),
  'arith.row': (p: { what: string; code: string; printed: string; derived: string; diff: string }): Text => ({
    zh: `科目 ${p.code} 的${p.what}与本行各列之和不符：${diffZh(p.printed, p.derived, p.diff)}。`,
    en: `${p.code} ${p.what}: printed ${p.printed}, sum of columns ${p.derived}`,
  }),
  'arith.subtotal': (p: { what: string; code: string; printed: string; derived: string; diff: string; level: string }): Text => ({
    zh: `${p.level} ${p.code} 的${p.what}不等于其下各科目之和：${diffZh(p.printed, p.derived, p.diff)}。`,
    en: `${p.code} ${p.what} is not the sum of its items: printed ${p.printed}, sum ${p.derived}`,
  }),
  'arith.cross-table': (p: { a: string; b: string; va: string; vb: string; diff: string }): Text => ({
    zh: `${p.a}（${p.va}）与${p.b}（${p.vb}）应当相等，相差 ${p.diff}。`,
    en: `${p.a} (${p.va}) must equal ${p.b} (${p.vb})`,
  }),
  'arith.balance': (p: { a: string; b: string; va: string; vb: string; diff: string }): Text => ({
    zh: `收支不平衡：${p.a} ${p.va}，${p.b} ${p.vb}，相差 ${p.diff}。`,
    en: `income and expenditure differ: ${p.a} ${p.va}, ${p.b} ${p.vb}`,
  }),
  'arith.parts': (p: { what: string; printed: string; derived: string; diff: string }): Text => ({
    zh: `${p.what}与其组成部分之和不符：${diffZh(p.printed, p.derived, p.diff)}。`,
    en: `${p.what}: printed ${p.printed}, sum of parts ${p.derived}`,
  }),
  'arith.part-exceeds': (p: { part: string; whole: string; vp: string; vw: string }): Text => ({
    zh: `${p.part}（${p.vp}）大于${p.whole}（${p.vw}）。`,
    en: `${p.part} (${p.vp}) exceeds ${p.whole} (${p.vw})`,
  }),
  'figure.amount': (p: { label: string; where: string; printed: string; derived: string; diff: string }): Text => ({
    zh: `${p.where}“${p.label}”为 ${p.printed}，按表中数字计算为 ${p.derived}，相差 ${p.diff}。`,
    en: `${p.label}: ${p.where} says ${p.printed}, tables give ${p.derived}`,
  }),
  'figure.share': (p: { label: string; printed: string; derived: string; formula: string; hint: string }): Text => ({
    zh: `说明中“${p.label}”占比写为 ${p.printed}%，按 ${p.formula} 计算应为 ${p.derived}%。${p.hint}`,
    en: `${p.label} share stated ${p.printed}%, computed ${p.derived}% (${p.formula})`,
  }),
  'figure.change': (p: { label: string; printed: string; derived: string; current: string; previous: string }): Text => ({
    zh: `说明中“${p.label}”比上年增减写为 ${p.printed}，按本年 ${p.current} 减上年 ${p.previous} 计算应为 ${p.derived}。`,
    en: `${p.label} change stated ${p.printed}, computed ${p.derived}`,
  }),
  'figure.change-rate': (p: { label: string; printed: string; derived: string; formula: string }): Text => ({
    zh: `说明中“${p.label}”增减幅度写为 ${p.printed}%，按 ${p.formula} 计算应为 ${p.derived}%。`,
    en: `${p.label} change rate stated ${p.printed}%, computed ${p.derived}%`,
  }),
  'figure.completion': (p: { label: string; printed: string; derived: string; formula: string; base?: '年初预算' | '全年预算' }): Text => ({
    zh: `说明中“${p.label}”完成${p.base ?? '年初预算'}的比例写为 ${p.printed}%，按 ${p.formula} 计算应为 ${p.derived}%。`,
    en: `${p.label} completion${p.base === '全年预算' ? ' of the adjusted budget' : ''} stated ${p.printed}%, computed ${p.derived}%`,
  }),
  'figure.previous-sum': (p: { label: string; count: number; printed: string; derived: string; diff: string }): Text => ({
    zh: `“${p.label}”的上年数与其下 ${p.count} 个科目的上年数之和不符：所记 ${p.printed}，各科目合计 ${p.derived}，相差 ${p.diff}（说明中的增减数互相矛盾）。`,
    en: `${p.label}: previous-year figure ${p.printed} differs from the sum of its ${p.count} lines ${p.derived}`,
  }),
  'figure.project-plan': (p: { project: string; what: string; printed: string; derived: string; diff: string }): Text => ({
    zh: `项目“${p.project}”的年度预算安排写${p.what}为 ${p.printed}，按数据应为 ${p.derived}，相差 ${p.diff}。`,
    en: `project ${p.project}: 年度预算安排 states ${p.what} ${p.printed}, data give ${p.derived}`,
  }),
  'figure.project-plan-text': (p: { project: string; printed: string }): Text => ({
    zh: `项目“${p.project}”记下的年度预算安排金额 ${p.printed} 不在其年度预算安排的文字（annualPlan）中：记下的数字要照原文。`,
    en: `project ${p.project}: recorded amount ${p.printed} is not in its 年度预算安排 text`,
  }),
  'figure.no-previous': (p: { label: string }): Text => ({
    zh: `说明写了“${p.label}”比上年的增减，但数据中没有上年可比数（previous），无法核对。`,
    en: `${p.label}: change stated but no previous-year figure recorded`,
  }),
  'figure.change-implied': (p: { label: string; printed: string; current: string; implied: string }): Text => ({
    zh: `说明中“${p.label}”比上年增减 ${p.printed}，而本年为 ${p.current}：由此推算的上年数为 ${p.implied}，不能小于 0（增减额记错，或增加、减少写反）。`,
    en: `${p.label}: stated change ${p.printed} with this year's ${p.current} implies a negative previous year (${p.implied})`,
  }),
  'figure.change-sign': (p: { label: string; change: string; rate: string }): Text => ({
    zh: `说明中“${p.label}”的增减额 ${p.change} 与增减幅度 ${p.rate} 方向相反（增加、增长记为正数，减少、下降记为负数）。`,
    en: `${p.label}: stated change ${p.change} and rate ${p.rate} have opposite signs`,
  }),
  'text.change-word-stated': (p: { label: string; word: string; figure: string }): Text => ({
    zh: `说明中“${p.label}”用了“${p.word}”，但所记的${p.figure}（增加记为正数，减少记为负数，持平为 0）。`,
    en: `${p.label}: the word "${p.word}" contradicts the stated ${p.figure}`,
  }),
  'text.change-word': (p: { label: string; word: string; sign: string }): Text => ({
    zh: `说明中“${p.label}”用了“${p.word}”，但按数字是${p.sign}。`,
    en: `${p.label}: the word "${p.word}" contradicts the figures (${p.sign})`,
  }),
  'text.compare-word': (p: { label: string; word: string; sign: string }): Text => ({
    zh: `说明中“${p.label}”写“决算数${p.word}预算数”，但按数字是${p.sign}。`,
    en: `${p.label}: "${p.word}" contradicts the figures (${p.sign})`,
  }),
  'plaus.zero-base': (p: { label: string; what: string }): Text => ({
    zh: `“${p.label}”的${p.what}基数为 0，不能计算百分比；应写“新增”或不写比例。`,
    en: `${p.label}: ${p.what} from a zero base`,
  }),
  'plaus.share-over-100': (p: { label: string; printed: string }): Text => ({
    zh: `“${p.label}”占比写为 ${p.printed}%，超过 100%。`,
    en: `${p.label}: share above 100% (${p.printed})`,
  }),
  'plaus.operating-cost': (p: { cost: string; public: string }): Text => ({
    zh: `机关运行经费（${p.cost}）大于一般公共预算基本支出中的公用经费（${p.public}），请核对。`,
    en: `机关运行经费 ${p.cost} above 公用经费 ${p.public}`,
  }),
  'plaus.three-public-missing': (p: { what: string; amount: string }): Text => ({
    zh: `${p.what} ${p.amount}，但文档没有“三公”经费部分。`,
    en: `${p.what} ${p.amount} spent but no 三公 section`,
  }),
  'plaus.cost-indicator': (p: { project: string; indicator: string; value: string; budget: string }): Text => ({
    zh: `项目“${p.project}”的成本指标“${p.indicator}”为 ${p.value}，超过项目预算 ${p.budget}。`,
    en: `project ${p.project}: cost indicator ${p.value} above budget ${p.budget}`,
  }),
  'plaus.placeholder': (p: { text: string }): Text => ({
    zh: `文字中有未替换的模板占位：“${p.text}”。`,
    en: `placeholder left in text: ${p.text}`,
  }),
  'text.doubled': (p: { word: string; text: string }): Text => ({
    zh: `文字中“${p.word}”重复：“${p.text}”。`,
    en: `doubled word ${p.word}: ${p.text}`,
  }),
  'text.punctuation': (p: { marks: string; text: string }): Text => ({
    zh: `标点重复或连用“${p.marks}”：“${p.text}”。`,
    en: `doubled punctuation ${p.marks}: ${p.text}`,
  }),
  'text.brackets': (p: { what: string; opened: number; closed: number; text: string }): Text => ({
    zh: `${p.what}不成对：左 ${p.opened} 个、右 ${p.closed} 个（“${p.text}……”）。`,
    en: `unbalanced ${p.what}: ${p.opened} opened, ${p.closed} closed`,
  }),
  'text.dangling': (p: { text: string }): Text => ({
    zh: `句子没写完：“${p.text}”（“是”“用于”等之后缺少内容）。`,
    en: `sentence stops: ${p.text}`,
  }),
  'text.percent-sign': (p: { text: string }): Text => ({
    zh: `百分比缺少“%”：“${p.text}”。`,
    en: `percentage without %: ${p.text}`,
  }),
  'text.year': (p: { year: number; kind: string; stated: number; expected: string; text: string }): Text => ({
    zh: `${p.year}年${p.kind}的说明与 ${p.stated} 年比较（“${p.text}”），应与 ${p.expected} 年比较，请核对年份。`,
    en: `${p.year} ${p.kind} compared with ${p.stated}, expected ${p.expected}`,
  }),
  'text.old-name': (p: { old: string; current: string; code: string; since: number; year: number; text: string }): Text => ({
    zh: `“${p.old}”是 ${p.code} 科目的旧名称，${p.since} 年起为“${p.current}”，${p.year} 年的文字应用新名称（“${p.text}”）。`,
    en: `${p.old} is the old name of ${p.code} (${p.current} since ${p.since})`,
  }),
  'text.class-name': (p: { code: string; printed: string; official: string; year: number }): Text => ({
    zh: `文字中写“${p.printed}”，${p.year} 年科目表中 ${p.code} 类为“${p.official}”。`,
    en: `text names class ${p.code} ${p.printed}, reference ${p.official}`,
  }),
  'text.level': (p: { word: string; text: string }): Text => ({
    zh: `这是单位的公开文件，文字中却写“${p.word}”（“${p.text}”）：应为“${p.word.replace('部门', '单位')}”。`,
    en: `unit booklet says ${p.word}`,
  }),
  'text.reason-empty': (p: { key: string; reason: string }): Text => ({
    zh: `“${p.key}”的原因${p.reason ? `只写了“${p.reason}”，重复了科目名称，` : '是空的，'}没有说明增减的具体原因。`,
    en: `${p.key}: reason empty or only repeats the name`,
  }),
  'plaus.unit-name': (p: { printed: string; official: string }): Text => ({
    zh: `单位名称不一致：此处写“${p.printed}”，单位清单中为“${p.official}”。`,
    en: `unit named ${p.printed} here but ${p.official} in the unit list`,
  }),
  'plaus.deadline': (p: { approved: string; published: string; days: number; working: boolean; deadline: string }): Text => ({
    zh: p.working
      ? `公开日期 ${p.published} 晚于批复日期 ${p.approved} 后 ${p.days} 个工作日（最迟 ${p.deadline}；按周一至周五计，未计节假日和调休）。`
      : `公开日期 ${p.published} 晚于批复日期 ${p.approved} 后 ${p.days} 日（最迟 ${p.deadline}）。`,
    en: `published ${p.published}, later than ${p.days} ${p.working ? 'working days' : 'days'} after approval ${p.approved} (deadline ${p.deadline})`,
  }),
  'plaus.no-approval-date': (p: { days: number; working: boolean }): Text => ({
    zh: `没有填写批复日期，无法检查是否在批复后 ${p.days} ${p.working ? '个工作日' : '日'}内公开。`,
    en: `no approval date: the publication deadline cannot be checked`,
  }),
  'plaus.published-before-approval': (p: { approved: string; published: string }): Text => ({
    zh: `公开日期 ${p.published} 早于批复日期 ${p.approved}：公开的是批复后的预决算，请核对两个日期（是否填反）。`,
    en: `published ${p.published} before approval ${p.approved}`,
  }),
  'schema.date': (p: { what: string; value: string }): Text => ({
    zh: `${p.what} ${p.value} 不是实际存在的日期，请核对年、月、日。`,
    en: `${p.value} is not a calendar date`,
  }),
  'plaus.no-published-date': (): Text => ({
    zh: `没有填写公开日期（publishedDate 为 null），封面和 PDF 将不印日期。`,
    en: `no publication date`,
  }),
  'complete.table-missing': (p: { table: string; profile: string }): Text => ({
    zh: `缺少${p.table}：表式 ${p.profile} 要求公开此表。没有数据的表也要公开（写空数组），并注明“本表无数据”。`,
    en: `required table missing: ${p.table} (profile ${p.profile})`,
  }),
  'complete.section-missing': (p: { section: string }): Text => ({
    zh: `缺少“${p.section}”情况说明（其他重要事项要求公开）。没有的请写 0，而不是省略。`,
    en: `section missing: ${p.section}`,
  }),
  'complete.reason-missing': (p: { label: string; what: string; field: string }): Text => ({
    zh: `“${p.label}”的${p.what}达到表式规定须说明原因的幅度，但没有写原因（figures 的 ${p.field}）。`,
    en: `${p.label}: ${p.what} above the profile's threshold without a reason (${p.field})`,
  }),
  'ack.unused': (p: { rule: string; pointer: string }): Text => ({
    zh: `已知问题记录（规则 ${p.rule}${p.pointer ? `，位置 ${p.pointer}` : ''}）没有对应的发现，请删除这条记录。`,
    en: `acknowledgement for ${p.rule} ${p.pointer} matches no finding`,
  }),
  'text.purpose-subject': (p: { code: string; name: string; other: string; otherCode: string; text: string }): Text => ({
    zh: `科目 ${p.code} ${p.name}的用途说明写的是另一个科目“${p.other}”（${p.otherCode}）：“${p.text}”；可能抄自别的科目，请核对。`,
    en: `purpose of ${p.code} names another subject ${p.otherCode} ${p.other}`,
  }),
  'figure.change-sum': (p: { label: string; count: number; printed: string; derived: string; diff: string }): Text => ({
    zh: `说明中“${p.label}”比上年增减写为 ${p.printed}，而说明所写 ${p.count} 个类的增减额之和为 ${p.derived}，相差 ${p.diff}：增减数互相矛盾。`,
    en: `stated change of ${p.label} ${p.printed} differs from the sum of the stated class changes ${p.derived}`,
  }),
  'plaus.operating-cost-stated': (p: { operating: string; public: string }): Text => ({
    zh: `说明中写的机关运行经费 ${p.operating} 大于说明中写的公用经费 ${p.public}；机关运行经费是公用经费的一部分。`,
    en: `stated operating cost ${p.operating} above the stated public funds ${p.public}`,
  }),
  'cross.link': (p: { zh: string; en: string }): Text => ({
    zh: `部门与单位的链接不一致：${p.zh}`,
    en: `unit link: ${p.en}`,
  }),
  'cross.units-missing': (p: { kind: string; units: string }): Text => ({
    zh: `本${p.kind}是所属单位之和，但这些单位没有本年度的${p.kind}数据文件（或没有一并检查），部门数与单位数之和无法核对：${p.units}。`,
    en: `department sum not checked: units without a file: ${p.units}`,
  }),
  'cross.sum': (p: { label: string; printed: string; derived: string; diff: string; parts: string }): Text => ({
    zh: `部门的“${p.label}”为 ${p.printed}，各单位之和为 ${p.derived}（${p.parts}），相差 ${p.diff}。`,
    en: `department ${p.label} ${p.printed} differs from the sum of its units ${p.derived}`,
  }),
  'cross.previous': (p: { label: string; printed: string; other: string; derived: string; kind: string }): Text => ({
    zh: `“${p.label}”的上年数为 ${p.printed}，而上年的${p.kind}数据文件 ${p.other} 中为 ${p.derived}；请核对上年数（口径调整时请在原因中说明）。`,
    en: `previous-year ${p.label} ${p.printed} differs from ${p.derived} in ${p.other}`,
  }),
  'cross.budget': (p: { label: string; printed: string; other: string; derived: string }): Text => ({
    zh: `决算中“${p.label}”的年初预算为 ${p.printed}，而同年预算（${p.other}）中为 ${p.derived}。`,
    en: `final's initial budget for ${p.label} ${p.printed} differs from the budget's ${p.derived} (${p.other})`,
  }),
  'cross.identity': (p: { what: string; printed: string; other: string; found: string }): Text => ({
    zh: `单位${p.what}“${p.printed}”与上一年度文件 ${p.other} 中的“${p.found}”不同；单位更名或代码调整时请核实两个文件。`,
    en: `unit ${p.what} ${p.printed} differs from ${p.found} in ${p.other}`,
  }),
  'figure.twin-change': (p: { a: string; b: string; aSaid: string; bSaid: string }): Text => ({
    zh: `${p.a}与${p.b}相等，说明中${p.a}比上年${p.aSaid}，${p.b}却比上年${p.bSaid}，两处增减互相矛盾。`,
    en: `${p.a} equals ${p.b}, but their stated changes differ: ${p.aSaid} vs ${p.bSaid}`,
  }),
  'text.amount-twice': (p: { name: string; first: string; second: string; text: string }): Text => ({
    zh: `同一段中“${p.name}”先写为 ${p.first}，后又写为 ${p.second}（“${p.text}”）：请核对哪一个是对的。`,
    en: `${p.name} is given as ${p.first} and as ${p.second} in one paragraph`,
  }),
  'round.truncated': (p: { base: string; found: string; rounded: string; count: number }): Text => ({
    zh: `${p.base}所印 ${p.found}% 是把末位以后的数字直接舍去得到的，四舍五入应为 ${p.rounded}%（本文件有 ${p.count} 处百分比都是这样舍去的，没有一处按四舍五入印出）。`,
    en: `percentage ${p.found}% is cut off, not rounded (${p.rounded}%); ${p.count} percentages of this document are`,
  }),
  rounding: (p: { base: string }): Text => ({
    zh: `${p.base}（差额在四舍五入范围内，属于尾差。）`,
    en: `within rounding`,
  }),
} as const;
