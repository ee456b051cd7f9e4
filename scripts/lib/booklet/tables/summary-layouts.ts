/**
 * The national row sets of the two-sided 收支 tables as layout data (the format a profile's
 * `layout` uses, docs/profiles.md "两栏表的行"). A table whose profile entry gives no
 * `layout` prints these: 收支总表 / 收入支出决算总表 and 财政拨款收支总表 / 财政拨款收入支出决算总表,
 * 预算 and 决算, as the national forms (and the Anhui seeds) print them.
 */
import type { LayoutRow, TwoSidedLayout } from '../../model/profile.ts';

const SOURCES: Array<[string, string]> = [
  ['gpb', '一般公共预算'],
  ['gfb', '政府性基金预算'],
  ['scob', '国有资本经营预算'],
  ['specialAccount', '财政专户管理资金'],
  ['unitFunds', '单位资金'],
];
const FISCAL = SOURCES.slice(0, 3);

const item = (label: string, value: string, indent = 0, id?: string): LayoutRow => (id ? { label, value, indent, id } : { label, value, indent });

export const SUMMARY_BUDGET: TwoSidedLayout = {
  blocks: [
    {
      left: [
        item('一、一般公共预算拨款收入', 'income.gpb'),
        item('其中：中央转移支付收入', 'income.gpbCentral', 1),
        item('二、政府性基金预算拨款收入', 'income.gfb'),
        item('其中：中央转移支付收入', 'income.gfbCentral', 1),
        item('三、国有资本经营预算拨款收入', 'income.scob'),
        item('其中：中央转移支付收入', 'income.scobCentral', 1),
        item('四、财政专户管理资金收入', 'income.specialAccount'),
        item('五、单位资金收入', 'income.unitFunds'),
        item('其中：事业收入', 'income.business', 1),
        item('事业单位经营收入', 'income.operating', 1),
        item('上级补助收入', 'income.superior', 1),
        item('附属单位上缴收入', 'income.affiliated', 1),
        item('其他收入', 'income.other', 1),
      ],
      right: [{ classes: 'all', numbering: 'zh', indent: 0 }],
    },
    { left: [item('本年收入小计', 'income.current', 0, 'income')], right: [item('本年支出小计', 'spending', 0, 'spending')], kind: 'subtotal' },
    {
      left: [item('上年结转数', 'carryover.total', 0, 'carryover'), ...SOURCES.map(([k, zh]) => item(zh, `carryover.${k}`, 1))],
      right: [item('结转下年', 'carryforward', 0, 'carryforward'), ...SOURCES.map(([k, zh]) => item(zh, `carryforward.${k}`, 1))],
    },
    { left: [{ label: '收入总计', sum: ['income', 'carryover'], indent: 0 }], right: [{ label: '支出总计', sum: ['spending', 'carryforward'], indent: 0 }], kind: 'total' },
  ],
};

export const SUMMARY_FINAL: TwoSidedLayout = {
  blocks: [
    {
      left: [
        item('一、一般公共预算财政拨款收入', 'income.gpb'),
        item('二、政府性基金预算财政拨款收入', 'income.gfb'),
        item('三、国有资本经营预算财政拨款收入', 'income.scob'),
        item('四、上级补助收入', 'income.superior'),
        item('五、事业收入', 'income.business'),
        item('六、经营收入', 'income.operating'),
        item('七、附属单位上缴收入', 'income.affiliated'),
        item('八、其他收入', 'income.other'),
        // Not among the national form's lines; printed only where the data has it, so the sides still add up.
        { label: '九、财政专户管理资金收入', value: 'income.specialAccount', indent: 0, omitZero: true },
      ],
      right: [{ classes: 'all', numbering: 'zh', indent: 0 }],
    },
    { left: [item('本年收入合计', 'income.current', 0, 'income')], right: [item('本年支出合计', 'spending', 0, 'spending')], kind: 'subtotal' },
    {
      left: [item('使用非财政拨款结余', 'income.nonFiscalBalanceUsed', 0, 'nonFiscal'), item('年初结转和结余', 'carryover.total', 0, 'carryover')],
      right: [item('结余分配', 'surplusAllocation', 0, 'surplus'), item('年末结转和结余', 'carryforward', 0, 'carryforward')],
    },
    {
      left: [{ label: '总计', sum: ['income', 'nonFiscal', 'carryover'], indent: 0 }],
      right: [{ label: '总计', sum: ['spending', 'surplus', 'carryforward'], indent: 0 }],
      kind: 'total',
    },
  ],
};

export const FISCAL_SUMMARY_BUDGET: TwoSidedLayout = {
  blocks: [
    {
      left: [
        item('一、本年收入', 'income.fiscal', 0, 'income'),
        item('（一）一般公共预算拨款', 'income.gpb', 1),
        { lines: 'gpbLines', indent: 2 },
        item('（二）政府性基金预算拨款', 'income.gfb', 1),
        { lines: 'gfbLines', indent: 2 },
        item('（三）国有资本经营预算拨款', 'income.scob', 1),
        item('二、上年结转', 'carryover.fiscal', 0, 'carryover'),
        item('（一）一般公共预算拨款', 'carryover.gpb', 1),
        item('（二）政府性基金预算拨款', 'carryover.gfb', 1),
        item('（三）国有资本经营预算拨款', 'carryover.scob', 1),
      ],
      right: [
        item('一、本年支出', 'spending', 0, 'spending'),
        { classes: 'all', numbering: 'zhParen', indent: 1 },
        item('二、年终结转结余', 'carryforward', 0, 'carryforward'),
        item('（一）一般公共预算结转结余', 'carryforward.gpb', 1),
        item('（二）政府性基金预算结转结余', 'carryforward.gfb', 1),
        item('（三）国有资本经营预算结转结余', 'carryforward.scob', 1),
      ],
    },
    { left: [{ label: '收入总计', sum: ['income', 'carryover'], indent: 0 }], right: [{ label: '支出总计', sum: ['spending', 'carryforward'], indent: 0 }], kind: 'total' },
  ],
};

export const FISCAL_SUMMARY_FINAL: TwoSidedLayout = {
  blocks: [
    {
      left: [
        item('一、一般公共预算财政拨款', 'income.gpb'),
        item('二、政府性基金预算财政拨款', 'income.gfb'),
        item('三、国有资本经营预算财政拨款', 'income.scob'),
      ],
      right: [{ classes: 'all', numbering: 'zh', indent: 0 }],
    },
    { left: [item('本年收入合计', 'income.fiscal', 0, 'income')], right: [item('本年支出合计', 'spending', 0, 'spending')], kind: 'subtotal' },
    {
      left: [item('年初财政拨款结转和结余', 'carryover.fiscal', 0, 'carryover'), ...FISCAL.map(([k, zh]) => item(`${zh}财政拨款`, `carryover.${k}`, 1))],
      right: [item('年末财政拨款结转和结余', 'carryforward', 0, 'carryforward'), ...FISCAL.map(([k, zh]) => item(`${zh}财政拨款`, `carryforward.${k}`, 1))],
    },
    { left: [{ label: '总计', sum: ['income', 'carryover'], indent: 0 }], right: [{ label: '总计', sum: ['spending', 'carryforward'], indent: 0 }], kind: 'total' },
  ],
};
