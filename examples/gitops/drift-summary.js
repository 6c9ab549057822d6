// Turns the output of `pulumi refresh --preview-only --diff --color never` (on stdin) into a short
// Markdown summary of what drifted, for the drift job's $GITHUB_STEP_SUMMARY:
//   node drift-summary.js <stack> < refresh.log
"use strict";
const fs = require("node:fs");

const stack = process.argv[2] ?? "";
const lines = fs.readFileSync(0, "utf8").split("\n");
// "    ~ pulumi-nodejs:dynamic/exoscale:Instance: (update) 🔒" (the lock: protected); unchanged ones print "(same)", no sign.
const header = /^(\s*)([~+-]{1,2})\s+(\S+): \(([\w-]+)\)/;
const drifted = [];
for (let i = 0; i < lines.length; i++) {
  const found = header.exec(lines[i]);
  if (!found) continue;
  const [, indent, , type, operation] = found;
  const resource = { type, operation, name: "", properties: [] };
  // The resource's own lines sit deeper than its header; its top-level properties two columns in.
  const property = new RegExp(`^${indent}  ([~+-]{1,2}) ([^\\s:]+)\\s*:`);
  for (i++; i < lines.length && (lines[i].startsWith(`${indent} `) || lines[i] === ""); i++) {
    const urn = /\[urn=(\S+)\]/.exec(lines[i]);
    if (urn) resource.name = urn[1].split("::").pop();
    const changed = property.exec(lines[i]);
    if (changed) resource.properties.push(`${changed[1]}${changed[2]}`);
  }
  i--;
  drifted.push(resource);
}

const out = [`### Drift in stack \`${stack}\``, ""];
if (drifted.length === 0) out.push("The refresh reported changes, but none could be read from its output.");
else {
  out.push(
    "| resource | type | refresh would | properties (`~` changed, `+` added, `-` removed) |",
    "|---|---|---|---|",
  );
  for (const r of drifted)
    out.push(`| ${r.name || "?"} | \`${r.type}\` | ${r.operation} | ${r.properties.join(", ") || "-"} |`);
}
out.push(
  "",
  "Put the clouds back with the next deploy (`pulumi up --refresh` on main), or accept the change in the program.",
);
process.stdout.write(out.join("\n") + "\n");
