/**
 * Synthetic booklet summaries for the portal at scale (test/site/portal.test.ts, the bench):
 * a district's 部门 with 1–8 单位 each, three years, a 预算 and a 决算 per year, named and coded
 * like syntheticFile's units. Only the summary is made (no data file, no booklet): what the
 * site phase (finish.ts) works from. Deterministic: the same count gives the same summaries.
 */
import { bookletPaths } from '../booklet/booklet.ts';
import type { MainFigures } from '../booklet/main-figures.ts';
import type { BookletSummary } from '../site/model.ts';

const THEMES = ['医疗保障局', '教育局', '民政局', '卫生健康委员会', '交通运输局', '商务委员会', '财政局', '生态环境局', '文化和旅游局', '农业农村局'];
const PLACES = ['淮北市', '宿州市', '泗县', '灵璧县', '萧县', '砀山县', '普陀区', '济源市'];
const YEARS = [2023, 2024, 2025];

function figures(seed: number): MainFigures {
  // 分 amounts, integers; a simple LCG keeps them varied and reproducible.
  let x = (seed * 2654435761) >>> 0;
  const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
  const basic = (next() % 50_000_000) * 100 + 1_000_000_00;
  const project = (next() % 80_000_000) * 100;
  return { income: basic + project, expenditure: basic + project, basic, project, fiscal: basic + project - (next() % 1000) * 100, threePublic: (next() % 5000) * 10000 };
}

/** `count` summaries (rounded down to whole years × kinds of whole units). */
export function syntheticSummaries(count: number): BookletSummary[] {
  const out: BookletSummary[] = [];
  for (let d = 0; out.length < count; d++) {
    const place = PLACES[d % PLACES.length]!;
    const deptName = `${place}${THEMES[d % THEMES.length]}${d >= PLACES.length * THEMES.length ? `第${Math.floor(d / (PLACES.length * THEMES.length)) + 1}分局` : ''}`;
    const deptId = `synth-d${String(d).padStart(4, '0')}`;
    const deptCode = String(100 + d);
    const units = 1 + (d % 8);
    const includeIds = Array.from({ length: units }, (_, u) => `${deptId}-u${u + 1}`);
    const members = [
      { id: deptId, name: deptName, code: deptCode, level: 'department' as const, family: { includeIds, region: `安徽省${place}` } },
      ...includeIds.map((id, u) => ({
        id,
        name: `${deptName}${u === 0 ? '本级' : `所属事业单位${u}`}`,
        code: `${deptCode}${String(u + 1).padStart(3, '0')}`,
        level: 'unit' as const,
        family: { parentId: deptId, parentName: deptName, parentCode: deptCode, includeIds: [], region: `安徽省${place}` },
      })),
    ];
    for (const m of members) {
      for (const year of YEARS) {
        for (const kind of ['budget', 'final'] as const) {
          if (out.length >= count) return out;
          const kindZh = kind === 'budget' ? '预算' : '决算';
          out.push({
            key: `${m.id}/${year}/${kind}`,
            unitId: m.id,
            unitName: m.name,
            unitCode: m.code,
            level: m.level,
            year,
            kind,
            kindZh,
            title: `${m.name}${year}年度${m.level === 'department' ? '部门' : '单位'}${kindZh}`,
            publishedDate: `${kind === 'budget' ? year : year + 1}-0${kind === 'budget' ? 2 : 8}-15`,
            publishedDateZh: `${kind === 'budget' ? year : year + 1}年${kind === 'budget' ? 2 : 8}月15日`,
            example: false,
            paths: bookletPaths(m.id, year, kind),
            figures: figures(out.length),
            family: m.family,
          });
        }
      }
    }
  }
  return out;
}
