import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Summarises a `node --cpu-prof` profile: the functions with the most self time, and the most
 * inclusive time for functions of the repository (so product code shows up beside library code).
 *   pnpm --dir bench exec tsx src/profile-summary.ts results/profiles/CPU.….cpuprofile [top]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

export function summarizeProfile(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totalHits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) || 1;
  const label = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${shorten(url)}:${lineNumber + 1}` : '';
    return `${functionName || '(anonymous)'} ${where}`.trim();
  };

  const self = new Map<string, number>();
  for (const node of profile.nodes) self.set(label(node), (self.get(label(node)) ?? 0) + (node.hitCount ?? 0));

  // Inclusive time, counting a function once per stack even when it recurses.
  const inclusive = new Map<string, number>();
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  for (const node of profile.nodes) {
    if (!node.hitCount) continue;
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parents.get(id)) {
      const name = label(byId.get(id)!);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + node.hitCount);
    }
  }

  const pct = (hits: number) => `${((hits / totalHits) * 100).toFixed(1).padStart(5)} %`;
  const lines = [`${path.basename(file)}: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s sampled`, '', 'self time:'];
  for (const [name, hits] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(hits)}  ${name}`);
  lines.push('', 'inclusive time, repository code:');
  const ours = [...inclusive].filter(([name]) => /(core|bench)\/src\/|core\/dist\//.test(name) && !name.includes("node_modules"));
  for (const [name, hits] of ours.sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(hits)}  ${name}`);
  return lines.join('\n');
}

function shorten(url: string): string {
  const clean = url.replace(/^file:\/\//, '');
  const modules = clean.lastIndexOf('node_modules/');
  if (modules >= 0) return clean.slice(modules + 'node_modules/'.length).replace(/^\.pnpm\/[^/]+\/node_modules\//, '');
  const src = clean.search(/(core|bench)\/(src|dist)\//);
  return src >= 0 ? clean.slice(src) : clean;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: tsx src/profile-summary.ts <file.cpuprofile> [top]');
    process.exit(1);
  }
  console.log(summarizeProfile(file, Number(top ?? 25)));
}
