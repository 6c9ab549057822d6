/** The emulator's fake exec shell: quoting, expansion, lists, pipes, redirects and exit codes. */
import { FakeShell, tokenize } from "../../src/emulator/koyeb/shell";

async function run(argv: string[], stdin = "") {
  let stdout = "";
  let stderr = "";
  const code = await new FakeShell({ NAME: "web", HOSTNAME: "web-1" }).run(argv, {
    readStdin: async () => stdin,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    signal: new AbortController().signal,
  });
  return { stdout, stderr, code };
}

describe("FakeShell", () => {
  it("tokenizes quotes, expansions and operators", () => {
    expect(tokenize(`echo 'a b' "c $NAME" $? x&&y|z >&2`, { NAME: "n" }, () => 3)).toEqual([
      { word: "echo" },
      { word: "a b" },
      { word: "c n" },
      { word: "3" },
      { word: "x" },
      { op: "&&" },
      { word: "y" },
      { op: "|" },
      { word: "z" },
      { op: ">&2" },
    ]);
  });

  it.each([
    [["echo", "hi", "there"], "", { stdout: "hi there\n", stderr: "", code: 0 }],
    [["echo", "-n", "hi"], "", { stdout: "hi", stderr: "", code: 0 }],
    [["cat"], "in\n", { stdout: "in\n", stderr: "", code: 0 }],
    [["cat", "/etc/passwd"], "", { stdout: "", stderr: "cat: /etc/passwd: No such file or directory\n", code: 1 }],
    [["printenv", "NAME"], "", { stdout: "web\n", stderr: "", code: 0 }],
    [["hostname"], "", { stdout: "web-1\n", stderr: "", code: 0 }],
    [["vim"], "", { stdout: "", stderr: "sh: vim: not found\n", code: 127 }],
    [["exit", "300"], "", { stdout: "", stderr: "", code: 44 }],
    [["sh", "-c", "false && echo no || echo yes; echo $NAME"], "", { stdout: "yes\nweb\n", stderr: "", code: 0 }],
    [["sh", "-c", "echo one | cat | cat; echo two >&2"], "", { stdout: "one\n", stderr: "two\n", code: 0 }],
    [["sh", "-c", "cat; exit 5; echo never"], "data", { stdout: "data", stderr: "", code: 5 }],
    [["sh", "-c", "echo 'unterminated"], "", { stdout: "", stderr: "sh: unterminated quoted string\n", code: 2 }],
  ])("%j", async (argv, stdin, expected) => {
    expect(await run(argv, stdin)).toEqual(expected);
  });

  it("stops sleeping when the session ends", async () => {
    const abort = new AbortController();
    const started = Date.now();
    const done = new FakeShell({}).run(["sleep", "30"], {
      readStdin: async () => "",
      stdout: () => {},
      stderr: () => {},
      signal: abort.signal,
    });
    setTimeout(() => abort.abort(), 50);
    expect(await done).toBe(0);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
