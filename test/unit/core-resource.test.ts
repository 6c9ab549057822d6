/**
 * The program side of every resource class: while the SDK's constructor runs, it takes no stack
 * trace per promise (costly through ts-node's source maps), and nothing else about stacks changes
 * for the program: the limit comes back, and an error the SDK throws still shows where it came from.
 */
import * as pulumi from "@pulumi/pulumi";
import { pausePromiseStacks } from "../../src/core/resource";
import { ExoscaleInstance } from "../../src/exoscale/resources";

const ARGS = {
  zone: "ch-gva-2",
  name: "web-1",
  instanceType: "standard.tiny",
  template: "Linux Ubuntu 24.04 LTS 64-bit",
};

function frames(stack: string | undefined): string[] {
  return (stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at "));
}

describe("pausePromiseStacks", () => {
  const saved = process.env.PULUMI_DEBUG_PROMISE_LEAKS;
  afterEach(() => {
    if (saved === undefined) delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    else process.env.PULUMI_DEBUG_PROMISE_LEAKS = saved;
  });

  it("takes no stack frames until resumed, then restores the limit it found", () => {
    const limit = Error.stackTraceLimit;
    const stacks = pausePromiseStacks();
    const paused = new Error("paused").stack;
    stacks.resume();
    expect(frames(paused)).toEqual([]);
    expect(Error.stackTraceLimit).toBe(limit);
    expect(frames(new Error("after").stack).length).toBeGreaterThan(0);
  });

  it("leaves stacks on when PULUMI_DEBUG_PROMISE_LEAKS asks for leak reports", () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "true";
    const stacks = pausePromiseStacks();
    const stack = new Error("debugging").stack;
    stacks.resume();
    expect(frames(stack).length).toBeGreaterThan(0);
  });

  it("gives an error made while paused a stack from where it was caught", () => {
    const stacks = pausePromiseStacks();
    const error = new Error("from the SDK");
    const rethrown = stacks.failed(error) as Error;
    expect(rethrown).toBe(error);
    expect(rethrown.message).toBe("from the SDK");
    expect(rethrown.stack).toContain("core-resource.test.ts");
  });
});

describe("constructing a resource", () => {
  beforeAll(() =>
    pulumi.runtime.setMocks(
      {
        newResource: async (args) => ({ id: `${args.name}-id`, state: args.inputs }),
        call: async () => ({}),
      },
      "project",
      "stack",
      true,
    ),
  );

  it("registers it and leaves the program's stack trace limit as it was", async () => {
    const limit = Error.stackTraceLimit;
    const web = new ExoscaleInstance("web", ARGS);
    expect(Error.stackTraceLimit).toBe(limit);
    expect(await new Promise((resolve) => web.urn.apply(resolve))).toContain("exoscale:Instance::web");
  });

  it("passes on an error the SDK's constructor throws, with a stack through the caller", () => {
    const limit = Error.stackTraceLimit;
    let thrown: unknown;
    try {
      new ExoscaleInstance("", ARGS);
    } catch (error) {
      thrown = error;
    }
    expect(Error.stackTraceLimit).toBe(limit);
    expect((thrown as Error).message).toMatch(/name/i);
    expect((thrown as Error).stack).toContain("core-resource.test.ts");
  });
});
