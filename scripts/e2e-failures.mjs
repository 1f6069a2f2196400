// The failed browser journeys of a TAP report (scripts/e2e.sh), a few lines
// each: the test, where, the error's first lines, expected and actual, the
// first line of its stack. The first failure, often the cause of the others,
// is printed last, where a CI log that keeps only the tail shows it.
// Usage: node e2e-failures.mjs [--brief|--files] REPORT.tap
//   --brief: two lines each (the test, and its error's first line), for the
//   very end of a whole run's log (scripts/test.sh).
//   --files: the journey files that failed, one a line (e2e/NAME.test.mjs),
//   or "all" when a failure names no file; for scripts/e2e.sh's second try.
import { readFileSync } from "node:fs";

const mode = process.argv[2].startsWith("--") ? process.argv[2] : "";
const brief = mode === "--brief";
const lines = readFileSync(process.argv[mode ? 3 : 2], "utf8").split("\n");
const failures = [];
const files = new Set();
for (let i = 0; i < lines.length; i++) {
  const head = /^\s*not ok \d+ - (.*)$/.exec(lines[i]);
  if (!head) continue;
  const block = [];
  for (i++; i < lines.length && !/^\s*\.\.\.$/.test(lines[i]); i++) block.push(lines[i]);
  if (mode === "--files") {
    const where = block.map((line) => /^\s*location: '?(.*?\/(e2e\/[^/:]+\.test\.mjs)):/.exec(line)).find(Boolean);
    files.add(where ? where[2] : "all");
    continue;
  }
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
  if (brief) {
    const error = field("error")[0];
    const location = field("location")[0];
    out.push(`  ${(error ?? "").slice(0, 200)}${location ? ` (${location.replace(/'/g, "").split("/").pop()})` : ""}`);
    failures.push(out.join("\n"));
    continue;
  }
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
if (mode === "--files") {
  console.log(files.has("all") ? "all" : [...files].join("\n"));
  process.exit(0);
}
if (failures.length === 0) process.exit(0);
console.log(`e2e: ${failures.length} failed (the first one last):`);
for (const text of failures.slice(1, brief ? 4 : 6).reverse()) console.log(text);
console.log(failures[0]);
