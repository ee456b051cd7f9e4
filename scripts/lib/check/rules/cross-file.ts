/**
 * Rules over several files (run by finishCheck in check.ts, with every file's facts, facts.ts):
 *
 *   cross.link           unit.includes[].id ↔ unit.parent.id: both sides name each other, and name a data folder
 *   cross.units-missing  a 部门 whose 单位 are not all there: the sum cannot be checked (notice)
 *   cross.sum            部门 = Σ 单位, table by table, in 分 (a rounding difference is round.amount)
 *   cross.previous       this year's 上年数 against last year's file of the same kind
 *   cross.budget         a 决算's 年初预算 against the same year's 预算
 *   cross.identity       a unit's name and code against its previous year's file
 *
 * What only a person can judge (restated previous-year figures, renamed units, a budget adjusted
 * before the 决算) is a warning; links that disagree and a 部门 that is not the sum of all its
 * 单位 are errors. Comparisons between files printed at different precision (元 and 万元) leave a
 * difference within the printed rounding silent.
 */
import type { DocumentKind } from '../../model/schema.ts';
import type { Issue, Severity } from '../findings.ts';
import { messages, type Text } from '../messages.ts';
import { figureDef } from '../figures.ts';
import { formatMoneyPlain, type Currency } from '../../model/money.ts';
import { SUM_KEYS, type AckFact, type DocFacts, type FileFacts } from '../facts.ts';

export const CROSS_RULES: readonly string[] = ['cross.link', 'cross.units-missing', 'cross.sum', 'cross.previous', 'cross.budget', 'cross.identity'];

export interface CrossEntry {
  /** Path of the file, relative to the project root. */
  file: string;
  unit: string;
  year: number;
  facts: FileFacts;
}

const KIND_ZH: Record<DocumentKind, string> = { budget: '预算', final: '决算' };
const KINDS: readonly DocumentKind[] = ['budget', 'final'];

const money = (fen: number, c: Currency) => formatMoneyPlain(fen, c) + (c === 'wan' ? '万元' : '元');
const esc = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');
const labelOf = (key: string) => figureDef(key)?.label ?? key;

function issue(pointer: string, severity: Severity, rule: string, t: Text, expected?: string, found?: string): Issue {
  return { pointer, severity, rule, message: t.zh, messageEn: t.en, ...(expected !== undefined ? { expected } : {}), ...(found !== undefined ? { found } : {}) };
}

/** A document's acknowledgements of cross-file rules: errors in scope become warnings, as in check.ts. */
function acknowledge(issues: Issue[], acks: readonly AckFact[]): Issue[] {
  if (!acks.length) return issues;
  return issues.map((f) => {
    const ack = acks.find((a) => a.rule === f.rule && (f.pointer === a.scope || f.pointer.startsWith(a.scope + '/')));
    if (!ack || f.severity !== 'error') return f;
    return { ...f, severity: 'warning', message: `${f.message}（已确认原样公开：${ack.reason}）`, messageEn: `${f.messageEn} (acknowledged: ${ack.reason})`, acknowledged: ack.reason };
  });
}

/**
 * The cross-file findings of `entries` (one per unit and year: the owners). `folderExists` says
 * whether data/<id>/ exists, for a link to a unit none of whose files is in the check.
 */
export function checkAcrossFiles<E extends CrossEntry>(entries: readonly E[], folderExists: (id: string) => boolean): Array<{ entry: E; issue: Issue }> {
  const byUnitYear = new Map<string, E>();
  const byUnit = new Map<string, E[]>();
  for (const e of entries) {
    byUnitYear.set(`${e.unit}|${e.year}`, e);
    (byUnit.get(e.unit) ?? byUnit.set(e.unit, []).get(e.unit)!).push(e);
  }
  const at = (unit: string, year: number) => byUnitYear.get(`${unit}|${year}`);
  const known = (id: string) => byUnit.has(id) || folderExists(id);
  const out: Array<{ entry: E; issue: Issue }> = [];

  for (const e of entries) {
    const f = e.facts;
    const issues: Issue[] = [];
    const link = (pointer: string, zh: string, en: string, expected?: string, found?: string) =>
      issues.push(issue(pointer, 'error', 'cross.link', messages['cross.link']({ zh, en }), expected, found));

    // Links: a 部门 names its 单位, each 单位 names its 部门.
    f.includes.forEach((inc, i) => {
      if (inc.id === undefined) return;
      const ptr = `/unit/includes/${i}/id`;
      if (inc.id === e.unit) return link(ptr, `所属单位“${inc.name}”的标识“${inc.id}”是本文件自己的单位标识。`, `includes id ${inc.id} is the file's own`, '所属单位自己的数据文件夹名', inc.id);
      const other = at(inc.id, e.year);
      if (other) {
        if (other.facts.parentId !== e.unit) {
          const found = other.facts.parentId ?? '（没有填写）';
          link(ptr, `所属单位“${inc.name}”的数据文件 ${other.file} 中主管部门标识（unit.parent.id）为“${found}”，应为本部门的“${e.unit}”。`, `${other.file} names parent ${found}, not ${e.unit}`, e.unit, found);
        }
      } else if (!known(inc.id)) {
        link(ptr, `所属单位“${inc.name}”的标识“${inc.id}”在 data/ 中没有对应的文件夹（应有 data/${inc.id}/${e.year}.json）。`, `no data folder for includes id ${inc.id}`, `data/${inc.id}/`, '（没有）');
      }
    });
    if (f.parentId !== undefined) {
      const ptr = '/unit/parent/id';
      const other = at(f.parentId, e.year);
      if (f.parentId === e.unit) link(ptr, `主管部门标识“${f.parentId}”是本文件自己的单位标识。`, `parent id ${f.parentId} is the file's own`, '主管部门的数据文件夹名', f.parentId);
      else if (other) {
        if (!other.facts.includes.some((i) => i.id === e.unit)) {
          link(ptr, `主管部门的数据文件 ${other.file} 的所属单位（unit.includes）中没有标识为“${e.unit}”的单位。`, `${other.file} does not include ${e.unit}`, e.unit, other.facts.includes.map((i) => i.id ?? `${i.name}（无标识）`).join('、') || '（没有所属单位）');
        }
      } else if (!known(f.parentId)) {
        link(ptr, `主管部门标识“${f.parentId}”在 data/ 中没有对应的文件夹（应有 data/${f.parentId}/${e.year}.json）。`, `no data folder for parent id ${f.parentId}`, `data/${f.parentId}/`, '（没有）');
      }
    }

    // 部门 = Σ 单位, when the 部门 links its 单位 at all.
    if (f.includes.some((i) => i.id !== undefined)) {
      for (const kind of KINDS) {
        const mine = f.docs[kind];
        if (!mine) continue;
        const parts: Array<{ entry: E; doc: DocFacts }> = [];
        const missing: string[] = [];
        for (const inc of f.includes) {
          const other = inc.id !== undefined && inc.id !== e.unit ? at(inc.id, e.year) : undefined;
          const doc = other?.facts.docs[kind];
          if (other && doc) parts.push({ entry: other, doc });
          else missing.push(inc.id !== undefined ? `${inc.name}（${inc.id}）` : `${inc.name}（未填标识）`);
        }
        if (missing.length) {
          issues.push(issue('/unit/includes', 'notice', 'cross.units-missing', messages['cross.units-missing']({ kind: KIND_ZH[kind], units: missing.join('、') }), undefined, missing.join('、')));
          continue;
        }
        for (const [key, pointer] of SUM_KEYS) {
          const total = mine.values[key];
          if (total === undefined || parts.some((p) => p.doc.values[key] === undefined)) continue;
          const sum = parts.reduce((a, p) => a + p.doc.values[key]!, 0);
          if (sum === total) continue;
          const tolerance = parts.reduce((a, p) => a + p.doc.unit * (p.doc.counts[key] ?? 1), mine.unit * (mine.counts[key] ?? 1));
          const diff = Math.abs(sum - total);
          const c = mine.currency;
          const t = messages['cross.sum']({
            label: labelOf(key),
            printed: money(total, c),
            derived: money(sum, c),
            diff: money(diff, c),
            parts: parts.map((p) => `${p.entry.facts.name} ${money(p.doc.values[key]!, c)}，${p.entry.file}`).join('；'),
          });
          const ptr = `/documents/${kind}${pointer}`;
          if (diff <= tolerance) {
            const r = messages.rounding({ base: t.zh });
            issues.push(issue(ptr, 'notice', 'round.amount', { zh: r.zh, en: `${t.en} (${r.en})` }, money(sum, c), money(total, c)));
          } else issues.push(issue(ptr, 'error', 'cross.sum', t, money(sum, c), money(total, c)));
        }
      }
    }

    // This year's 上年数 against last year's file.
    const last = at(e.unit, e.year - 1);
    if (last) {
      for (const kind of KINDS) {
        const mine = f.docs[kind];
        const theirs = last.facts.docs[kind];
        if (!mine || !theirs) continue;
        for (const [key, prev] of Object.entries(mine.previous)) {
          const value = theirs.values[key];
          if (value === undefined) continue;
          const tolerance = mine.unit + theirs.unit * (theirs.counts[key] ?? 1);
          if (Math.abs(prev - value) <= tolerance) continue;
          const c = mine.currency;
          const t = messages['cross.previous']({ label: labelOf(key), printed: money(prev, c), other: last.file, derived: money(value, c), kind: KIND_ZH[kind] });
          issues.push(issue(`/documents/${kind}/figures/${esc(key)}/previous`, 'warning', 'cross.previous', t, `${money(value, c)}（${last.file}）`, money(prev, c)));
        }
      }
    }

    // A 决算's 年初预算 against the same year's 预算.
    const fin = f.docs.final;
    const bud = f.docs.budget;
    if (fin && bud) {
      for (const [key, b] of Object.entries(fin.budget)) {
        const value = bud.values[key];
        if (value === undefined) continue;
        const tolerance = fin.unit * (fin.counts[key] ?? 1) + bud.unit * (bud.counts[key] ?? 1);
        if (Math.abs(b.value - value) <= tolerance) continue;
        const c = fin.currency;
        const other = `${e.file} 的预算`;
        const t = messages['cross.budget']({ label: labelOf(key), printed: money(b.value, c), other, derived: money(value, c) });
        issues.push(issue(`/documents/final${b.pointer}`, 'warning', 'cross.budget', t, `${money(value, c)}（${other}）`, money(b.value, c)));
      }
    }

    // Name and code against the nearest earlier year's file.
    const earlier = (byUnit.get(e.unit) ?? []).filter((o) => o.year < e.year).sort((a, b) => b.year - a.year)[0];
    if (earlier) {
      if (earlier.facts.name !== f.name) {
        issues.push(issue('/unit/name', 'warning', 'cross.identity', messages['cross.identity']({ what: '名称', printed: f.name, other: earlier.file, found: earlier.facts.name }), earlier.facts.name, f.name));
      }
      if (earlier.facts.code !== undefined && f.code !== undefined && earlier.facts.code !== f.code) {
        issues.push(issue('/unit/code', 'warning', 'cross.identity', messages['cross.identity']({ what: '代码', printed: f.code, other: earlier.file, found: earlier.facts.code }), earlier.facts.code, f.code));
      }
    }

    const acks = KINDS.flatMap((k) => f.docs[k]?.acks ?? []);
    for (const i of acknowledge(issues, acks)) out.push({ entry: e, issue: i });
  }
  return out;
}
