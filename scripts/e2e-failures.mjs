// The failed browser journeys of a TAP report (scripts/e2e.sh), a few lines
// each: the test, where, the error's first lines, expected and actual, the
// first line of its stack. The first failure, often the cause of the others,
// is printed last, where a CI log that keeps only the tail shows it.
// Usage: node e2e-failures.mjs REPORT.tap
import { readFileSync } from "node:fs";

const lines = readFileSync(process.argv[2], "utf8").split("\n");
const failures = [];
for (let i = 0; i < lines.length; i++) {
  const head = /^\s*not ok \d+ - (.*)$/.exec(lines[i]);
  if (!head) continue;
  const block = [];
  for (i++; i < lines.length && !/^\s*\.\.\.$/.test(lines[i]); i++) block.push(lines[i]);
  if (block.some((line) => /failureType: 'subtestsFailed'/.test(line))) continue; // a suite: its tests are listed
  const field = (name) => {
    const at = block.findIndex((line) => new RegExp(`^\\s*${name}:`).test(line));
    if (at < 0) return [];
    const first = block[at].replace(/^\s*[a-zA-Z]+:\s*/, "");
    if (first !== "|-" && first !== "|" && first !== ">-") return [first];
    const indent = /^\s*/.exec(block[at])[0].length;
    const rest = [];
    for (let j = at + 1; j < block.length && /^\s*/.exec(block[j])[0].length > indent; j++) rest.push(block[j].trim());
    return rest.filter((line) => line !== "");
  };
  const out = [`e2e FAILED: ${head[1]}`];
  const location = field("location")[0];
  if (location) out.push(`  at ${location}`);
  for (const line of field("error").slice(0, 5)) out.push(`  ${line}`);
  for (const name of ["expected", "actual"]) {
    const value = field(name);
    if (value.length) out.push(`  ${name}: ${value.join(" ").slice(0, 300)}`);
  }
  const stack = field("stack")[0];
  if (stack) out.push(`  stack: ${stack}`);
  failures.push(out.map((line) => line.slice(0, 300)).join("\n"));
}
if (failures.length === 0) process.exit(0);
console.log(`e2e: ${failures.length} failed (the first one last):`);
for (const text of failures.slice(1, 6).reverse()) console.log(text);
console.log(failures[0]);
