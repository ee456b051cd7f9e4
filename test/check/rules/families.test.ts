/**
 * The rule families (scripts/lib/check/rules/), each against its own fixture file
 * test/fixtures/rules/<family>.json: a base data file and cases that change it at JSON
 * pointers. A case lists every finding the changed file must give — rule, severity and
 * pointer, worked out by hand from the change, never copied from the output — and a case
 * with no findings is a file the family must leave silent. Every family has a fixture file,
 * at least one silent case and one case for each rule it names (or the rule is listed under
 * notCovered with the reason); every rule a case expects is one that some family declares.
 * A fixture of several files (the cross-file rules) names the base file's name in the check and
 * the other files checked with it; a case may change or leave out each, and its expectations
 * name the file of each finding. A case may name another base file (a 决算 for the 决算-only rules).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkBytes, finishCheck, ownerOf } from '../../../scripts/lib/check/check.ts';
import { RULE_FAMILIES } from '../../../scripts/lib/check/rules/index.ts';
import { loadLibrary } from '../../../scripts/lib/model/reference.ts';
import type { Expected, FixtureFile } from '../../../scripts/lib/check/rules/rules-doc.ts';

const root = join(import.meta.dirname, '../../..');
const fixtures = join(root, 'test/fixtures/rules');
const lib = loadLibrary(root);

const unescape = (t: string) => t.replace(/~1/g, '/').replace(/~0/g, '~');

function apply(doc: unknown, pointer: string, value: unknown, remove = false): void {
  const tokens = pointer.split('/').slice(1).map(unescape);
  const last = tokens.pop()!;
  let at = doc as Record<string, unknown>;
  for (const t of tokens) {
    const next = at[t];
    if (next === undefined || next === null || typeof next !== 'object') throw new Error(`fixture pointer ${pointer}: no ${t}`);
    at = next as Record<string, unknown>;
  }
  if (remove) {
    if (Array.isArray(at)) at.splice(Number(last), 1);
    else delete at[last];
  } else if (Array.isArray(at) && last === '-') at.push(value);
  else at[last] = value;
}

const key = (f: Expected, main?: string) => `${f.file ?? main ?? ''} ${f.rule} ${f.severity} ${f.pointer}`;
const declared = new Set(RULE_FAMILIES.flatMap((f) => f.rules));

for (const family of RULE_FAMILIES) {
  const path = join(fixtures, `${family.id}.json`);
  const s = suite(`rules/${family.id}`);
  s('has its fixture file, a silent case and a case for every rule it names', () => {
    assert.ok(existsSync(path), `missing ${path}`);
    const fx = JSON.parse(readFileSync(path, 'utf8')) as FixtureFile;
    assert.is(fx.family, family.id);
    assert.ok(fx.cases.some((c) => c.rule === undefined && c.expect.length === 0), 'no silent case');
    const covered = new Set(fx.cases.flatMap((c) => [c.rule ?? '', ...c.expect.map((e) => e.rule)]));
    for (const c of fx.cases) if (c.rule) assert.ok(family.rules.includes(c.rule), `${c.name}: ${c.rule} is not a rule of ${family.id}`);
    const pending = fx.notCovered ?? {};
    for (const [rule, why] of Object.entries(pending)) {
      assert.ok(family.rules.includes(rule), `notCovered names ${rule}, not a rule of ${family.id}`);
      assert.not.ok(covered.has(rule), `${rule} has a case now: take it out of notCovered`);
      assert.ok(/[\u4e00-\u9fff]/.test(why), `notCovered ${rule}: say why in Chinese`);
    }
    assert.equal(family.rules.filter((r) => !covered.has(r) && !(r in pending)), [], `rules of ${family.id} without a case`);
  });
  if (!existsSync(path)) {
    s.run();
    continue;
  }
  const fx = JSON.parse(readFileSync(path, 'utf8')) as FixtureFile;
  const baseText = readFileSync(join(dirname(path), fx.base), 'utf8');
  const main = fx.file ?? `test/fixtures/rules/${family.id}.json`;
  const others = Object.entries(fx.others ?? {}).map(([name, rel]) => ({ name, text: readFileSync(join(dirname(path), rel), 'utf8') }));
  for (const c of fx.cases) {
    s(c.name, () => {
      const doc = JSON.parse(c.base ? readFileSync(join(dirname(path), c.base), 'utf8') : baseText) as unknown;
      for (const [pointer, value] of Object.entries(c.set)) apply(doc, pointer, value);
      for (const pointer of c.remove ?? []) apply(doc, pointer, undefined, true);
      const texts = new Map<string, string>([[main, JSON.stringify(doc, null, 2)]]);
      for (const name of Object.keys(c.files ?? {})) assert.ok(others.some((o) => o.name === name), `${c.name}: ${name} is not one of the fixture's files`);
      for (const o of others) {
        const change = c.files?.[o.name];
        if (change?.omit) continue;
        const other = JSON.parse(o.text) as unknown;
        for (const [pointer, value] of Object.entries(change?.set ?? {})) apply(other, pointer, value);
        for (const pointer of change?.remove ?? []) apply(other, pointer, undefined, true);
        texts.set(o.name, JSON.stringify(other, null, 2));
      }
      // A case may change the profile its document uses: a copy, in a copy of the library.
      let caseLib = lib;
      if (c.profile) {
        const id = (doc as { documents: Record<string, { profile: string } | undefined> }).documents[Object.keys((doc as { documents: object }).documents)[0]!]!.profile;
        const profile = structuredClone(lib.profiles.get(id)) as unknown;
        assert.ok(profile, `${c.name}: no profile ${id}`);
        for (const [pointer, value] of Object.entries(c.profile)) apply(profile, pointer, value);
        caseLib = { ...lib, profiles: new Map(lib.profiles).set(id, profile as never) };
      }
      const checked = [...texts].map(([name, text]) => checkBytes(name, Buffer.from(text), caseLib));
      const findings = others.length
        ? finishCheck(root, caseLib, checked, checked.map(ownerOf), { read: (f) => texts.get(f)! }).findings.filter((f) => texts.has(f.file))
        : checked[0]!.findings;
      const found = findings.map((f) => key(f)).sort();
      assert.equal(found, c.expect.map((e) => key(e, main)).sort());
      for (const e of c.expect) assert.ok(declared.has(e.rule), `${e.rule} is declared by no rule family`);
      if (c.rule) assert.ok(c.expect.some((e) => e.rule === c.rule), `the case never shows ${c.rule}`);
      for (const f of findings) assert.ok(/[\u4e00-\u9fff]/.test(f.message), `${f.rule}: message not in Chinese`);
    });
  }
  s.run();
}
