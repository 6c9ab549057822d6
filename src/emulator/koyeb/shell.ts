/**
 * A tiny, fake shell for the emulated exec stream: it runs a fixed set of commands in memory (never
 * a real process) so exec round trips can be tested end to end. Supported: `echo [-n]`, `cat`
 * (copies stdin), `env`, `printenv [NAME]`, `hostname`, `true`, `false`, `sleep N`, `exit [N]`, and
 * `sh -c '<script>'` whose script may chain them with `;`, `&&`, `||` and `|`, redirect with `>&2`,
 * and expand `$NAME` (and `$?`, read when the script starts, not after each command). Anything else
 * is "not found" (exit 127), as in a real shell.
 */

/** Where a running command reads and writes. */
interface ShellIo {
  /** Resolves with all of stdin once the client closed it. */
  readStdin(): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Set when the session ended (client gone): long commands stop early. */
  signal: AbortSignal;
}

class ExitRequest {
  constructor(readonly code: number) {}
}

type Token = { word: string } | { op: ";" | "&&" | "||" | "|" | ">&2" | "2>&1" };

/** Splits a script into words and operators, honouring single and double quotes and `$` expansion. */
export function tokenize(script: string, env: Record<string, string>, lastStatus: () => number): Token[] {
  const tokens: Token[] = [];
  let word = "";
  let inWord = false;
  const flush = () => {
    if (inWord) tokens.push({ word });
    word = "";
    inWord = false;
  };
  const expand = (from: number): [string, number] => {
    if (script[from + 1] === "?") return [String(lastStatus()), from + 2];
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(script.slice(from + 1))?.[0];
    if (!name) return ["$", from + 1];
    return [env[name] ?? "", from + 1 + name.length];
  };
  for (let i = 0; i < script.length;) {
    const c = script[i];
    const rest = script.slice(i);
    if (c === "'") {
      const end = script.indexOf("'", i + 1);
      if (end < 0) throw new Error("unterminated quoted string");
      word += script.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      inWord = true;
      i++;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === "\\" && i + 1 < script.length) {
          word += script[i + 1];
          i += 2;
        } else if (script[i] === "$") {
          const [value, next] = expand(i);
          word += value;
          i = next;
        } else word += script[i++];
      }
      if (script[i] !== '"') throw new Error("unterminated quoted string");
      i++;
    } else if (c === "$") {
      const [value, next] = expand(i);
      word += value;
      inWord = true;
      i = next;
    } else if (/\s/.test(c)) {
      flush();
      i++;
    } else {
      const op = ["&&", "||", "1>&2", ">&2", "2>&1", ";", "|"].find((candidate) => rest.startsWith(candidate));
      if (op) {
        flush();
        tokens.push({ op: (op === "1>&2" ? ">&2" : op) as Extract<Token, { op: string }>["op"] });
        i += op.length;
      } else {
        word += c;
        inWord = true;
        i++;
      }
    }
  }
  flush();
  return tokens;
}

/** The in-memory shell of one emulated instance. */
export class FakeShell {
  private status = 0;

  constructor(private readonly env: Record<string, string>) {}

  /** Runs an exec `command` (argv) and resolves with its exit code. */
  async run(argv: string[], io: ShellIo): Promise<number> {
    try {
      if (
        (argv[0] === "sh" || argv[0] === "/bin/sh" || argv[0] === "bash" || argv[0] === "/bin/bash") &&
        argv[1] === "-c"
      ) {
        return await this.script(argv[2] ?? "", io);
      }
      return await this.simple(argv, io);
    } catch (error) {
      if (error instanceof ExitRequest) return error.code;
      io.stderr(`sh: ${(error as Error).message}\n`);
      return 2;
    }
  }

  private async script(script: string, io: ShellIo): Promise<number> {
    const tokens = tokenize(script, this.env, () => this.status);
    // Lists: pipelines joined by ; && ||, evaluated left to right like sh.
    let pending: "always" | "and" | "or" = "always";
    let pipeline: Token[] = [];
    const runPipeline = async () => {
      const skip = (pending === "and" && this.status !== 0) || (pending === "or" && this.status === 0);
      if (!skip && pipeline.length > 0) this.status = await this.pipeline(pipeline, io);
      pipeline = [];
    };
    for (const token of tokens) {
      if ("op" in token && (token.op === ";" || token.op === "&&" || token.op === "||")) {
        await runPipeline();
        pending = token.op === ";" ? "always" : token.op === "&&" ? "and" : "or";
      } else pipeline.push(token);
    }
    await runPipeline();
    return this.status;
  }

  /** `a | b | c`: each stage's stdout is the next stage's stdin. */
  private async pipeline(tokens: Token[], io: ShellIo): Promise<number> {
    const stages: Token[][] = [[]];
    for (const token of tokens) {
      if ("op" in token && token.op === "|") stages.push([]);
      else stages[stages.length - 1].push(token);
    }
    let input: (() => Promise<string>) | undefined;
    let code = 0;
    for (const [index, stage] of stages.entries()) {
      const last = index === stages.length - 1;
      let captured = "";
      const toStderr = stage.some((t) => "op" in t && t.op === ">&2");
      const mergeStderr = stage.some((t) => "op" in t && t.op === "2>&1");
      const argv = stage.filter((t): t is { word: string } => "word" in t).map((t) => t.word);
      const out = (text: string) => (toStderr ? io.stderr(text) : last ? io.stdout(text) : (captured += text));
      const stageIo: ShellIo = {
        readStdin: input ?? io.readStdin,
        stdout: out,
        stderr: mergeStderr ? out : io.stderr,
        signal: io.signal,
      };
      code = await this.simple(argv, stageIo);
      const output = captured;
      input = () => Promise.resolve(output);
    }
    return code;
  }

  private async simple(argv: string[], io: ShellIo): Promise<number> {
    const [name, ...args] = argv;
    switch (name) {
      case undefined:
        return 0;
      case "echo": {
        const newline = args[0] !== "-n";
        io.stdout(args.slice(newline ? 0 : 1).join(" ") + (newline ? "\n" : ""));
        return 0;
      }
      case "cat":
        if (args.length > 0) {
          io.stderr(`cat: ${args[0]}: No such file or directory\n`);
          return 1;
        }
        io.stdout(await io.readStdin());
        return 0;
      case "env":
        io.stdout(
          Object.entries(this.env)
            .map(([key, value]) => `${key}=${value}\n`)
            .join(""),
        );
        return 0;
      case "printenv":
        if (args.length === 0) return this.simple(["env"], io);
        if (this.env[args[0]] === undefined) return 1;
        io.stdout(`${this.env[args[0]]}\n`);
        return 0;
      case "hostname":
        io.stdout(`${this.env.HOSTNAME}\n`);
        return 0;
      case "true":
        return 0;
      case "false":
        return 1;
      case "sleep": {
        const seconds = Number(args[0]);
        if (!Number.isFinite(seconds) || seconds < 0) {
          io.stderr(`sleep: invalid time interval '${args[0] ?? ""}'\n`);
          return 1;
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, seconds * 1000);
          io.signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
        });
        return 0;
      }
      case "exit": {
        const code = args[0] === undefined ? this.status : Number(args[0]);
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- unwinds the script to run()'s catch, not an error
        throw new ExitRequest(Number.isInteger(code) ? ((code % 256) + 256) % 256 : 2);
      }
      default:
        io.stderr(`sh: ${name}: not found\n`);
        return 127;
    }
  }
}
