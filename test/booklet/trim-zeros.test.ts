/**
 * A figure's trimZeros: the 说明 prints its amount and change without trailing decimal zeros where
 * the original does (区府办 2025: “科目4,614万元”, “事业收入0万元”, “因公出国（境）费839万元”) and the
 * others at their decimals (“科目1,202.95万元”). The sentences are the original's
 * (../shared/corpus/shanghai-putuo/quzhengfu-2025-department-budget.txt, 四、部门预算编制说明 and 六、).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { pageText, renderBookletHtml } from '../helpers/render-booklet.ts';

const root = join(import.meta.dirname, '../..');
const lib = loadLibrary(root);
const file = () => JSON.parse(readFileSync(join(root, 'data/putuo-quzhengfu/2025.json'), 'utf8')) as UnitYearFile;
const squeeze = (s: string) => s.replace(/\s+/g, '');
const textOf = async (f: UnitYearFile) => squeeze(pageText(await renderBookletHtml(root, lib, f, 'budget')));

test('figures marked trimZeros print as the original; the others keep their decimals', async () => {
  const text = await textOf(file());
  for (const said of [
    '事业收入0万元；事业单位经营收入0万元；其他收入0万元。',
    // The original's “比2024年预算持平” is ungrammatical; the profile's {versusAmount} prints “与…持平”.
    '政府性基金拨款支出预算0万元，与2024年预算持平',
    // The 项 lines in the file's own wording (“类-款-项”, test/booklet/unit-wording.test.ts), the amounts as the original's.
    '及相关机构事务-一般行政管理事务”科目4,614万元',
    '及相关机构事务-行政运行”科目1,202.95万元',
    '（一）因公出国（境）费839万元',
    '政府采购预算34万元，其中：政府采购货物预算0万元、政府采购工程预算0万元、政府采购服务预算34万元。',
  ]) {
    assert.ok(text.includes(squeeze(said)), said);
  }
});

test('without trimZeros the same figures print at their decimals', async () => {
  const f = file();
  for (const fig of Object.values(f.documents.budget!.figures ?? {})) delete fig.trimZeros;
  const text = await textOf(f);
  assert.ok(text.includes('科目4,614.00万元'));
  assert.ok(text.includes('事业收入0.00万元'));
  assert.ok(text.includes('因公出国（境）费839.00万元'));
});

test.run();
