// Where a server's CPU time went, from a V8 CPU profile (`npm run bench -- --cpu-prof` or
// `npx tsx bench/cpu-per-page.ts --cpu-prof` write them to bench/.tmp/profiles):
//
//   npx tsx bench/profile-summary.ts bench/.tmp/profiles/<file>.cpuprofile [--top 40]
//
// Prints each package's share of the samples (self time), then the functions with the largest
// share including what they call. bench/changes.md quotes its percentages.
import fs from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[] };

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error("usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [--top N]");
const top = rest[0] === "--top" ? Number(rest[1]) : 40;
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const packageOf = ({ callFrame: { url, functionName } }: Node) =>
  /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.includes("/build/") ? "the app (build)" : url.startsWith("node:") ? "Node" : url || functionName);
const nameOf = ({ callFrame: { url, functionName, lineNumber } }: Node) => `${functionName || "(anonymous)"} ${url.replace(/.*node_modules\//, "").replace(/.*\/build\//, "build/")}:${lineNumber + 1}`;

const selfByPackage = new Map<string, number>();
const inclusive = new Map<string, number>();
const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
for (const sample of profile.samples) {
  add(selfByPackage, packageOf(byId.get(sample)!));
  const seen = new Set<string>();
  for (let id: number | undefined = sample; id !== undefined; id = parentOf.get(id)) {
    const name = nameOf(byId.get(id)!);
    if (!seen.has(name)) add(inclusive, name);
    seen.add(name);
  }
}

const print = (title: string, map: Map<string, number>, count: number) => {
  console.log(`\n${title}`);
  for (const [key, samples] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    console.log(`${((100 * samples) / profile.samples.length).toFixed(1).padStart(6)} %  ${key}`);
  }
};
console.log(`${profile.samples.length} samples`);
print("Self time by package", selfByPackage, 20);
print("Including callees, by function", inclusive, top);
