// Links node_modules/pulumi-dynamic-compute to this checkout, so example programs and the
// provider process resolve the package by its bare name exactly as they do once it is installed.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-dynamic-compute");
try {
  if (fs.lstatSync(link).isSymbolicLink() && fs.realpathSync(link) === root) process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // not there yet
}
fs.mkdirSync(path.dirname(link), { recursive: true });
fs.symlinkSync("..", link, "dir");
