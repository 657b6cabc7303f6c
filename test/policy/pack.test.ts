import * as fs from 'fs';
import * as path from 'path';
import { DockerfilePolicy, Severity } from '../../lib/policy';

describe('rule pack', () => {
  const rules = DockerfilePolicy.rules();

  test('pins the full list of ids and levels (ids are API: never renumber)', () => {
    expect(rules.map(r => [r.id, r.level])).toEqual([
      ['CDL001', 'error'],
      ['CDL002', 'error'],
      ['CDL003', 'error'],
      ['CDL004', 'error'],
      ['CDL005', 'error'],
      ['CDL006', 'error'],
      ['CDL007', 'error'],
      ['CDL008', 'error'],
      ['CDL009', 'error'],
      ['CDL010', 'error'],
      ['CDL011', 'error'],
      ['CDL012', 'error'],
      ['CDL013', 'error'],
      ['CDL101', 'warning'],
      ['CDL102', 'warning'],
      ['CDL103', 'warning'],
      ['CDL104', 'warning'],
      ['CDL105', 'warning'],
      ['CDL106', 'warning'],
      ['CDL107', 'warning'],
      ['CDL108', 'warning'],
    ]);
  });

  test('CDL0xx are errors and CDL1xx warnings; ids are unique and never hadolint\'s', () => {
    for (const r of rules) {
      expect(r.id).toMatch(/^CDL[01]\d\d$/);
      expect(r.level).toBe(r.id.startsWith('CDL0') ? Severity.ERROR : Severity.WARNING);
    }
    expect(new Set(rules.map(r => r.id)).size).toBe(rules.length);
  });

  test('every rule has a title, a description and a fix', () => {
    for (const r of rules) {
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.description.length).toBeGreaterThan(60);
      expect(r.fix.length).toBeGreaterThan(20);
    }
  });

  test('rules() returns copies: callers cannot change the pack', () => {
    (DockerfilePolicy.rules()[0] as { title: string }).title = 'changed';
    expect(DockerfilePolicy.rules()[0].title).not.toBe('changed');
  });

  describe('RULES.md', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'RULES.md'), 'utf8');

    test.each(rules.map(r => [r.id, r]))('documents %s with its title and level', (id, r) => {
      const rule = r as (typeof rules)[number];
      expect(doc).toContain(`## ${id}: ${rule.title}`);
      const section = doc.slice(doc.indexOf(`## ${id}:`)).split(/\n## /)[0];
      expect(section).toContain(`**Level:** ${rule.level}`);
      expect(section).toMatch(/\*\*Why:\*\*/);
      expect(section).toMatch(/\*\*Fix:\*\*/);
      expect(section).toMatch(/```Dockerfile/);
    });

    test('documents no rule that does not exist', () => {
      const documented = [...doc.matchAll(/^## (CDL\d+):/gm)].map(m => m[1]);
      expect(documented).toEqual(rules.map(r => r.id));
    });

    test('the summary table lists every rule in order with its level and title', () => {
      const rows = [...doc.matchAll(/^\| \[(CDL\d+)\]\(#[^)]+\) \| (error|warning) \| (.+) \|$/gm)].map(m => [m[1], m[2], m[3]]);
      expect(rows).toEqual(rules.map(r => [r.id, r.level, r.title]));
    });
  });
});

describe('RULES.md examples', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'RULES.md'), 'utf8');
  const digest = `sha256:${'ab'.repeat(32)}`;
  const sections = doc.split(/\n## (?=CDL\d+:)/).slice(1);

  test.each(sections.map(s => [s.slice(0, 6), s]))('%s: the non-compliant example is reported and the compliant one is not', (id, section) => {
    const blocks = [...section.matchAll(/(Non-compliant|Compliant):\n\n```Dockerfile\n([\s\S]*?)```/g)];
    expect(blocks.map(b => b[1])).toEqual(['Non-compliant', 'Compliant']);
    const ids = (content: string) => new DockerfilePolicy().lint(content.replace(/sha256:<digest>/g, digest)).findings
      .filter(f => !f.suppressed).map(f => f.ruleId);
    expect(ids(blocks[0][2])).toContain(id);
    expect(ids(blocks[1][2])).not.toContain(id);
  });
});
