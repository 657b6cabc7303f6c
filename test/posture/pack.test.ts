import * as fs from 'fs';
import * as path from 'path';
import { PostureCheck } from '../../lib/posture';

const rules = PostureCheck.rules();

describe('posture rule pack', () => {
  test('pins the full list of ids and levels (ids are API: never renumber)', () => {
    expect(rules.map(r => `${r.id} ${r.level}`)).toEqual([
      ...Array.from({ length: 23 }, (_, i) => `CDP0${String(i + 1).padStart(2, '0')} error`),
      'CDP101 warning', 'CDP102 warning', 'CDP103 warning', 'CDP104 warning',
    ]);
  });

  test('CDP0xx are errors, CDP1xx warnings; ids unique; distinct from the Dockerfile rules', () => {
    for (const r of rules) {
      expect(r.id).toMatch(/^CDP[01]\d\d$/);
      expect(r.level).toBe(r.id.startsWith('CDP0') ? 'error' : 'warning');
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.description.length).toBeGreaterThan(60);
      expect(r.fix.length).toBeGreaterThan(20);
      expect(r.platforms.length).toBeGreaterThan(0);
    }
    expect(new Set(rules.map(r => r.id)).size).toBe(rules.length);
  });

  test('the relaxation controls match the workload layer\'s Relaxation.control ids', () => {
    expect(rules.filter(r => r.relaxationControl).map(r => [r.id, r.relaxationControl])).toEqual([['CDP002', 'read-only-root'], ['CDP006', 'capabilities']]);
  });

  test('rules() returns copies', () => {
    (PostureCheck.rules()[0] as { title: string }).title = 'changed';
    PostureCheck.rules()[0].platforms.push();
    expect(PostureCheck.rules()[0].title).not.toBe('changed');
  });
});

describe('RULES.md: posture rules', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'RULES.md'), 'utf8');
  const posture = doc.slice(doc.indexOf('\n# Posture rules'));

  test.each(rules.map(r => [r.id, r] as const))('documents %s with its title, level, platforms and controls', (id, r) => {
    expect(posture).toContain(`## ${id}: ${r.title}`);
    const section = posture.slice(posture.indexOf(`## ${id}:`)).split(/\n## /)[0];
    expect(section).toContain(`**Level:** ${r.level}`);
    expect(section).toContain(`**Platforms:** ${r.platforms.join(', ')}`);
    expect(section).toContain(`**Checks:** ${r.description}`);
    expect(section).toContain(`**Fix:** ${r.fix}`);
    if (r.podSecurityStandards.length > 0) {
      expect(section).toContain(`**Pod Security Standards:** ${r.podSecurityStandards.join('; ')}`);
    }
  });

  test('documents no posture rule that does not exist, in order', () => {
    expect([...posture.matchAll(/^## (CDP\d+):/gm)].map(m => m[1])).toEqual(rules.map(r => r.id));
  });

  test('the summary table lists every rule in order with its level and title', () => {
    const rows = [...posture.matchAll(/^\| \[(CDP\d+)\]\(#[^)]+\) \| (error|warning) \| ([^|]+) \|/gm)].map(m => [m[1], m[2], m[3].trim()]);
    expect(rows).toEqual(rules.map(r => [r.id, r.level, r.title]));
  });

  const sections = posture.split(/\n## (?=CDP\d+:)/).slice(1).filter(s => s.includes('```yaml'));
  test('every rule but the cdk.out-only ones has examples', () => {
    expect(sections.map(s => s.slice(0, 6))).toEqual(rules.map(r => r.id).filter(id => id !== 'CDP022' && id !== 'CDP104'));
  });

  test.each(sections.map(s => [s.slice(0, 6), s]))('%s: the non-compliant example is reported and the compliant one is not', (id, section) => {
    const blocks = [...section.matchAll(/(Non-compliant|Compliant):\n\n```yaml\n([\s\S]*?)```/g)];
    expect(blocks.map(b => b[1])).toEqual(['Non-compliant', 'Compliant']);
    const found = (text: string) => new PostureCheck().checkText(text.replace(/sha256:<digest>/g, `sha256:${'ab'.repeat(32)}`), 'example.yaml')
      .findings.filter(f => !f.suppressed).map(f => f.ruleId);
    expect(found(blocks[0][2])).toContain(id);
    expect(found(blocks[1][2])).not.toContain(id);
  });
});
