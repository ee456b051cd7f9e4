/** Rule family «plausibility»: what is allowed by the arithmetic but is very likely wrong. */
import { messages } from '../messages.ts';
import { economicAggregate, expenditureAggregate, type Derived } from '../derive.ts';
import { fenFromText, type Fen } from '../../model/money.ts';
import { push, fmt, knownUnitNames, type DocContext } from './context.ts';
import { walkStrings, pointerOf } from './strings.ts';

const PLACEHOLDER = /X{2,}|×{2,}|Ｘ{2,}|增加（减少）|减少（增加）|增长（下降）|下降（增长）|增加\/减少|增（减）|（持平）|(?:是|为|用于|包括|：)……|\[bookmark[^\]]*\]|【待填】|待补充/

export function checkPlausibility(ctx: DocContext): void {
  const { doc, d } = ctx;
  const m = d.money;
  // Placeholder residue anywhere in the document's text.
  walkStrings(doc, [], (text, path) => {
    if (path[path.length - 1] === 'changeWord') return; // handled with the figure
    const hit = PLACEHOLDER.exec(text);
    if (hit) {
      const from = Math.max(0, hit.index - 8);
      push(ctx, pointerOf(path), 'warning', 'plaus.placeholder', messages['plaus.placeholder']({ text: text.slice(from, hit.index + hit[0].length + 8) }), undefined, hit[0]);
    }
  });
  // 机关运行经费 above 公用经费.
  const gpbPublic = expenditureAggregate(d, 'gpb').public;
  if (doc.operatingCost !== null && gpbPublic !== null && gpbPublic > 0 && m(doc.operatingCost) > gpbPublic) {
    push(ctx, '/operatingCost', 'warning', 'plaus.operating-cost', messages['plaus.operating-cost']({ cost: fmt(ctx, m(doc.operatingCost)), public: fmt(ctx, gpbPublic) }));
  }
  // 三公-type spending with no 三公 section.
  if (doc.threePublic === null) {
    for (const [code, what] of [['30217', '公务接待费'], ['30231', '公务用车运行维护费'], ['31013', '公务用车购置费'], ['30212', '因公出国（境）费用']] as const) {
      const agg = economicAggregate(d, 'gpb', code);
      if (agg.total > 0) {
        push(ctx, '/threePublic', 'warning', 'plaus.three-public-missing', messages['plaus.three-public-missing']({ what: `基本支出中有${what}`, amount: fmt(ctx, agg.total) }));
      }
    }
    const plannedVehicles = doc.assets?.planned?.vehicles.reduce((a, v) => a + v.count, 0) ?? 0;
    if (plannedVehicles > 0) {
      push(ctx, '/threePublic', 'warning', 'plaus.three-public-missing', messages['plaus.three-public-missing']({ what: '国有资产部分拟购置公务用车', amount: `${plannedVehicles}辆` }));
    }
  }
  // A project's cost indicator above its budget.
  doc.projects.forEach((p, i) => {
    const budget = d.projectTotals[i]!;
    if (budget === 0) return;
    p.indicators.forEach((ind, j) => {
      if (!/成本/.test(ind.level2 ?? '') || !ind.value) return;
      const amount = parseCostValue(ind.value, d);
      if (amount !== undefined && amount > budget) {
        push(ctx, `/projects/${i}/indicators/${j}/value`, 'warning', 'plaus.cost-indicator', messages['plaus.cost-indicator']({ project: p.name, indicator: ind.level3 ?? ind.level2 ?? '', value: ind.value, budget: fmt(ctx, budget) }), `≤ ${fmt(ctx, budget)}`, ind.value);
      }
    });
  });
  // Unit names that almost match a known unit.
  const names = knownUnitNames(ctx.file);
  const checkName = (value: string, pointer: string) => {
    if (names.includes(value)) return;
    const near = names.find((n) => similarName(n, value));
    if (near) push(ctx, pointer, 'warning', 'plaus.unit-name', messages['plaus.unit-name']({ printed: value, official: near }), near, value);
  };
  doc.projects.forEach((p, i) => {
    if (p.printedUnit) checkName(p.printedUnit, `/projects/${i}/printedUnit`);
    if (p.implementer) checkName(p.implementer, `/projects/${i}/implementer`);
    (p.attributes ?? []).forEach((a, j) => {
      if (/单位/.test(a.label)) checkName(a.value.replace(/^\[\d+\]/, ''), `/projects/${i}/attributes/${j}/value`);
    });
  });
}

function similarName(a: string, b: string): boolean {
  if (a === b) return false;
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const differing = Math.max(a.length, b.length) - prefix - suffix;
  return prefix >= 4 && differing <= 4;
}

/** "≤180000元" → 分; "≤2110.5万元" → 分; a bare number is read as 元. */
function parseCostValue(value: string, d: Derived): Fen | undefined {
  const match = /(\d+(?:\.\d+)?)\s*(万元|元)/.exec(value.replace(/,/g, ''));
  if (!match) return undefined;
  // From the digits (money.ts), never through a binary float.
  return fenFromText(match[1]!, match[2] === '万元' ? 'wan' : 'yuan');
}
